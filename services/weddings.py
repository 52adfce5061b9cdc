"""Weddings: create, read, edit, soft delete and restore, always within the principal's tenants."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import available_timezones

import sqlalchemy as sa
from babel.numbers import NumberFormatError, get_currency_precision, list_currencies, parse_decimal
from sqlmodel import Session

from models.base import utcnow
from models.weddings import Wedding
from services import audit, i18n
from services.authz import Permission, Principal, authorize, can
from services.errors import N_, Conflict, DomainError, Msg, NotFound, TamperedInput, ValidationError
from services.tenancy import get_scoped, scoped

RESTORE_WINDOW = timedelta(days=30)
MAX_GUESTS = 5000
MAX_BUDGET_UNITS = Decimal("100000000")  # a hundred million in the major unit
CURRENCIES = frozenset(c for c in list_currencies() if len(c) == 3)
TIMEZONES = frozenset(available_timezones())
FORM_FIELDS = frozenset(
    {
        "partner_a",
        "partner_b",
        "wedding_date",
        "venue_name",
        "venue_address",
        "city",
        "expected_guests",
        "budget_total",
        "currency",
        "locale",
        "timezone",
    }
)


@dataclass(frozen=True)
class WeddingFields:
    partner_a: str
    partner_b: str
    wedding_date: date
    venue_name: str
    venue_address: str
    city_id: int | None  # GeoNames id (services.vendor_cities); the marketplace's area filter
    expected_guests: int
    budget_total_minor: int
    currency: str
    locale: str
    timezone: str


def _text(raw: Any, limit: int) -> str:
    return " ".join(str(raw or "").split())[:limit]


def parse_wedding_form(
    data: Mapping[str, Any], *, viewer_lang: str, today: date, current_date: date | None = None
) -> WeddingFields:
    """Validate every field at once; all problems are reported together, keyed by field."""
    extra = set(data) - FORM_FIELDS
    if extra:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    partner_a, partner_b = _text(data.get("partner_a"), 120), _text(data.get("partner_b"), 120)
    if not partner_a:
        errors["partner_a"] = N_("Enter the first partner's name.")
    if not partner_b:
        errors["partner_b"] = N_("Enter the second partner's name.")
    wedding_date = today
    try:
        wedding_date = date.fromisoformat(str(data.get("wedding_date") or "").strip())
        if wedding_date < today and wedding_date != current_date:
            errors["wedding_date"] = N_("The wedding date cannot be in the past.")
        elif wedding_date > today + timedelta(days=365 * 10):
            errors["wedding_date"] = N_("Choose a date within the next ten years.")
    except ValueError:
        errors["wedding_date"] = N_("Enter a date like 2027-06-12.")
    guests = 0
    raw_guests = str(data.get("expected_guests") or "0").strip()
    try:
        guests = int(raw_guests)
        if not 0 <= guests <= MAX_GUESTS:
            errors["expected_guests"] = N_("Enter a number of guests between 0 and {n}.", n=MAX_GUESTS)
    except ValueError:
        errors["expected_guests"] = N_("Enter a whole number of guests.")
    currency = str(data.get("currency") or "").strip().upper()
    if currency not in CURRENCIES:
        errors["currency"] = N_("Choose a currency from the list (for example EUR or USD).")
    budget_minor = 0
    raw_budget = str(data.get("budget_total") or "0").strip().replace("\u00a0", "").replace(" ", "")
    try:
        amount = parse_decimal(raw_budget, locale=i18n.normalize_language(viewer_lang), strict=False)
        if amount < 0:
            errors["budget_total"] = N_("The budget cannot be negative.")
        elif amount > MAX_BUDGET_UNITS:
            errors["budget_total"] = N_("This budget is larger than we can handle. Check the amount.")
        elif currency in CURRENCIES:
            budget_minor = int((amount.scaleb(get_currency_precision(currency))).to_integral_value())
    except (NumberFormatError, InvalidOperation, ValueError):
        errors["budget_total"] = N_("Enter an amount like 25000 or 25000.50.")
    lang = str(data.get("locale") or "").strip()
    if lang not in i18n.LANGUAGES:
        errors["locale"] = N_("Choose a language from the list.")
    tz = str(data.get("timezone") or "").strip()
    if tz not in TIMEZONES:
        errors["timezone"] = N_("Choose a time zone from the list, like Europe/Paris.")
    city_id = None
    city_text = _text(data.get("city"), 200)
    if city_text:
        from services.vendor_cities import city_by_name

        city = city_by_name(city_text)
        if city is None:
            errors["city"] = N_("We do not know this place. Type the first letters of the town and pick it in the list.")
        else:
            city_id = city.id
    if errors:
        raise ValidationError(errors)
    return WeddingFields(
        partner_a,
        partner_b,
        wedding_date,
        _text(data.get("venue_name"), 200),
        str(data.get("venue_address") or "").strip()[:500],
        city_id,
        guests,
        budget_minor,
        currency,
        lang,
        tz,
    )


def _snapshot(w: Wedding) -> dict[str, Any]:
    return {
        k: str(getattr(w, k))
        for k in (
            "partner_a",
            "partner_b",
            "wedding_date",
            "venue_name",
            "venue_address",
            "city_id",
            "expected_guests",
            "budget_total_minor",
            "currency",
            "locale",
            "timezone",
        )
    }


def load_wedding(
    session: Session, principal: Principal, wedding_id: Any, permission: Permission, *, include_deleted: bool = False
) -> Wedding:
    """The wedding if the principal may act on it; NotFound for anything outside their tenants."""
    wedding = get_scoped(session, principal, Wedding, wedding_id)
    if wedding.deleted_at is not None and not include_deleted:
        raise NotFound()
    authorize(principal, permission, wedding.tenant_id)
    return wedding


def list_weddings(session: Session, principal: Principal) -> list[Wedding]:
    rows = session.exec(scoped(principal, Wedding).order_by(Wedding.wedding_date)).all()
    now = utcnow()
    visible = []
    for w in rows:
        if w.deleted_at is None:
            visible.append(w)
        # Deleted weddings stay listed (for restore) to those who may delete, within the window.
        elif now - w.deleted_at < RESTORE_WINDOW and can(principal, Permission.WEDDING_DELETE, w.tenant_id):
            visible.append(w)
    return visible


def create_wedding(
    session: Session,
    principal: Principal,
    data: Mapping[str, Any],
    *,
    tenant_id: uuid.UUID | None,
    viewer_lang: str,
    today: date,
    template: str | None = None,
) -> Wedding:
    if tenant_id is None:
        # Default to the tenant where the user is owner: their own couple account or agency.
        owned = [t for t, r in principal.roles.items() if r == "owner"]
        tenant_id = owned[0] if owned else (principal.tenant_ids[0] if principal.tenant_ids else None)
    authorize(principal, Permission.WEDDING_CREATE, tenant_id)
    fields = parse_wedding_form(data, viewer_lang=viewer_lang, today=today)
    wedding = Wedding(tenant_id=tenant_id, created_by=principal.user_id, **asdict(fields))
    session.add(wedding)
    session.flush()
    audit.record(session, principal, "wedding.create", tenant_id=tenant_id, obj=wedding, after=_snapshot(wedding))
    if template:  # events, budget split, checklist and draft timeline, in this same transaction
        from services.templates import apply_template

        apply_template(session, principal, wedding, template, today=today)
    return wedding


def update_wedding(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    data: Mapping[str, Any],
    *,
    expected_version: int,
    viewer_lang: str,
    today: date,
) -> Wedding:
    wedding = load_wedding(session, principal, wedding_id, Permission.WEDDING_EDIT)
    # Input is checked first: a forged or invalid form is refused as such, whatever its version.
    fields = parse_wedding_form(data, viewer_lang=viewer_lang, today=today, current_date=wedding.wedding_date)
    if wedding.version != expected_version:
        raise Conflict()
    # Claim the version atomically: if another save committed since the row was read, this matches nothing.
    claimed = session.execute(
        sa.update(Wedding)
        .where(Wedding.id == wedding.id, Wedding.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict()
    before = _snapshot(wedding)
    if fields.wedding_date != wedding.wedding_date:  # open tasks, events and the day-of timeline move with it
        from services.checklist import shift_open_tasks
        from services.timeline import shift_schedule

        delta = fields.wedding_date - wedding.wedding_date
        shift_open_tasks(session, wedding, delta)
        shift_schedule(session, wedding, delta.days)
    for key, value in asdict(fields).items():
        setattr(wedding, key, value)
    wedding.version += 1
    wedding.updated_at = utcnow()
    audit.record(
        session,
        principal,
        "wedding.update",
        tenant_id=wedding.tenant_id,
        obj=wedding,
        before=before,
        after=_snapshot(wedding),
    )
    return wedding


def couple_names(wedding: Wedding) -> str:
    return f"{wedding.partner_a} & {wedding.partner_b}"


def _norm_names(text: str) -> str:
    return " ".join(text.replace("&", " & ").casefold().split())


def delete_wedding(session: Session, principal: Principal, wedding_id: Any, confirmation: str) -> Wedding:
    """Soft delete; the typed confirmation must match the couple's names."""
    wedding = load_wedding(session, principal, wedding_id, Permission.WEDDING_DELETE)
    if _norm_names(confirmation) != _norm_names(couple_names(wedding)):
        raise ValidationError(
            {"confirmation": N_("Type the couple's names exactly as shown: {names}", names=couple_names(wedding))}
        )
    wedding.deleted_at = utcnow()
    wedding.deleted_by = principal.user_id
    wedding.version += 1
    audit.record(session, principal, "wedding.delete", tenant_id=wedding.tenant_id, obj=wedding)
    return wedding


def restore_wedding(session: Session, principal: Principal, wedding_id: Any) -> Wedding:
    wedding = load_wedding(session, principal, wedding_id, Permission.WEDDING_DELETE, include_deleted=True)
    if wedding.deleted_at is None:
        return wedding
    if utcnow() - wedding.deleted_at > RESTORE_WINDOW:
        raise DomainError(N_("This wedding was deleted more than 30 days ago and can no longer be restored."))
    wedding.deleted_at = None
    wedding.deleted_by = None
    wedding.version += 1
    audit.record(session, principal, "wedding.restore", tenant_id=wedding.tenant_id, obj=wedding)
    return wedding
