"""The budget page: totals, categories and lines, payments, splits between payers, what if, exports.

Every number is formatted here, on the server, for the viewer's language; the browser only gets
render-ready strings (and plain numbers for the charts).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx

from services import budget as svc
from services import i18n
from services.budget import Budget, NeedsConfirmation
from services.errors import N_, DomainError
from state.base import authenticated, call, current_principal, explain, route_param, wedding_today
from state.i18n import viewer_lang

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pct(part: int, whole: int) -> int:
    return max(0, min(100, round(100 * part / whole))) if whole > 0 else (100 if part > 0 else 0)


def _today() -> date:
    """Bounds for typed dates; "due" and "overdue" use the wedding's own day (see _show)."""
    return datetime.now(ZoneInfo("UTC")).date()


class _Fmt:
    def __init__(self, b: Budget, lang: str):
        self.b, self.lang = b, lang
        self.money = i18n.money_formatter(b.currency, lang)

    def num(self, n: int) -> str:
        return i18n.format_number(n, self.lang)

    def day(self, d: date | None) -> str:
        return _day(d, self.lang) if d else ""

    def major(self, minor: int) -> float:
        return float(i18n.minor_to_decimal(minor, self.b.currency))


@lru_cache(maxsize=4096)
def _day(d: date, lang: str) -> str:
    return i18n.format_day(d, lang, "medium")


def _summary(b: Budget, f: _Fmt) -> dict[str, Any]:
    left = b.total_budget - b.forecast
    return {
        "total": f.money(b.total_budget),
        "planned": f.money(b.planned),
        "committed": f.money(b.committed),
        "paid": f.money(b.paid),
        "forecast": f.money(b.forecast),
        "left": f.money(abs(left)),
        "over_budget": left < 0,
        "planned_pct": _pct(b.planned, b.total_budget),
        "committed_pct": _pct(b.committed, b.total_budget),
        "paid_pct": _pct(b.paid, b.total_budget),
        "planned_over": b.planned > b.total_budget,
        "headcount": f.num(b.headcount),
        "headcount_basis": i18n.gettext(f.lang, "from the guest list")
        if b.headcount_from_list
        else i18n.gettext(f.lang, "expected guests, from the wedding details"),
        "catering_per_head": f.money(b.catering_per_head),
        "has_catering": b.catering_per_head > 0,
        "overspent": f.num(sum(1 for c in b.categories if c.overspent)),
        "has_overspent": any(c.overspent for c in b.categories),
        "unassigned": f.money(b.unassigned),
        "unassigned_paid": f.money(b.unassigned_paid),
        "has_unassigned": b.unassigned != 0 or b.unassigned_paid != 0,
        "items": f.num(len(b.items)),
    }


def _split_text(it: svc.ItemRow, names: dict[str, str], f: _Fmt) -> str:
    if not it.split_mode or not it.shares:
        return ""
    parts, _ = svc.split_amounts(it.forecast, it.split_mode, it.shares)
    return " · ".join(f"{names.get(pid, '?')} {f.money(amount)}" for pid, amount in parts.items())


def _item(it: svc.ItemRow, names: dict[str, str], f: _Fmt, today: date) -> dict[str, Any]:
    unit = it.unit_actual or it.unit_estimated
    return {
        "id": it.id,
        "name": it.name,
        "vendor": it.vendor,
        "per_guest": it.per_guest,
        "unit": i18n.gettext(f.lang, "{price} per guest", price=f.money(unit)) if it.per_guest else "",
        "estimated": f.money(it.estimated),
        "actual": f.money(it.actual) if it.actual else "—",
        "paid": f.money(it.paid),
        "remaining": f.money(it.remaining),
        "has_remaining": it.remaining > 0,
        "paid_in_full": it.forecast > 0 and it.remaining == 0,
        "due": f.day(it.due_date),
        "overdue": bool(it.due_date and it.due_date < today and it.remaining > 0),
        "split": _split_text(it, names, f),
        "payments": f.num(len(it.payments)),
    }


def _categories(b: Budget, f: _Fmt, today: date) -> list[dict[str, Any]]:
    names = {p.id: p.name for p in b.payers}
    by_cat: dict[str, list[svc.ItemRow]] = {}
    for it in b.items:
        by_cat.setdefault(it.category_id, []).append(it)
    rows = []
    for c in b.categories:
        planned_detail = (
            i18n.gettext(
                f.lang,
                "{price} per guest × {n}",
                price=f.money(c.planned_unit),
                n=f.num(b.headcount),
            )
            if c.per_guest
            else ""
        )
        rows.append(
            {
                "id": c.id,
                "name": svc.category_label(c.name, c.kind, f.lang),
                "per_guest": c.per_guest,
                "planned": f.money(c.planned),
                "planned_detail": planned_detail,
                "forecast": f.money(c.forecast),
                "paid": f.money(c.paid),
                "overspent": c.overspent,
                "over_by": f.money(c.forecast - c.planned),
                "pct": _pct(c.forecast, c.planned),
                "items": [_item(it, names, f, today) for it in by_cat.get(c.id, [])],
                "count": len(by_cat.get(c.id, [])),
            }
        )
    return rows


def _chart(b: Budget, f: _Fmt) -> list[dict[str, Any]]:
    return [
        {
            "name": svc.category_label(c.name, c.kind, f.lang),
            "planned": f.major(c.planned),
            "forecast": f.major(c.forecast),
            "paid": f.major(c.paid),
            "to_pay": f.major(max(c.forecast - c.paid, 0)),
        }
        for c in b.categories
        if c.planned or c.forecast
    ]


class BudgetState(rx.State):
    loaded: bool = False
    not_found: bool = False
    can_edit: bool = False
    has_categories: bool = False
    summary: dict[str, Any] = {}
    categories: list[dict[str, Any]] = []
    due: list[dict[str, Any]] = []
    chart: list[dict[str, Any]] = []
    payers: list[dict[str, Any]] = []
    category_options: list[dict[str, str]] = []
    scenarios: list[dict[str, Any]] = []
    notice: str = ""
    error: str = ""

    # The line dialog (add or edit).
    item_open: bool = False
    item_editing: bool = False
    item_values: dict[str, str] = {}
    item_errors: dict[str, str] = {}
    item_key: int = 0
    _item_id: str = ""
    _item_version: int = 0

    # The payment dialog.
    pay_open: bool = False
    pay_item: dict[str, str] = {}
    pay_history: list[dict[str, str]] = []
    pay_errors: dict[str, str] = {}
    pay_confirm: bool = False
    pay_today: str = ""
    pay_key: int = 0
    _pay_item_id: str = ""

    # The split dialog.
    split_open: bool = False
    split_item: dict[str, str] = {}
    split_mode: str = "percent"
    split_rows: list[dict[str, str]] = []
    split_errors: dict[str, str] = {}
    split_key: int = 0
    _split_item_id: str = ""

    # The category dialog.
    cat_open: bool = False
    cat_editing: bool = False
    cat_values: dict[str, str] = {}
    cat_errors: dict[str, str] = {}
    cat_key: int = 0
    _cat_id: str = ""

    payer_errors: dict[str, str] = {}
    payer_key: int = 0

    # One confirmation dialog for every delete.
    confirm_open: bool = False
    confirm_text: str = ""
    _confirm: tuple[str, str] = ("", "")

    # What if.
    wi_guests: str = ""
    wi_per_head: str = ""
    wi_errors: dict[str, str] = {}
    wi_lines: list[dict[str, str]] = []
    wi_view: dict[str, Any] = {}
    scenario_errors: dict[str, str] = {}
    scenario_key: int = 0

    def _wid(self) -> str:
        return route_param(self, "wedding_id")

    async def _refresh(self, lang: str) -> Budget:
        b: Budget = await call(svc.budget_view, current_principal(), self._wid())
        self._show(b, lang)
        return b

    def _show(self, b: Budget, lang: str) -> None:
        f, today = _Fmt(b, lang), wedding_today(b.timezone)
        self.can_edit = b.can_edit
        self.has_categories = bool(b.categories)
        self.summary = _summary(b, f)
        self.categories = _categories(b, f, today)
        cat_names = {c.id: svc.category_label(c.name, c.kind, lang) for c in b.categories}
        self.due = [
            {
                "id": it.id,
                "name": it.name,
                "category": cat_names[it.category_id],
                "due": f.day(it.due_date),
                "amount": f.money(it.remaining),
                "overdue": it.due_date < today,
            }
            for it in svc.due_soon(b, today)
        ]
        self.chart = _chart(b, f)
        self.payers = [
            {
                "id": p.id,
                "name": p.name,
                "share": f.money(p.share),
                "paid": f.money(p.paid),
                "balance": f.money(abs(p.share - p.paid)),
                "ahead": p.paid > p.share,
                "pct": _pct(p.paid, p.share),
            }
            for p in b.payers
        ]
        self.category_options = [{"id": c.id, "name": cat_names[c.id]} for c in b.categories]
        # A saved scenario is recomputed with today's lines (its stored total is what it was when saved).
        totals = {s.id: svc.compute(b, s.guest_count, s.catering_per_head).forecast for s in b.scenarios}
        self.scenarios = [
            {
                "id": s.id,
                "name": s.name,
                "guests": f.num(s.guest_count),
                "per_head": f.money(s.catering_per_head) if s.catering_per_head is not None else "—",
                "total": f.money(totals[s.id]),
                "diff": ("+" if totals[s.id] >= b.forecast else "−") + f.money(abs(totals[s.id] - b.forecast)),
            }
            for s in b.scenarios
        ]
        self._what_if(b, lang)

    def _what_if(self, b: Budget, lang: str) -> None:
        guests, per_head, errors = svc.parse_what_if(b, self.wi_guests, self.wi_per_head, lang)
        self.wi_errors = {k: i18n.render(lang, m) for k, m in errors.items()}
        if errors:
            return
        w = svc.what_if(b, guests, per_head, lang)
        f = _Fmt(b, lang)
        delta = w.after.forecast - w.before.forecast
        self.wi_lines = [
            {
                "name": line.name,
                "category": line.category,
                "before": f.money(line.before),
                "after": f.money(line.after),
                "moved": line.after != line.before,
            }
            for line in w.lines
        ]
        self.wi_view = {
            "guests": f.num(guests),
            "before": f.money(w.before.forecast),
            "after": f.money(w.after.forecast),
            "delta": ("+" if delta >= 0 else "−") + f.money(abs(delta)),
            "up": delta > 0,
            "down": delta < 0,
            "planned_after": f.money(w.after.planned),
            "left_after": f.money(abs(b.total_budget - w.after.forecast)),
            "over_after": w.after.forecast > b.total_budget,
            "per_head": f.money(w.after.catering_per_head),
        }

    async def _reload(self, lang: str) -> None:
        try:
            await self._refresh(lang)
        except DomainError:
            self.not_found = True

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.not_found, self.notice, self.error = False, "", ""
        self.wi_guests, self.wi_per_head = "", ""
        self.item_open = self.pay_open = self.split_open = self.cat_open = self.confirm_open = False
        try:
            b = await self._refresh(lang)
            self.wi_guests = str(b.headcount)
            self._what_if(b, lang)
        except DomainError:
            self.not_found = True
        self.loaded = True

    @authenticated
    async def setup(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(svc.setup_defaults, principal, self._wid(), lang=lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.setup", principal=principal)
        await self._reload(lang)

    # ---- lines ----

    @authenticated
    def open_add_item(self, category_id: str):
        self.notice, self.error = "", ""
        self._item_id, self._item_version, self.item_editing = "", 0, False
        self.item_values = {"category_id": str(category_id)}
        self.item_errors, self.item_open = {}, True
        self.item_key += 1

    @authenticated
    async def open_edit_item(self, item_id: str):
        self.notice, self.error = "", ""
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            b: Budget = await call(svc.budget_view, principal, self._wid())
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.item.open", principal=principal)
            return
        it = next((i for i in b.items if i.id == str(item_id)), None)
        if it is None:
            self.error = i18n.gettext(lang, "This line no longer exists.")
            await self._reload(lang)
            return

        def amount(minor: int) -> str:
            return str(i18n.minor_to_decimal(minor, b.currency)) if minor else ""

        self._item_id, self._item_version, self.item_editing = it.id, it.version, True
        self.item_values = {
            "category_id": it.category_id,
            "name": it.name,
            "vendor": it.vendor,
            "per_guest": "on" if it.per_guest else "",
            "estimated": amount(it.unit_estimated if it.per_guest else it.fixed_estimated),
            "actual": amount(it.unit_actual if it.per_guest else it.fixed_actual),
            "due_date": it.due_date.isoformat() if it.due_date else "",
        }
        self.item_errors, self.item_open = {}, True
        self.item_key += 1

    @authenticated
    def close_item(self, open: bool):
        self.item_open = bool(open)

    @authenticated
    async def save_item(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.item_errors = {}
        try:
            await call(
                svc.save_item,
                principal,
                self._wid(),
                form_data,
                item_id=self._item_id or None,
                expected_version=self._item_version if self._item_id else None,
                lang=lang,
                today=_today(),
            )
        except DomainError as exc:
            self.item_errors, general = explain(exc, lang, where="budget.item.save", principal=principal)
            if general and not self.item_errors:
                self.item_errors = {"": general}
            return
        self.item_open = False
        self.notice = i18n.gettext(lang, "Saved.")
        await self._reload(lang)

    # ---- payments ----

    @authenticated
    async def open_pay(self, item_id: str):
        self.notice, self.error = "", ""
        lang = await viewer_lang(self)
        self._pay_item_id = str(item_id)
        self.pay_errors, self.pay_confirm = {}, False
        self.pay_today = _today().isoformat()
        await self._pay_refresh(lang)
        if self.pay_item:
            self.pay_open = True
            self.pay_key += 1

    async def _pay_refresh(self, lang: str) -> None:
        try:
            b: Budget = await call(svc.budget_view, current_principal(), self._wid())
        except DomainError:
            self.not_found = True
            return
        self._show(b, lang)
        it = next((i for i in b.items if i.id == self._pay_item_id), None)
        if it is None:
            self.pay_item, self.pay_history = {}, []
            self.pay_open = False
            return
        f = _Fmt(b, lang)
        names = {p.id: p.name for p in b.payers}
        self.pay_item = {
            "name": it.name,
            "cost": f.money(it.forecast),
            "paid": f.money(it.paid),
            "remaining": f.money(it.remaining),
        }
        self.pay_history = [
            {
                "id": p.id,
                "date": f.day(p.paid_on),
                "amount": f.money(p.amount),
                "method": i18n.gettext(lang, svc.METHOD_LABELS.get(p.method, "Other")),
                "payer": names.get(p.payer_id, ""),
                "note": p.note,
            }
            for p in reversed(it.payments)
        ]

    @authenticated
    def close_pay(self, open: bool):
        self.pay_open = bool(open)

    @authenticated
    async def save_payment(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.pay_errors = {}
        try:
            await call(
                svc.record_payment, principal, self._wid(), self._pay_item_id, form_data, lang=lang, today=_today()
            )
        except NeedsConfirmation as exc:
            self.pay_errors, _ = explain(exc, lang, where="budget.payment", principal=principal)
            self.pay_confirm = True
            return
        except DomainError as exc:
            self.pay_errors, general = explain(exc, lang, where="budget.payment", principal=principal)
            if general and not self.pay_errors:
                self.pay_errors = {"": general}
            return
        self.pay_open, self.pay_confirm = False, False
        self.notice = i18n.gettext(lang, "Payment recorded.")
        await self._reload(lang)

    # ---- splits ----

    @authenticated
    async def open_split(self, item_id: str):
        self.notice, self.error = "", ""
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            b: Budget = await call(svc.budget_view, principal, self._wid())
            if not b.payers and b.can_edit:
                await call(svc.ensure_payers, principal, self._wid(), lang=lang)
                b = await call(svc.budget_view, principal, self._wid())
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.split.open", principal=principal)
            return
        self._show(b, lang)
        it = next((i for i in b.items if i.id == str(item_id)), None)
        if it is None:
            return
        f = _Fmt(b, lang)
        self._split_item_id = it.id
        self.split_mode = it.split_mode or "percent"
        current = {pid: (bp, amount) for pid, bp, amount in it.shares}

        def value(pid: str) -> str:
            if pid not in current:
                return ""
            bp, amount = current[pid]
            if it.split_mode == "percent":
                return str(i18n.minor_to_decimal(bp, "EUR").normalize())
            return str(i18n.minor_to_decimal(amount, b.currency))

        self.split_rows = [{"field": f"share_{p.id}", "name": p.name, "value": value(p.id)} for p in b.payers]
        self.split_item = {"name": it.name, "total": f.money(it.forecast)}
        self.split_errors, self.split_open = {}, True
        self.split_key += 1

    @authenticated
    def close_split(self, open: bool):
        self.split_open = bool(open)

    @authenticated
    def choose_split_mode(self, mode: str):
        self.split_mode = mode if mode in ("percent", "amount", "none") else "percent"

    @authenticated
    async def save_split(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.split_errors = {}
        try:
            await call(svc.save_split, principal, self._wid(), self._split_item_id, form_data, lang=lang)
        except DomainError as exc:
            self.split_errors, general = explain(exc, lang, where="budget.split", principal=principal)
            if general and not self.split_errors:
                self.split_errors = {"total": general}
            return
        self.split_open = False
        self.notice = i18n.gettext(lang, "Saved.")
        await self._reload(lang)

    # ---- categories and payers ----

    @authenticated
    def open_add_category(self):
        self.notice, self.error = "", ""
        self._cat_id, self.cat_editing = "", False
        self.cat_values, self.cat_errors, self.cat_open = {}, {}, True
        self.cat_key += 1

    @authenticated
    async def open_edit_category(self, category_id: str):
        self.notice, self.error = "", ""
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            b: Budget = await call(svc.budget_view, principal, self._wid())
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.category.open", principal=principal)
            return
        c = next((c for c in b.categories if c.id == str(category_id)), None)
        if c is None:
            return
        self._cat_id, self.cat_editing = c.id, True
        self.cat_values = {
            "name": svc.category_label(c.name, c.kind, lang),
            "planned": str(i18n.minor_to_decimal(c.planned_unit, b.currency)) if c.planned_unit else "",
            "per_guest": "on" if c.per_guest else "",
        }
        self.cat_errors, self.cat_open = {}, True
        self.cat_key += 1

    @authenticated
    def close_category(self, open: bool):
        self.cat_open = bool(open)

    @authenticated
    async def save_category(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.cat_errors = {}
        try:
            await call(
                svc.save_category, principal, self._wid(), form_data, category_id=self._cat_id or None, lang=lang
            )
        except DomainError as exc:
            self.cat_errors, general = explain(exc, lang, where="budget.category.save", principal=principal)
            if general and not self.cat_errors:
                self.cat_errors = {"": general}
            return
        self.cat_open = False
        self.notice = i18n.gettext(lang, "Saved.")
        await self._reload(lang)

    @authenticated
    async def add_payer(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.payer_errors = {}
        try:
            await call(svc.save_payer, principal, self._wid(), form_data)
        except DomainError as exc:
            self.payer_errors, general = explain(exc, lang, where="budget.payer.save", principal=principal)
            if general and not self.payer_errors:
                self.payer_errors = {"name": general}
            return
        self.payer_key += 1
        await self._reload(lang)

    @authenticated
    async def add_usual_payers(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(svc.ensure_payers, principal, self._wid(), lang=lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.payers", principal=principal)
        await self._reload(lang)

    # ---- deletes, always confirmed ----

    @authenticated
    async def ask_delete(self, kind: str, object_id: str, label: str):
        lang = await viewer_lang(self)
        texts = {
            "item": N_("Delete the line “{name}” and its payments?").id,
            "category": N_("Delete the category “{name}” with all its lines and payments?").id,
            "payment": N_("Delete this payment of {name}?").id,
            "payer": N_(
                "Remove {name} from the payers? Their shares are removed; their payments stay, without a payer."
            ).id,
            "scenario": N_("Delete the scenario “{name}”?").id,
        }
        if kind not in texts:
            return
        self._confirm = (kind, str(object_id))
        self.confirm_text = i18n.gettext(lang, texts[kind], name=str(label)[:200])
        self.confirm_open = True

    @authenticated
    def close_confirm(self, open: bool):
        self.confirm_open = bool(open)

    @authenticated
    async def confirm_delete(self):
        principal, lang = current_principal(), await viewer_lang(self)
        kind, object_id = self._confirm
        actions = {
            "item": svc.delete_item,
            "category": svc.delete_category,
            "payment": svc.delete_payment,
            "payer": svc.delete_payer,
            "scenario": svc.delete_scenario,
        }
        self.confirm_open, self._confirm = False, ("", "")
        if kind not in actions:
            return
        try:
            await call(actions[kind], principal, self._wid(), object_id)
            self.notice = i18n.gettext(lang, "Deleted.")
        except DomainError as exc:
            _, self.error = explain(exc, lang, where=f"budget.{kind}.delete", principal=principal)
        if kind == "payment" and self.pay_open:
            await self._pay_refresh(lang)
        else:
            await self._reload(lang)

    # ---- what if ----

    async def _what_if_refresh(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            b: Budget = await call(svc.budget_view, principal, self._wid())
        except DomainError:
            self.not_found = True
            return
        self._what_if(b, lang)

    @authenticated
    async def what_if_guests(self, value: str):
        self.wi_guests = str(value)[:12]
        await self._what_if_refresh()

    @authenticated
    async def what_if_per_head(self, value: str):
        self.wi_per_head = str(value)[:20]
        await self._what_if_refresh()

    @authenticated
    async def save_scenario(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.scenario_errors = {}
        data = {"name": form_data.get("name", ""), "guests": self.wi_guests, "per_head": self.wi_per_head}
        if set(form_data) - {"name"}:
            data["forged"] = "1"  # refused by the service as tampering
        try:
            await call(svc.save_scenario, principal, self._wid(), data, lang=lang)
        except DomainError as exc:
            self.scenario_errors, general = explain(exc, lang, where="budget.scenario", principal=principal)
            if general and not self.scenario_errors:
                self.scenario_errors = {"name": general}
            return
        self.scenario_key += 1
        self.notice = i18n.gettext(lang, "Scenario saved.")
        await self._reload(lang)

    # ---- exports: generated here, for this session's principal only ----

    @authenticated
    async def download_csv(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            data = await call(svc.export_csv, principal, self._wid(), lang=lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.export", principal=principal)
            return
        return rx.download(data=data, filename=f"budget-{_today().isoformat()}.csv", mime_type=CSV_MIME)

    @authenticated
    async def download_xlsx(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            data = await call(svc.export_xlsx, principal, self._wid(), lang=lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="budget.export", principal=principal)
            return
        return rx.download(data=data, filename=f"budget-{_today().isoformat()}.xlsx", mime_type=XLSX_MIME)
