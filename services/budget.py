"""The wedding budget: categories, items, payments, payers' shares, "what if" scenarios, exports.

Money is integer minor units of the wedding's currency. Per-guest categories and items carry a
price per head, multiplied by the budget's guest count: the number of guests on the guest list,
or the wedding's expected guest count while the list is empty (see `headcount_expr`).

An item's *actual* cost is `BudgetItem.committed_minor` (what is signed or booked); its
*forecast* is the actual cost once known, else the estimate. `paid_minor` is always the sum of
the item's payments, kept here in the same transaction as the payment itself.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from babel.numbers import get_currency_precision, get_decimal_symbol
from sqlmodel import Session, func, select

from models.budget import PAYMENT_METHODS, BudgetPayer, BudgetPayment, BudgetScenario, BudgetShare
from models.guests import Guest
from models.planning import BudgetCategory, BudgetItem
from models.weddings import Wedding
from services import audit, i18n
from services.authz import Permission, Principal, can
from services.errors import N_, Conflict, Msg, NotFound, TamperedInput, ValidationError
from services.tenancy import get_scoped, scoped
from services.weddings import MAX_GUESTS, load_wedding

MAX_AMOUNT_UNITS = Decimal("10000000")  # ten million in the major unit: more is a typo
MAX_PER_HEAD_UNITS = Decimal("100000")
DUE_HORIZON = timedelta(days=30)
CATERING = "catering"

# The suggested categories: key, name (message id), per guest, share of the total budget in percent.
DEFAULT_CATEGORIES: tuple[tuple[str, str, bool, int], ...] = (
    ("venue", N_("Venue").id, False, 18),
    ("catering", N_("Catering").id, True, 30),
    ("attire", N_("Attire").id, False, 8),
    ("photography", N_("Photography").id, False, 9),
    ("music", N_("Music").id, False, 6),
    ("flowers", N_("Flowers").id, False, 7),
    ("stationery", N_("Stationery").id, False, 2),
    ("rings", N_("Rings").id, False, 3),
    ("transport", N_("Transport").id, False, 2),
    ("beauty", N_("Hair and beauty").id, False, 2),
    ("favours", N_("Favours").id, False, 2),
    ("officiant", N_("Officiant").id, False, 1),
    ("honeymoon", N_("Honeymoon").id, False, 5),
    ("contingency", N_("Contingency").id, False, 5),
)
DEFAULT_NAMES = {kind: name for kind, name, _, _ in DEFAULT_CATEGORIES}
METHOD_LABELS = {
    "transfer": N_("Bank transfer").id,
    "card": N_("Card").id,
    "cash": N_("Cash").id,
    "cheque": N_("Cheque").id,
    "other": N_("Other").id,
}


class NeedsConfirmation(ValidationError):
    """Valid, but unusual enough that the user must confirm (e.g. paying more than the balance)."""


# ---- money arithmetic (pure) ------------------------------------------------------------


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights`, in whole minor units, summing exactly to `total`.

    Largest remainder: each part is floor(total * w / W), and the units left over go, one each,
    to the parts with the largest remainders (ties to the earliest). Zero weights get nothing.
    """
    if not weights:
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    whole = sum(weights)
    if whole == 0:
        raise ValueError("at least one weight must be positive")
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    parts, remainders = [], []
    for i, w in enumerate(weights):
        q, r = divmod(magnitude * w, whole)
        parts.append(q)
        remainders.append((-r, i))
    for _, i in sorted(remainders)[: magnitude - sum(parts)]:
        parts[i] += 1
    return [sign * p for p in parts]


def split_amounts(total: int, mode: str, shares: Sequence[tuple[Any, int, int]]) -> tuple[dict[Any, int], int]:
    """Each payer's part of an item costing `total`, and what no payer covers.

    `shares` are (payer, percent in basis points, fixed amount). In percent mode the parts sum to
    `total` exactly; in amount mode they are the fixed amounts and the rest stays unassigned.
    """
    if not shares or mode not in ("percent", "amount"):
        return {}, total
    if mode == "percent":
        weights = [max(bp, 0) for _, bp, _ in shares]
        if sum(weights) == 0:
            return {}, total
        parts = allocate(total, weights)
        return {payer: part for (payer, _, _), part in zip(shares, parts, strict=True)}, 0
    parts = {payer: amount for payer, _, amount in shares}
    return parts, total - sum(parts.values())


def item_forecast(estimated: int, actual: int) -> int:
    return actual if actual > 0 else estimated


# ---- parsing what people type -------------------------------------------------------------

_NOT_NUMBER = re.compile(r"[^\d.,\-]")


def _normalize_number(raw: str, lang: str) -> str:
    """ "1 200,50", "1,200.50", "1200.5", "1.200" -> a plain decimal string, whatever the locale.

    With both separators, the last one is the decimal point. With one kind only, it is a decimal
    point unless it repeats or is followed by exactly three digits in a locale where it groups.
    """
    text = _NOT_NUMBER.sub("", raw)
    if "," in text and "." in text:
        dec = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if dec == "," else ","
        return text.replace(other, "").replace(dec, ".")
    for sep in (",", "."):
        if sep in text:
            head, _, tail = text.rpartition(sep)
            locale_decimal = get_decimal_symbol(i18n.normalize_language(lang))
            if text.count(sep) > 1 or (len(tail) == 3 and sep != locale_decimal):
                return text.replace(sep, "")
            return head.replace(sep, "") + "." + tail
    return text


def parse_amount(
    raw: Any,
    currency: str,
    lang: str,
    *,
    field: str,
    errors: dict[str, Msg],
    maximum: Decimal = MAX_AMOUNT_UNITS,
    positive: bool = False,
) -> int:
    """Minor units from what the user typed; problems go into `errors[field]` (0 is returned then)."""
    text = str(raw or "").strip()
    symbol_free = text.replace(currency, "").replace("€", "").replace("$", "").replace("£", "")
    if not symbol_free.strip():
        if positive:
            errors[field] = N_("Enter an amount greater than zero.")
        return 0
    if re.search(r"[^\d.,\-\s\u00a0\u202f']", symbol_free):
        errors[field] = N_("Enter an amount like 1200 or 1200.50.")
        return 0
    try:
        amount = Decimal(_normalize_number(symbol_free, lang))
    except InvalidOperation:
        errors[field] = N_("Enter an amount like 1200 or 1200.50.")
        return 0
    precision = get_currency_precision(currency)
    if amount < 0:
        errors[field] = N_("An amount cannot be negative.")
    elif positive and amount == 0:
        errors[field] = N_("Enter an amount greater than zero.")
    elif amount > maximum:
        errors[field] = N_(
            "This amount is too large (more than {limit}). Check it.",
            limit=i18n.format_money(int(maximum.scaleb(precision)), currency, lang),
        )
    elif amount != amount.quantize(Decimal(1).scaleb(-precision)):
        errors[field] = N_("Use at most {n} decimals for {currency}.", n=precision, currency=currency)
    else:
        return int(amount.scaleb(precision))
    return 0


def parse_percent(raw: Any, *, field: str, errors: dict[str, Msg]) -> int:
    """Basis points (1% = 100) from "33.33", "33,33" or "50 %"."""
    text = str(raw or "").replace("%", "").strip()
    if not text:
        return 0
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        errors[field] = N_("Enter a percentage like 50 or 33.33.")
        return 0
    if value < 0 or value > 100:
        errors[field] = N_("Enter a percentage between 0 and 100.")
    elif value != value.quantize(Decimal("0.01")):
        errors[field] = N_("Use at most two decimals for a percentage.")
    else:
        return int(value * 100)
    return 0


def _parse_date(raw: Any, *, field: str, errors: dict[str, Msg], earliest: date, latest: date) -> date | None:
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        errors[field] = N_("Enter a date like 2027-06-12.")
        return None
    if not earliest <= value <= latest:
        errors[field] = N_(
            "Choose a date between {start} and {end}.",
            start=earliest.isoformat(),
            end=latest.isoformat(),
        )
        return None
    return value


def _text(raw: Any, limit: int) -> str:
    return " ".join(str(raw or "").split())[:limit]


def _flag(raw: Any) -> bool:
    return str(raw or "").strip().lower() in ("on", "true", "1", "yes")


def _uuid(raw: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise TamperedInput() from None


def _only(data: Mapping[str, Any], allowed: set[str]) -> None:
    if set(data) - allowed:
        raise TamperedInput()


def category_label(name: str, kind: str, lang: str) -> str:
    """A suggested category keeps showing in the viewer's language until someone renames it."""
    return i18n.gettext(lang, name) if kind and DEFAULT_NAMES.get(kind) == name else name


# ---- reading ------------------------------------------------------------------------------


def headcount_expr(wedding_id: Any, expected_guests: int) -> sa.ColumnElement[int]:
    """The guest count per-guest lines multiply by: the guest list's size, else the expected guests."""
    listed = select(func.count()).select_from(Guest).where(Guest.wedding_id == wedding_id).scalar_subquery()
    return func.coalesce(func.nullif(listed, 0), expected_guests)


def committed_and_paid(session: Session, wedding: Wedding) -> tuple[int, int]:
    """Actual (committed) and paid totals in one query; per-guest lines at the current guest count."""
    n = headcount_expr(wedding.id, wedding.expected_guests)
    committed = sa.case((BudgetItem.per_guest, BudgetItem.unit_actual_minor * n), else_=BudgetItem.committed_minor)
    row = session.exec(
        select(func.coalesce(func.sum(committed), 0), func.coalesce(func.sum(BudgetItem.paid_minor), 0)).where(
            BudgetItem.wedding_id == wedding.id
        )
    ).one()
    return int(row[0]), int(row[1])


@dataclass
class PaymentRow:
    id: str
    item_id: str
    amount: int
    paid_on: date
    method: str
    payer_id: str
    note: str


@dataclass
class ItemRow:
    id: str
    category_id: str
    name: str
    vendor: str
    per_guest: bool
    unit_estimated: int
    unit_actual: int
    fixed_estimated: int
    fixed_actual: int
    paid: int
    due_date: date | None
    split_mode: str
    version: int
    shares: list[tuple[str, int, int]] = field(default_factory=list)  # (payer id, basis points, amount)
    payments: list[PaymentRow] = field(default_factory=list)
    # Computed for a guest count by `compute`:
    estimated: int = 0
    actual: int = 0
    forecast: int = 0

    @property
    def remaining(self) -> int:
        return max(self.forecast - self.paid, 0)


@dataclass
class CategoryRow:
    id: str
    name: str
    kind: str
    per_guest: bool
    planned_unit: int  # per head when per_guest, else the planned total
    position: int
    planned: int = 0
    estimated: int = 0
    actual: int = 0
    forecast: int = 0
    paid: int = 0

    @property
    def overspent(self) -> bool:
        return self.forecast > self.planned


@dataclass
class PayerRow:
    id: str
    name: str
    kind: str
    share: int = 0
    paid: int = 0


@dataclass
class ScenarioRow:
    id: str
    name: str
    guest_count: int
    catering_per_head: int | None
    total: int


@dataclass
class Budget:
    wedding_id: str
    currency: str
    timezone: str
    total_budget: int
    wedding_date: date
    expected_guests: int
    guest_list_count: int
    headcount: int
    can_edit: bool
    categories: list[CategoryRow]
    items: list[ItemRow]
    payers: list[PayerRow]
    scenarios: list[ScenarioRow]
    catering_per_head: int = 0  # the current per-head price of catering's per-guest lines
    planned: int = 0
    estimated: int = 0
    committed: int = 0
    paid: int = 0
    forecast: int = 0
    unassigned: int = 0
    unassigned_paid: int = 0

    @property
    def headcount_from_list(self) -> bool:
        return self.guest_list_count > 0


def _catering_units(items: list[ItemRow], catering_ids: set[str], per_head: int | None) -> dict[str, int]:
    """Per-head price of each per-guest catering line, rescaled so together they cost `per_head`."""
    lines = [i for i in items if i.per_guest and i.category_id in catering_ids]
    base = [i.unit_actual or i.unit_estimated for i in lines]
    if per_head is None or not lines:
        return {i.id: b for i, b in zip(lines, base, strict=True)}
    weights = base if sum(base) > 0 else [1] * len(lines)
    return {i.id: part for i, part in zip(lines, allocate(per_head, weights), strict=True)}


def compute(budget: Budget, headcount: int, catering_per_head: int | None = None) -> Budget:
    """Totals for a guest count (and optionally a catering price per head); returns a new Budget."""
    catering_ids = {c.id for c in budget.categories if c.kind == CATERING}
    overrides = _catering_units(budget.items, catering_ids, catering_per_head)
    items = []
    for it in budget.items:
        if it.per_guest:
            est_unit, act_unit = it.unit_estimated, it.unit_actual
            if catering_per_head is not None and it.id in overrides:
                # The new price per head replaces the estimate, and the actual price once there is one.
                est_unit = overrides[it.id]
                act_unit = overrides[it.id] if it.unit_actual else 0
            estimated, actual = est_unit * headcount, act_unit * headcount
        else:
            estimated, actual = it.fixed_estimated, it.fixed_actual
        items.append(replace(it, estimated=estimated, actual=actual, forecast=item_forecast(estimated, actual)))
    cats = {
        c.id: replace(c, planned=c.planned_unit * headcount if c.per_guest else c.planned_unit)
        for c in budget.categories
    }
    for it in items:
        c = cats[it.category_id]
        c.estimated += it.estimated
        c.actual += it.actual
        c.forecast += it.forecast
        c.paid += it.paid
    payers = {p.id: replace(p, share=0, paid=0) for p in budget.payers}
    unassigned, unassigned_paid = 0, 0
    for it in items:
        parts, rest = split_amounts(it.forecast, it.split_mode, [s for s in it.shares if s[0] in payers])
        for pid, part in parts.items():
            payers[pid].share += part
        unassigned += rest
        for p in it.payments:
            if p.payer_id in payers:
                payers[p.payer_id].paid += p.amount
            else:
                unassigned_paid += p.amount
    ordered = sorted(cats.values(), key=lambda c: (c.position, c.name.casefold()))
    per_head = sum(_catering_units(items, catering_ids, catering_per_head).values())
    return replace(
        budget,
        headcount=headcount,
        categories=ordered,
        items=items,
        payers=list(payers.values()),
        catering_per_head=per_head,
        planned=sum(c.planned for c in ordered),
        estimated=sum(i.estimated for i in items),
        committed=sum(i.actual for i in items),
        paid=sum(i.paid for i in items),
        forecast=sum(i.forecast for i in items),
        unassigned=unassigned,
        unassigned_paid=unassigned_paid,
    )


def _load(session: Session, principal: Principal, wedding: Wedding) -> Budget:
    """Everything the budget page shows, in a constant number of queries (7 after the wedding)."""
    wid = wedding.id
    listed = session.exec(select(func.count()).select_from(Guest).where(Guest.wedding_id == wid)).one()
    cats = session.exec(scoped(principal, BudgetCategory, BudgetCategory.wedding_id == wid)).all()
    # The big tables as plain rows (no ORM identity map): 500 lines load several times faster.
    items = session.execute(
        scoped(principal, BudgetItem, BudgetItem.wedding_id == wid)
        .with_only_columns(
            BudgetItem.id,
            BudgetItem.category_id,
            BudgetItem.name,
            BudgetItem.vendor,
            BudgetItem.per_guest,
            BudgetItem.unit_estimated_minor,
            BudgetItem.unit_actual_minor,
            BudgetItem.estimated_minor,
            BudgetItem.committed_minor,
            BudgetItem.paid_minor,
            BudgetItem.due_date,
            BudgetItem.split_mode,
            BudgetItem.version,
        )
        .order_by(BudgetItem.created_at, BudgetItem.name)
    ).all()
    shares = session.execute(
        scoped(principal, BudgetShare, BudgetShare.wedding_id == wid).with_only_columns(
            BudgetShare.item_id, BudgetShare.payer_id, BudgetShare.percent_bp, BudgetShare.amount_minor
        )
    ).all()
    payments = session.execute(
        scoped(principal, BudgetPayment, BudgetPayment.wedding_id == wid)
        .with_only_columns(
            BudgetPayment.id,
            BudgetPayment.item_id,
            BudgetPayment.amount_minor,
            BudgetPayment.paid_on,
            BudgetPayment.method,
            BudgetPayment.payer_id,
            BudgetPayment.note,
        )
        .order_by(BudgetPayment.paid_on, BudgetPayment.created_at)
    ).all()
    payers = session.exec(
        scoped(principal, BudgetPayer, BudgetPayer.wedding_id == wid).order_by(
            BudgetPayer.position, BudgetPayer.created_at
        )
    ).all()
    scenarios = session.exec(
        scoped(principal, BudgetScenario, BudgetScenario.wedding_id == wid).order_by(BudgetScenario.created_at)
    ).all()
    shares_by_item: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for item_id, payer_id, bp, amount in shares:
        shares_by_item[str(item_id)].append((str(payer_id), bp, amount))
    pay_by_item: dict[str, list[PaymentRow]] = defaultdict(list)
    for pid, item_id, amount, paid_on, method, payer_id, note in payments:
        item_key = str(item_id)
        pay_by_item[item_key].append(
            PaymentRow(str(pid), item_key, amount, paid_on, method, str(payer_id) if payer_id else "", note)
        )
    payer_order = {str(p.id): n for n, p in enumerate(payers)}
    raw = Budget(
        wedding_id=str(wid),
        currency=wedding.currency,
        timezone=wedding.timezone,
        total_budget=wedding.budget_total_minor,
        wedding_date=wedding.wedding_date,
        expected_guests=wedding.expected_guests,
        guest_list_count=int(listed),
        headcount=int(listed) or wedding.expected_guests,
        can_edit=can(principal, Permission.PLANNING_EDIT, wedding.tenant_id),
        categories=[CategoryRow(str(c.id), c.name, c.kind, c.per_guest, c.planned_minor, c.position) for c in cats],
        items=[
            ItemRow(
                id=(key := str(i.id)),
                category_id=str(i.category_id),
                name=i.name,
                vendor=i.vendor,
                per_guest=bool(i.per_guest),
                unit_estimated=i.unit_estimated_minor,
                unit_actual=i.unit_actual_minor,
                fixed_estimated=i.estimated_minor,
                fixed_actual=i.committed_minor,
                paid=i.paid_minor,
                due_date=i.due_date,
                split_mode=i.split_mode,
                version=i.version,
                shares=sorted(shares_by_item.get(key, []), key=lambda s: payer_order.get(s[0], 0)),
                payments=pay_by_item.get(key, []),
            )
            for i in items
        ],
        payers=[PayerRow(str(p.id), p.name, p.kind) for p in payers],
        scenarios=[
            ScenarioRow(str(s.id), s.name, s.guest_count, s.catering_per_head_minor, s.total_minor) for s in scenarios
        ],
    )
    return compute(raw, raw.headcount)


def budget_view(session: Session, principal: Principal, wedding_id: Any) -> Budget:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    return _load(session, principal, wedding)


def due_soon(budget: Budget, today: date, horizon: timedelta = DUE_HORIZON) -> list[ItemRow]:
    """Items with money still to pay that are due within `horizon` (overdue ones included), soonest first."""
    rows = [i for i in budget.items if i.due_date and i.remaining > 0 and i.due_date <= today + horizon]
    return sorted(rows, key=lambda i: (i.due_date, i.name))


@dataclass
class WhatIfLine:
    item_id: str
    name: str
    category: str
    before: int
    after: int


@dataclass
class WhatIf:
    guests: int
    catering_per_head: int | None
    before: Budget
    after: Budget
    lines: list[WhatIfLine]


def parse_what_if(
    budget: Budget, guests_raw: Any, per_head_raw: Any, lang: str
) -> tuple[int, int | None, dict[str, Msg]]:
    errors: dict[str, Msg] = {}
    guests = budget.headcount
    text = str(guests_raw if guests_raw is not None else "").strip()
    if text:
        try:
            guests = int(text)
            if not 0 <= guests <= MAX_GUESTS:
                errors["guests"] = N_("Enter a number of guests between 0 and {n}.", n=MAX_GUESTS)
        except ValueError:
            errors["guests"] = N_("Enter a whole number of guests.")
    per_head = None
    if str(per_head_raw or "").strip():
        per_head = parse_amount(
            per_head_raw, budget.currency, lang, field="per_head", errors=errors, maximum=MAX_PER_HEAD_UNITS
        )
    return guests, per_head, errors


def what_if(budget: Budget, guests: int, catering_per_head: int | None, lang: str = "en") -> WhatIf:
    """The budget again for another guest count or catering price; every line that moves, listed."""
    after = compute(budget, guests, catering_per_head)
    names = {c.id: c.name for c in budget.categories}
    kinds = {c.id: c.kind for c in budget.categories}
    lines = [
        WhatIfLine(
            a.id, a.name, category_label(names[a.category_id], kinds[a.category_id], lang), b.forecast, a.forecast
        )
        for b, a in zip(budget.items, after.items, strict=True)
        if b.per_guest
    ]
    return WhatIf(guests, catering_per_head, budget, after, lines)


# ---- writing ------------------------------------------------------------------------------


def _editable(session: Session, principal: Principal, wedding_id: Any) -> Wedding:
    return load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)


def _record(session, principal, action: str, wedding: Wedding, obj: Any, before=None, after=None) -> None:
    audit.record(session, principal, action, tenant_id=wedding.tenant_id, obj=obj, before=before, after=after)


def _headcount(session: Session, wedding: Wedding) -> int:
    listed = session.exec(select(func.count()).select_from(Guest).where(Guest.wedding_id == wedding.id)).one()
    return int(listed) or wedding.expected_guests


def setup_defaults(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> int:
    """Add the suggested categories (planned from the total budget) and the usual payers; returns how many categories."""
    wedding = _editable(session, principal, wedding_id)
    have = {c.kind for c in session.exec(scoped(principal, BudgetCategory, BudgetCategory.wedding_id == wedding.id))}
    n = max(_headcount(session, wedding), 1)
    shares = allocate(wedding.budget_total_minor, [pct for _, _, _, pct in DEFAULT_CATEGORIES])
    added = 0
    for position, ((kind, name, per_guest, _), planned) in enumerate(zip(DEFAULT_CATEGORIES, shares, strict=True)):
        if kind in have:
            continue
        cat = BudgetCategory(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            name=name,
            kind=kind,
            per_guest=per_guest,
            planned_minor=planned // n if per_guest else planned,
            position=position,
        )
        session.add(cat)
        added += 1
    ensure_payers(session, principal, wedding.id, lang=lang)
    _record(session, principal, "budget.setup", wedding, wedding, after={"categories": added})
    return added


def ensure_payers(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> list[BudgetPayer]:
    """The couple and each partner's family, created once."""
    wedding = _editable(session, principal, wedding_id)
    payers = session.exec(scoped(principal, BudgetPayer, BudgetPayer.wedding_id == wedding.id)).all()
    if payers:
        return list(payers)
    lang = wedding.locale or lang
    rows = [
        BudgetPayer(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            name=name,
            kind=kind,
            position=pos,
        )
        for pos, (kind, name) in enumerate(
            (
                ("couple", i18n.gettext(lang, "The couple")),
                ("family_a", i18n.gettext(lang, "{name}'s family", name=wedding.partner_a)),
                ("family_b", i18n.gettext(lang, "{name}'s family", name=wedding.partner_b)),
            )
        )
    ]
    session.add_all(rows)
    session.flush()
    _record(session, principal, "budget.payers.create", wedding, wedding, after={"payers": [p.name for p in rows]})
    return rows


CATEGORY_FIELDS = {"name", "planned", "per_guest"}


def save_category(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    data: Mapping[str, Any],
    *,
    category_id: Any = None,
    lang: str,
) -> BudgetCategory:
    wedding = _editable(session, principal, wedding_id)
    _only(data, CATEGORY_FIELDS)
    errors: dict[str, Msg] = {}
    name = _text(data.get("name"), 120)
    per_guest = _flag(data.get("per_guest"))
    if not name:
        errors["name"] = N_("Enter a name for the category.")
    planned = parse_amount(
        data.get("planned"),
        wedding.currency,
        lang,
        field="planned",
        errors=errors,
        maximum=MAX_PER_HEAD_UNITS if per_guest else MAX_AMOUNT_UNITS,
    )
    cats = session.exec(scoped(principal, BudgetCategory, BudgetCategory.wedding_id == wedding.id)).all()
    current = None
    if category_id is not None:
        current = next((c for c in cats if str(c.id) == str(category_id)), None)
        if current is None:
            raise NotFound()
    taken = {category_label(c.name, c.kind, lang).casefold() for c in cats if c is not current}
    if name and name.casefold() in taken:
        errors["name"] = N_("A category with this name already exists.")
    if errors:
        raise ValidationError(errors)
    before = None
    if current is None:
        current = BudgetCategory(
            tenant_id=wedding.tenant_id, wedding_id=wedding.id, position=max((c.position for c in cats), default=0) + 1
        )
        session.add(current)
    else:
        before = {"name": current.name, "planned_minor": current.planned_minor, "per_guest": current.per_guest}
        if category_label(current.name, current.kind, lang) == name:
            name = current.name  # unchanged: keep the suggested name translatable
    current.name, current.planned_minor, current.per_guest = name, planned, per_guest
    session.flush()
    after = {"name": name, "planned_minor": planned, "per_guest": per_guest}
    _record(
        session,
        principal,
        "budget.category.update" if before else "budget.category.create",
        wedding,
        current,
        before,
        after,
    )
    return current


def delete_category(session: Session, principal: Principal, wedding_id: Any, category_id: Any) -> None:
    wedding = _editable(session, principal, wedding_id)
    cat = get_scoped(session, principal, BudgetCategory, category_id, BudgetCategory.wedding_id == wedding.id)
    item_ids = select(BudgetItem.id).where(BudgetItem.category_id == cat.id)
    for model in (BudgetPayment, BudgetShare):
        session.execute(sa.delete(model).where(model.item_id.in_(item_ids)))
    count = session.execute(sa.delete(BudgetItem).where(BudgetItem.category_id == cat.id)).rowcount
    _record(session, principal, "budget.category.delete", wedding, cat, before={"name": cat.name, "items": count})
    session.delete(cat)


ITEM_FIELDS = {"category_id", "name", "vendor", "per_guest", "estimated", "actual", "due_date"}


def save_item(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    data: Mapping[str, Any],
    *,
    item_id: Any = None,
    expected_version: int | None = None,
    lang: str,
    today: date,
) -> BudgetItem:
    """Create or edit a line. Per-guest lines take prices per head."""
    wedding = _editable(session, principal, wedding_id)
    _only(data, ITEM_FIELDS)
    cat = get_scoped(
        session, principal, BudgetCategory, _uuid(data.get("category_id")), BudgetCategory.wedding_id == wedding.id
    )
    errors: dict[str, Msg] = {}
    name = _text(data.get("name"), 200)
    if not name:
        errors["name"] = N_("Enter what this line is for.")
    per_guest = _flag(data.get("per_guest"))
    limit = MAX_PER_HEAD_UNITS if per_guest else MAX_AMOUNT_UNITS
    cur = wedding.currency
    estimated = parse_amount(data.get("estimated"), cur, lang, field="estimated", errors=errors, maximum=limit)
    actual = parse_amount(data.get("actual"), cur, lang, field="actual", errors=errors, maximum=limit)
    due = _parse_date(
        data.get("due_date"),
        field="due_date",
        errors=errors,
        earliest=today - timedelta(days=365 * 5),
        latest=max(wedding.wedding_date, today) + timedelta(days=365 * 2),
    )
    if errors:
        raise ValidationError(errors)
    n = _headcount(session, wedding)
    item = None
    before = None
    if item_id is not None:
        item = get_scoped(session, principal, BudgetItem, item_id, BudgetItem.wedding_id == wedding.id)
        if expected_version is not None and item.version != expected_version:
            raise Conflict()
        claimed = session.execute(
            sa.update(BudgetItem)
            .where(BudgetItem.id == item.id, BudgetItem.version == item.version)
            .values(version=item.version + 1)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            raise Conflict()
        before = _item_snapshot(item)
        item.version += 1
    else:
        item = BudgetItem(tenant_id=wedding.tenant_id, wedding_id=wedding.id, category_id=cat.id, name=name)
        session.add(item)
    item.category_id, item.name, item.vendor, item.due_date = cat.id, name, _text(data.get("vendor"), 200), due
    item.per_guest = per_guest
    if per_guest:
        item.unit_estimated_minor, item.unit_actual_minor = estimated, actual
        item.estimated_minor, item.committed_minor = estimated * n, actual * n
    else:
        item.unit_estimated_minor = item.unit_actual_minor = 0
        item.estimated_minor, item.committed_minor = estimated, actual
    session.flush()
    action = "budget.item.update" if before else "budget.item.create"
    _record(session, principal, action, wedding, item, before, _item_snapshot(item))
    return item


def _item_snapshot(item: BudgetItem) -> dict[str, Any]:
    return {
        "category_id": str(item.category_id),
        "name": item.name,
        "vendor": item.vendor,
        "per_guest": item.per_guest,
        "estimated_minor": item.estimated_minor,
        "committed_minor": item.committed_minor,
        "unit_estimated_minor": item.unit_estimated_minor,
        "unit_actual_minor": item.unit_actual_minor,
        "due_date": item.due_date.isoformat() if item.due_date else None,
    }


def delete_item(session: Session, principal: Principal, wedding_id: Any, item_id: Any) -> None:
    wedding = _editable(session, principal, wedding_id)
    item = get_scoped(session, principal, BudgetItem, item_id, BudgetItem.wedding_id == wedding.id)
    for model in (BudgetPayment, BudgetShare):
        session.execute(sa.delete(model).where(model.item_id == item.id))
    _record(
        session,
        principal,
        "budget.item.delete",
        wedding,
        item,
        before=_item_snapshot(item) | {"paid_minor": item.paid_minor},
    )
    session.delete(item)


PAYMENT_FIELDS = {"amount", "paid_on", "method", "payer_id", "note", "confirm"}


def record_payment(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    item_id: Any,
    data: Mapping[str, Any],
    *,
    lang: str,
    today: date,
) -> BudgetPayment:
    """Record money paid towards an item. More than the remaining balance needs `confirm`."""
    wedding = _editable(session, principal, wedding_id)
    _only(data, PAYMENT_FIELDS)
    item = get_scoped(session, principal, BudgetItem, item_id, BudgetItem.wedding_id == wedding.id)
    errors: dict[str, Msg] = {}
    amount = parse_amount(data.get("amount"), wedding.currency, lang, field="amount", errors=errors, positive=True)
    paid_on = _parse_date(
        data.get("paid_on"),
        field="paid_on",
        errors=errors,
        earliest=today - timedelta(days=365 * 5),
        latest=today + timedelta(days=365),
    )
    if paid_on is None and "paid_on" not in errors:
        errors["paid_on"] = N_("Enter the date of the payment.")
    method = str(data.get("method") or "transfer")
    if method not in PAYMENT_METHODS:
        raise TamperedInput()
    payer_id = None
    if str(data.get("payer_id") or ""):
        payer = get_scoped(
            session, principal, BudgetPayer, _uuid(data.get("payer_id")), BudgetPayer.wedding_id == wedding.id
        )
        payer_id = payer.id
    if errors:
        raise ValidationError(errors)
    n = _headcount(session, wedding)
    estimated = item.unit_estimated_minor * n if item.per_guest else item.estimated_minor
    actual = item.unit_actual_minor * n if item.per_guest else item.committed_minor
    remaining = max(item_forecast(estimated, actual) - item.paid_minor, 0)
    if amount > remaining and not _flag(data.get("confirm")):
        raise NeedsConfirmation(
            {
                "amount": N_(
                    "This is more than the remaining balance ({remaining}). Tick the box below to record it anyway.",
                    remaining=i18n.format_money(remaining, wedding.currency, lang),
                )
            }
        )
    payment = BudgetPayment(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        item_id=item.id,
        amount_minor=amount,
        paid_on=paid_on,
        method=method,
        payer_id=payer_id,
        note=_text(data.get("note"), 200),
        created_by=principal.user_id,
    )
    session.add(payment)
    _bump_paid(session, item, amount)
    session.flush()
    _record(
        session,
        principal,
        "budget.payment.create",
        wedding,
        payment,
        after={"item_id": str(item.id), "amount_minor": amount, "paid_on": paid_on.isoformat(), "method": method},
    )
    return payment


def _bump_paid(session: Session, item: BudgetItem, delta: int) -> None:
    """paid_minor += delta in SQL, so two payments recorded at once both count."""
    session.execute(
        sa.update(BudgetItem)
        .where(BudgetItem.id == item.id)
        .values(paid_minor=BudgetItem.paid_minor + delta)
        .execution_options(synchronize_session=False)
    )
    session.expire(item, ["paid_minor"])


def delete_payment(session: Session, principal: Principal, wedding_id: Any, payment_id: Any) -> None:
    wedding = _editable(session, principal, wedding_id)
    payment = get_scoped(session, principal, BudgetPayment, payment_id, BudgetPayment.wedding_id == wedding.id)
    item = session.get(BudgetItem, payment.item_id)
    _bump_paid(session, item, -payment.amount_minor)
    _record(
        session,
        principal,
        "budget.payment.delete",
        wedding,
        payment,
        before={
            "item_id": str(payment.item_id),
            "amount_minor": payment.amount_minor,
            "paid_on": payment.paid_on.isoformat(),
        },
    )
    session.delete(payment)


def save_split(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    item_id: Any,
    data: Mapping[str, Any],
    *,
    lang: str,
) -> None:
    """Share an item between payers: `mode` percent|amount|none and one `share_<payer id>` per payer."""
    wedding = _editable(session, principal, wedding_id)
    item = get_scoped(session, principal, BudgetItem, item_id, BudgetItem.wedding_id == wedding.id)
    payers = session.exec(scoped(principal, BudgetPayer, BudgetPayer.wedding_id == wedding.id)).all()
    by_field = {f"share_{p.id}": p for p in payers}
    _only(data, {"mode", *by_field})
    mode = str(data.get("mode") or "")
    if mode not in ("percent", "amount", "none"):
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    values: dict[uuid.UUID, int] = {}
    for name, payer in by_field.items():
        if mode == "percent":
            values[payer.id] = parse_percent(data.get(name), field=name, errors=errors)
        elif mode == "amount":
            values[payer.id] = parse_amount(data.get(name), wedding.currency, lang, field=name, errors=errors)
    n = _headcount(session, wedding)
    estimated = item.unit_estimated_minor * n if item.per_guest else item.estimated_minor
    actual = item.unit_actual_minor * n if item.per_guest else item.committed_minor
    total = item_forecast(estimated, actual)
    if not errors and mode == "percent" and sum(values.values()) != 10_000:
        errors["total"] = N_(
            "The percentages add up to {sum}%. They must add up to 100%.",
            sum=i18n.format_number(Decimal(sum(values.values())) / 100, lang),
        )
    if not errors and mode == "amount" and sum(values.values()) != total:
        errors["total"] = N_(
            "The amounts add up to {sum}. They must add up to the cost of this line, {total}.",
            sum=i18n.format_money(sum(values.values()), wedding.currency, lang),
            total=i18n.format_money(total, wedding.currency, lang),
        )
    if errors:
        raise ValidationError(errors)
    before = {"mode": item.split_mode}
    session.execute(sa.delete(BudgetShare).where(BudgetShare.item_id == item.id))
    item.split_mode = "" if mode == "none" else mode
    if mode != "none":
        for payer_id, value in values.items():
            if value:
                session.add(
                    BudgetShare(
                        tenant_id=wedding.tenant_id,
                        wedding_id=wedding.id,
                        item_id=item.id,
                        payer_id=payer_id,
                        percent_bp=value if mode == "percent" else 0,
                        amount_minor=value if mode == "amount" else 0,
                    )
                )
    _record(
        session,
        principal,
        "budget.split.update",
        wedding,
        item,
        before,
        {"mode": item.split_mode, "shares": {str(k): v for k, v in values.items() if v}},
    )


def save_payer(
    session: Session, principal: Principal, wedding_id: Any, data: Mapping[str, Any], *, payer_id: Any = None
) -> BudgetPayer:
    wedding = _editable(session, principal, wedding_id)
    _only(data, {"name"})
    name = _text(data.get("name"), 120)
    if not name:
        raise ValidationError({"name": N_("Enter the payer's name.")})
    payers = session.exec(scoped(principal, BudgetPayer, BudgetPayer.wedding_id == wedding.id)).all()
    current = next((p for p in payers if str(p.id) == str(payer_id)), None) if payer_id is not None else None
    if payer_id is not None and current is None:
        raise NotFound()
    if any(p.name.casefold() == name.casefold() for p in payers if p is not current):
        raise ValidationError({"name": N_("There is already a payer with this name.")})
    if current is None:
        current = BudgetPayer(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            name=name,
            position=max((p.position for p in payers), default=0) + 1,
        )
        session.add(current)
        session.flush()
        _record(session, principal, "budget.payer.create", wedding, current, after={"name": name})
    else:
        before = {"name": current.name}
        current.name = name
        _record(session, principal, "budget.payer.update", wedding, current, before, {"name": name})
    return current


def delete_payer(session: Session, principal: Principal, wedding_id: Any, payer_id: Any) -> None:
    """Their shares go (those lines become partly unassigned); their payments stay, without a payer."""
    wedding = _editable(session, principal, wedding_id)
    payer = get_scoped(session, principal, BudgetPayer, payer_id, BudgetPayer.wedding_id == wedding.id)
    session.execute(sa.delete(BudgetShare).where(BudgetShare.payer_id == payer.id))
    session.execute(
        sa.update(BudgetPayment)
        .where(BudgetPayment.payer_id == payer.id)
        .values(payer_id=None)
        .execution_options(synchronize_session=False)
    )
    _record(session, principal, "budget.payer.delete", wedding, payer, before={"name": payer.name})
    session.delete(payer)


def save_scenario(
    session: Session, principal: Principal, wedding_id: Any, data: Mapping[str, Any], *, lang: str
) -> BudgetScenario:
    """Save a "what if" under a name; its total is computed here, never taken from the browser."""
    wedding = _editable(session, principal, wedding_id)
    _only(data, {"name", "guests", "per_head"})
    budget = _load(session, principal, wedding)
    guests, per_head, errors = parse_what_if(budget, data.get("guests"), data.get("per_head"), lang)
    name = _text(data.get("name"), 120)
    if not name:
        errors["name"] = N_("Give this scenario a name.")
    if errors:
        raise ValidationError(errors)
    total = compute(budget, guests, per_head).forecast
    scenario = BudgetScenario(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        name=name,
        guest_count=guests,
        catering_per_head_minor=per_head,
        total_minor=total,
        created_by=principal.user_id,
    )
    session.add(scenario)
    session.flush()
    _record(
        session,
        principal,
        "budget.scenario.create",
        wedding,
        scenario,
        after={"name": name, "guest_count": guests, "catering_per_head_minor": per_head, "total_minor": total},
    )
    return scenario


def delete_scenario(session: Session, principal: Principal, wedding_id: Any, scenario_id: Any) -> None:
    wedding = _editable(session, principal, wedding_id)
    scenario = get_scoped(session, principal, BudgetScenario, scenario_id, BudgetScenario.wedding_id == wedding.id)
    _record(session, principal, "budget.scenario.delete", wedding, scenario, before={"name": scenario.name})
    session.delete(scenario)


# ---- export -------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV/formula injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _export_rows(budget: Budget, lang: str) -> tuple[list[str], list[list[Any]]]:
    payers = budget.payers
    header = [
        i18n.gettext(lang, "Category"),
        i18n.gettext(lang, "Item"),
        i18n.gettext(lang, "Vendor"),
        i18n.gettext(lang, "Per guest"),
        i18n.gettext(lang, "Price per guest"),
        i18n.gettext(lang, "Estimated"),
        i18n.gettext(lang, "Actual"),
        i18n.gettext(lang, "Paid"),
        i18n.gettext(lang, "Remaining"),
        i18n.gettext(lang, "Due date"),
        i18n.gettext(lang, "Currency"),
        *[p.name for p in payers],
    ]
    cats = {c.id: c for c in budget.categories}
    precision = get_currency_precision(budget.currency)
    money = lambda minor: Decimal(minor).scaleb(-precision)  # noqa: E731
    rows = []
    for c in budget.categories:
        for it in (i for i in budget.items if i.category_id == c.id):
            parts, _ = split_amounts(it.forecast, it.split_mode, it.shares)
            rows.append(
                [
                    _cell_text(category_label(cats[it.category_id].name, cats[it.category_id].kind, lang)),
                    _cell_text(it.name),
                    _cell_text(it.vendor),
                    i18n.gettext(lang, "Yes") if it.per_guest else i18n.gettext(lang, "No"),
                    money(it.unit_actual or it.unit_estimated) if it.per_guest else None,
                    money(it.estimated),
                    money(it.actual),
                    money(it.paid),
                    money(it.remaining),
                    it.due_date,
                    budget.currency,
                    *[money(parts[p.id]) if p.id in parts else None for p in payers],
                ]
            )
    return header, rows


def export_csv(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> bytes:
    """UTF-8 CSV (with a BOM so spreadsheet apps detect the encoding); amounts as plain decimals."""
    budget = budget_view(session, principal, wedding_id)
    header, rows = _export_rows(budget, lang)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, date) else str(v)) for v in row])
    _record(session, principal, "budget.export", _wedding_of(session, principal, budget), None, after={"format": "csv"})
    return buf.getvalue().encode("utf-8-sig")


def _wedding_of(session: Session, principal: Principal, budget: Budget) -> Wedding:
    return get_scoped(session, principal, Wedding, budget.wedding_id)


def export_xlsx(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> bytes:
    """A workbook: the budget lines, the payments, and the per-payer summary; amounts as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    budget = budget_view(session, principal, wedding_id)
    precision = get_currency_precision(budget.currency)
    number_format = "#,##0" + ("." + "0" * precision if precision else "") + f' "{budget.currency}"'
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.gettext(lang, "Budget")[:31]
    header, rows = _export_rows(budget, lang)
    ws.append(header)
    money_cols = {4, 5, 6, 7, 8, *range(11, len(header))}
    for row in rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for r in ws.iter_rows(min_row=2):
        for idx in money_cols:
            r[idx].number_format = number_format
        r[9].number_format = "yyyy-mm-dd"
    items = {i.id: i for i in budget.items}
    payer_names = {p.id: p.name for p in budget.payers}
    pay = wb.create_sheet(i18n.gettext(lang, "Payments")[:31])
    pay.append(
        [
            i18n.gettext(lang, "Date"),
            i18n.gettext(lang, "Item"),
            i18n.gettext(lang, "Amount"),
            i18n.gettext(lang, "Method"),
            i18n.gettext(lang, "Payer"),
            i18n.gettext(lang, "Note"),
        ]
    )
    for it in budget.items:
        for p in it.payments:
            pay.append(
                [
                    p.paid_on,
                    _cell_text(items[p.item_id].name),
                    float(Decimal(p.amount).scaleb(-precision)),
                    i18n.gettext(lang, METHOD_LABELS.get(p.method, "Other")),
                    _cell_text(payer_names.get(p.payer_id, "")),
                    _cell_text(p.note),
                ]
            )
    for r in pay.iter_rows(min_row=2):
        r[0].number_format = "yyyy-mm-dd"
        r[2].number_format = number_format
    summary = wb.create_sheet(i18n.gettext(lang, "Payers")[:31])
    summary.append(
        [
            i18n.gettext(lang, "Payer"),
            i18n.gettext(lang, "Share"),
            i18n.gettext(lang, "Paid"),
            i18n.gettext(lang, "Balance"),
        ]
    )
    for p in budget.payers:
        summary.append(
            [_cell_text(p.name), *[float(Decimal(v).scaleb(-precision)) for v in (p.share, p.paid, p.share - p.paid)]]
        )
    summary.append(
        [
            i18n.gettext(lang, "Not assigned"),
            float(Decimal(budget.unassigned).scaleb(-precision)),
            float(Decimal(budget.unassigned_paid).scaleb(-precision)),
            None,
        ]
    )
    for r in summary.iter_rows(min_row=2):
        for c in r[1:]:
            c.number_format = number_format
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(max(width + 2, 10), 40)
    buf = io.BytesIO()
    wb.save(buf)
    _record(
        session, principal, "budget.export", _wedding_of(session, principal, budget), None, after={"format": "xlsx"}
    )
    return buf.getvalue()
