"""The guest list: households, guests, tags, per-event invitations (RSVP, meal, plus-one), counts.

Every public function takes the acting principal and goes through load_wedding first; guests,
households, events and meal options are then looked up within that wedding only, so an id from
another wedding (or tenant) is NotFound. Every change to a guest appends an audit event.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import re
import unicodedata
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import phonenumbers
import sqlalchemy as sa
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, func, select

from models.base import utcnow
from models.guests import (
    AGE_GROUPS,
    DIETARY_CODES,
    PLUS_ONE_KINDS,
    RSVP_STATUSES,
    SIDES,
    EventMealOption,
    Guest,
    GuestEventInvitation,
    GuestTag,
    Household,
    guest_snapshot,
)
from models.weddings import Wedding, WeddingEvent
from services import audit, i18n
from services.authz import Permission, Principal, can
from services.config import get_settings
from services.errors import N_, Msg, NotFound, TamperedInput, ValidationError
from services.weddings import load_wedding

MAX_BULK = 5000
PER_PAGE_CHOICES = (25, 50, 100)
SORTS = ("name", "first_name", "household", "side", "created")
# msgids of the labels, translated where shown
SIDE_LABELS = {"a": N_("Partner A").id, "b": N_("Partner B").id, "both": N_("Both").id}
AGE_LABELS = {"adult": N_("Adult").id, "child": N_("Child").id, "infant": N_("Infant").id}
RSVP_LABELS = {"pending": N_("Pending").id, "attending": N_("Attending").id, "declined": N_("Declined").id}
PLUS_ONE_LABELS = {"none": N_("No plus-one").id, "named": N_("Named plus-one").id, "unnamed": N_("Unnamed plus-one").id}
DIETARY_LABELS = {
    "vegetarian": N_("Vegetarian").id,
    "vegan": N_("Vegan").id,
    "pescatarian": N_("Pescatarian").id,
    "gluten_free": N_("Gluten-free").id,
    "lactose_free": N_("Lactose-free").id,
    "nut_allergy": N_("Nut allergy").id,
    "shellfish_allergy": N_("Shellfish allergy").id,
    "fish_allergy": N_("Fish allergy").id,
    "egg_allergy": N_("Egg allergy").id,
    "soy_allergy": N_("Soy allergy").id,
    "halal": N_("Halal").id,
    "kosher": N_("Kosher").id,
    "no_pork": N_("No pork").id,
    "no_alcohol": N_("No alcohol").id,
}
if set(DIETARY_LABELS) != set(DIETARY_CODES):  # pragma: no cover - a programming error
    raise RuntimeError("every dietary code needs a label")

# ---- text, email and phone normalization (shared with the import) -------------------------


def clean_text(raw: Any, limit: int) -> str:
    return " ".join(str(raw if raw is not None else "").split())[:limit]


def clean_block(raw: Any, limit: int) -> str:
    """Multi-line text (addresses, notes): trimmed lines, at most `limit` characters."""
    lines = [" ".join(line.split()) for line in str(raw if raw is not None else "").replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line)[:limit]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names and headers."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_SIMPLE_EMAIL = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9._%+'\-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$"
)


def normalize_email(raw: Any) -> str | None:
    """Lower-cased address, "" for empty, None when it is not a valid address."""
    text = str(raw or "").strip()
    if not text:
        return ""
    if len(text) > 320:
        return None
    if _SIMPLE_EMAIL.match(text) and ".." not in text:
        return text.lower()
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def normalize_phone(raw: Any, region: str | None) -> str | None:
    """E.164 (+33612345678), "" for empty, None when it is not a valid number for `region`."""
    text = str(raw or "").strip()
    if not text:
        return ""
    candidates = [text]
    digits = re.sub(r"\D", "", text)
    if not text.startswith("+") and len(digits) >= 11 and not text.startswith("0"):
        candidates.append("+" + digits)  # spreadsheets drop the "+" of international numbers
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def display_phone(e164: str) -> str:
    """+33612345678 -> +33 6 12 34 56 78 (stored numbers are E.164)."""
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in ("en", "fr", "es"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code in phonenumbers.SUPPORTED_REGIONS:
                names[fold(name)] = code
    names.update(
        {
            "usa": "US",
            "u.s.a.": "US",
            "us": "US",
            "uk": "GB",
            "england": "GB",
            "scotland": "GB",
            "wales": "GB",
            "espana": "ES",
            "deutschland": "DE",
            "italia": "IT",
            "schweiz": "CH",
        }
    )
    return names


@lru_cache(maxsize=1)
def _timezone_regions() -> dict[str, str]:
    """Europe/Paris -> FR, from the tz database's zone.tab (tzdata package, else the system's)."""
    text = ""
    try:
        import importlib.resources

        text = (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError):
        with contextlib.suppress(OSError):
            text = Path("/usr/share/zoneinfo/zone.tab").read_text()
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#") and parts[0] in phonenumbers.SUPPORTED_REGIONS:
            out[parts[2]] = parts[0]
    return out


_CURRENCY_REGION = {
    "USD": "US",
    "GBP": "GB",
    "CAD": "CA",
    "AUD": "AU",
    "NZD": "NZ",
    "CHF": "CH",
    "MXN": "MX",
    "BRL": "BR",
    "ARS": "AR",
    "COP": "CO",
    "CLP": "CL",
    "PEN": "PE",
    "SEK": "SE",
    "NOK": "NO",
    "DKK": "DK",
    "PLN": "PL",
    "CZK": "CZ",
    "JPY": "JP",
    "INR": "IN",
    "ZAR": "ZA",
    "MAD": "MA",
}
_LANGUAGE_REGION = {"fr": "FR", "es": "ES", "en": "US"}


def wedding_region(wedding: Wedding) -> str:
    """Default region for numbers written without +: the venue's country, else the time zone's, currency's, language's."""
    names = _country_names()
    for part in reversed(re.split(r"[,\n]", wedding.venue_address or "")):
        words = re.sub(r"\d", " ", part).strip(" .")
        if code := names.get(fold(words)):
            return code
    if region := _timezone_regions().get(wedding.timezone):
        return region
    if region := _CURRENCY_REGION.get(wedding.currency):
        return region
    if wedding.currency == "EUR" and wedding.locale == "en":
        return "IE"
    return _LANGUAGE_REGION.get(i18n.normalize_language(wedding.locale), "US")


def split_tags(raw: Any) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[,;|]", str(raw or "")):
        tag = clean_text(part, 60)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out[:20]


# ---- the guest form ------------------------------------------------------------------------

GUEST_TEXT_FIELDS = {  # name -> (limit, multi-line)
    "first_name": (120, False),
    "last_name": (120, False),
    "address": (500, True),
    "dietary_notes": (500, False),
    "accessibility": (500, False),
    "notes": (2000, True),
    "plus_one_name": (200, False),
}
GUEST_FIELDS = frozenset(
    {
        *GUEST_TEXT_FIELDS,
        "email",
        "phone",
        "side",
        "age_group",
        "language",
        "plus_one",
        "tags",
        "household_id",
        "household_name",
        "dietary",
    }
    | {f"diet_{c}" for c in DIETARY_CODES}
)
_INVITATION_PREFIXES = ("invited_", "rsvp_", "meal_", "plusone_at_", "plusmeal_")


def parse_guest_fields(data: Mapping[str, Any], *, region: str | None, partial: bool = False) -> dict[str, Any]:
    """Validate guest fields; every problem is reported at once, keyed by field. Only given keys when partial."""
    errors: dict[str, Msg] = {}
    out: dict[str, Any] = {}
    for name, (limit, block) in GUEST_TEXT_FIELDS.items():
        if name in data or not partial:
            out[name] = (clean_block if block else clean_text)(data.get(name), limit)
    if "first_name" in out and not out["first_name"]:
        errors["first_name"] = N_("Enter the guest's first name.")
    if "email" in data or not partial:
        email = normalize_email(data.get("email"))
        if email is None:
            errors["email"] = N_("{value} is not a valid email address.", value=clean_text(data.get("email"), 80))
        out["email"] = email or ""
    if "phone" in data or not partial:
        phone = normalize_phone(data.get("phone"), region)
        if phone is None:
            errors["phone"] = N_("{value} is not a valid phone number.", value=clean_text(data.get("phone"), 40))
        out["phone"] = phone or ""
    for name, allowed, default in (
        ("side", SIDES, "both"),
        ("age_group", AGE_GROUPS, "adult"),
        ("plus_one", PLUS_ONE_KINDS, "none"),
    ):
        if name in data or not partial:
            value = str(data.get(name) or default).strip()
            if value not in allowed:
                raise TamperedInput()
            out[name] = value
    if "language" in data or not partial:
        lang = str(data.get("language") or "").strip()
        if lang and lang not in i18n.LANGUAGES:
            raise TamperedInput()
        out["language"] = lang
    diet_keys = [k for k in data if k.startswith("diet_")]
    if "dietary" in data or diet_keys or not partial:
        raw = data.get("dietary")
        codes = list(raw) if isinstance(raw, list | tuple) else split_tags(raw) if raw else []
        codes += [k.removeprefix("diet_") for k in diet_keys if data[k] in (True, "on", "true", "1", 1)]
        if any(c not in DIETARY_CODES for c in codes):
            raise TamperedInput()
        out["dietary"] = [c for c in DIETARY_CODES if c in codes]
    if "tags" in data or not partial:
        out["tags"] = split_tags(data.get("tags"))
    if out.get("plus_one") == "named" and not out.get("plus_one_name", "x"):
        errors["plus_one_name"] = N_("Enter the plus-one's name, or choose an unnamed plus-one.")
    if out.get("plus_one") in ("none", "unnamed"):
        out["plus_one_name"] = ""
    if errors:
        raise ValidationError(errors)
    return out


# ---- lookups within one wedding -------------------------------------------------------------


def _uuid(raw: Any) -> uuid.UUID:
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise NotFound() from None


def _uuids(raw: Iterable[Any]) -> list[uuid.UUID]:
    ids = list(dict.fromkeys(_uuid(r) for r in raw))
    if len(ids) > MAX_BULK:
        raise TamperedInput()
    return ids


def _in_wedding(session: Session, model: type, wedding: Wedding, object_id: Any):
    row = session.exec(
        select(model).where(
            model.id == _uuid(object_id), model.wedding_id == wedding.id, model.tenant_id == wedding.tenant_id
        )
    ).first()
    if row is None:
        raise NotFound()
    return row


def _guests_in_wedding(session: Session, wedding: Wedding, guest_ids: Iterable[Any]) -> list[Guest]:
    ids = _uuids(guest_ids)
    if not ids:
        return []
    rows = session.exec(
        select(Guest).where(Guest.id.in_(ids), Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
    ).all()
    if len(rows) != len(ids):
        raise NotFound()  # some id is not a guest of this wedding
    return list(rows)


def _events(session: Session, wedding: Wedding) -> list[WeddingEvent]:
    rows = session.exec(
        select(WeddingEvent).where(WeddingEvent.wedding_id == wedding.id, WeddingEvent.tenant_id == wedding.tenant_id)
    ).all()
    return sorted(rows, key=lambda e: (e.starts_at is None, e.starts_at or utcnow(), e.name))


def main_event(events: list[WeddingEvent]) -> WeddingEvent | None:
    """The event whose answers stand for "the" RSVP: the reception, else the first event."""
    return next((e for e in events if e.kind == "reception"), events[0] if events else None)


def _meal_options(session: Session, wedding: Wedding) -> list[EventMealOption]:
    return list(
        session.exec(
            select(EventMealOption)
            .where(EventMealOption.wedding_id == wedding.id, EventMealOption.tenant_id == wedding.tenant_id)
            .order_by(EventMealOption.position, EventMealOption.name)
        ).all()
    )


def _tag_names(session: Session, wedding: Wedding) -> list[str]:
    return list(session.exec(select(GuestTag.name).where(GuestTag.wedding_id == wedding.id).distinct()).all())


# ---- listing ------------------------------------------------------------------------------


@dataclass
class GuestQuery:
    search: str = ""
    side: str = ""
    tag: str = ""
    event_id: str = ""
    rsvp: str = ""
    meal_id: str = ""
    dietary: str = ""  # a dietary code, or "any"
    has_email: str = ""  # "yes" | "no"
    household_id: str = ""
    age_group: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1
    per_page: int = 50


@dataclass
class InvitationRow:
    event_id: str
    event_name: str
    rsvp_status: str
    meal_option_id: str
    meal_name: str
    plus_one_attending: bool


@dataclass
class GuestRow:
    id: str
    first_name: str
    last_name: str
    email: str
    phone: str
    side: str
    age_group: str
    language: str
    household_id: str
    household_name: str
    dietary: list[str]
    dietary_notes: str
    plus_one: str
    plus_one_name: str
    tags: list[str] = field(default_factory=list)
    invitations: list[InvitationRow] = field(default_factory=list)


@dataclass
class EventInfo:
    id: str
    name: str
    kind: str
    starts_at: datetime | None
    location: str
    capacity: int | None
    meals: list[tuple[str, str]]  # (id, name)


@dataclass
class GuestPage:
    rows: list[GuestRow]
    total: int
    page: int
    pages: int
    per_page: int
    events: list[EventInfo]
    main_event_id: str


def _event_infos(events: list[WeddingEvent], meals: list[EventMealOption]) -> list[EventInfo]:
    by_event: dict[uuid.UUID, list[tuple[str, str]]] = defaultdict(list)
    for m in meals:
        by_event[m.event_id].append((str(m.id), m.name))
    return [
        EventInfo(str(e.id), e.name, e.kind, e.starts_at, e.location, e.capacity, by_event.get(e.id, []))
        for e in events
    ]


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(q: GuestQuery, wedding: Wedding, events: list[WeddingEvent], meals: list[EventMealOption]) -> list[Any]:
    where: list[Any] = [Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id]
    for term in clean_text(q.search, 200).split()[:6]:
        pattern = _like(term.casefold())
        digits = re.sub(r"\D", "", term)
        ors = [
            func.lower(Guest.first_name).like(pattern, escape="\\"),
            func.lower(Guest.last_name).like(pattern, escape="\\"),
            func.lower(Guest.email).like(pattern, escape="\\"),
            func.lower(Household.name).like(pattern, escape="\\"),
        ]
        if len(digits) >= 3:
            ors.append(Guest.phone.like(_like(digits), escape="\\"))
        where.append(sa.or_(*ors))
    if q.side:
        if q.side not in SIDES:
            raise TamperedInput()
        where.append(Guest.side == q.side)
    if q.age_group:
        if q.age_group not in AGE_GROUPS:
            raise TamperedInput()
        where.append(Guest.age_group == q.age_group)
    if q.tag:
        where.append(
            Guest.id.in_(select(GuestTag.guest_id).where(GuestTag.wedding_id == wedding.id, GuestTag.name == q.tag))
        )
    if q.has_email == "yes":
        where.append(Guest.email != "")
    elif q.has_email == "no":
        where.append(Guest.email == "")
    elif q.has_email:
        raise TamperedInput()
    if q.dietary == "any":
        where.append(sa.or_(sa.cast(Guest.dietary, sa.String) != "[]", Guest.dietary_notes != ""))
    elif q.dietary:
        if q.dietary not in DIETARY_CODES:
            raise TamperedInput()
        where.append(sa.cast(Guest.dietary, sa.String).like(f'%"{q.dietary}"%'))
    if q.household_id:
        where.append(Guest.household_id == _filter_id(q.household_id))
    event_id = _filter_id(q.event_id) if q.event_id else None
    meal = None
    if q.meal_id:
        meal_id = _filter_id(q.meal_id)
        meal = next((m for m in meals if m.id == meal_id), None)
        if meal is None:
            where.append(sa.false())
        elif event_id is None:
            event_id = meal.event_id
    if q.rsvp and q.rsvp not in RSVP_STATUSES:
        raise TamperedInput()
    if q.rsvp and event_id is None:
        main = main_event(events)
        event_id = main.id if main else None
        if event_id is None:
            where.append(sa.true() if q.rsvp == "pending" else sa.false())
    if event_id is not None:
        inv = select(GuestEventInvitation.guest_id).where(
            GuestEventInvitation.wedding_id == wedding.id, GuestEventInvitation.event_id == event_id
        )
        if q.rsvp:
            inv = inv.where(GuestEventInvitation.rsvp_status == q.rsvp)
        if meal is not None:
            inv = inv.where(
                sa.or_(
                    GuestEventInvitation.meal_option_id == meal.id,
                    GuestEventInvitation.plus_one_meal_option_id == meal.id,
                )
            )
        where.append(Guest.id.in_(inv))
    return where


def _filter_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise TamperedInput() from None


def _order(q: GuestQuery) -> list[Any]:
    if q.sort not in SORTS:
        raise TamperedInput()
    keys = {
        "name": [func.lower(Guest.last_name), func.lower(Guest.first_name)],
        "first_name": [func.lower(Guest.first_name), func.lower(Guest.last_name)],
        "household": [func.lower(Household.name), func.lower(Guest.last_name), func.lower(Guest.first_name)],
        "side": [Guest.side, func.lower(Guest.last_name), func.lower(Guest.first_name)],
        "created": [Guest.created_at],
    }[q.sort]
    keys = [k.desc() if q.descending else k.asc() for k in keys]
    return [*keys, Guest.id]


def list_guests(session: Session, principal: Principal, wedding_id: Any, q: GuestQuery) -> GuestPage:
    """One page of the filtered, sorted guest list: a constant number of queries whatever the list's size."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    events = _events(session, wedding)
    meals = _meal_options(session, wedding)
    per_page = q.per_page if q.per_page in PER_PAGE_CHOICES else 50
    where = _filters(q, wedding, events, meals)
    total = session.exec(
        select(func.count()).select_from(Guest).join(Household, Household.id == Guest.household_id).where(*where)
    ).one()
    pages = max(1, -(-total // per_page))
    page = min(max(1, int(q.page or 1)), pages)
    rows = session.exec(
        select(Guest, Household.name)
        .join(Household, Household.id == Guest.household_id)
        .where(*where)
        .order_by(*_order(q))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ids = [g.id for g, _ in rows]
    tags: dict[uuid.UUID, list[str]] = defaultdict(list)
    invitations: dict[uuid.UUID, list[GuestEventInvitation]] = defaultdict(list)
    if ids:
        for guest_id, name in session.exec(
            select(GuestTag.guest_id, GuestTag.name).where(GuestTag.guest_id.in_(ids))
        ).all():
            tags[guest_id].append(name)
        for inv in session.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id.in_(ids))).all():
            invitations[inv.guest_id].append(inv)
    event_names = {e.id: e.name for e in events}
    order = {e.id: i for i, e in enumerate(events)}
    meal_names = {m.id: m.name for m in meals}
    main = main_event(events)
    return GuestPage(
        rows=[
            GuestRow(
                id=str(g.id),
                first_name=g.first_name,
                last_name=g.last_name,
                email=g.email,
                phone=g.phone,
                side=g.side,
                age_group=g.age_group,
                language=g.language,
                household_id=str(g.household_id),
                household_name=hh_name,
                dietary=list(g.dietary or []),
                dietary_notes=g.dietary_notes,
                plus_one=g.plus_one,
                plus_one_name=g.plus_one_name,
                tags=sorted(tags.get(g.id, []), key=str.casefold),
                invitations=[
                    InvitationRow(
                        str(i.event_id),
                        event_names.get(i.event_id, ""),
                        i.rsvp_status,
                        str(i.meal_option_id or ""),
                        meal_names.get(i.meal_option_id, "") if i.meal_option_id else "",
                        i.plus_one_attending,
                    )
                    for i in sorted(invitations.get(g.id, []), key=lambda i: order.get(i.event_id, 99))
                ],
            )
            for g, hh_name in rows
        ],
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
        events=_event_infos(events, meals),
        main_event_id=str(main.id) if main else "",
    )


@dataclass
class GuestOptions:
    events: list[EventInfo]
    main_event_id: str
    tags: list[str]
    households: list[tuple[str, str]]  # (id, name)
    can_edit: bool
    region: str
    timezone: str
    partners: tuple[str, str]


def guest_options(session: Session, principal: Principal, wedding_id: Any) -> GuestOptions:
    """What the filters and forms offer: events with their meals, tags in use, households."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    events = _events(session, wedding)
    households = session.exec(
        select(Household.id, Household.name)
        .where(Household.wedding_id == wedding.id, Household.tenant_id == wedding.tenant_id)
        .order_by(func.lower(Household.name))
    ).all()
    main = main_event(events)
    return GuestOptions(
        events=_event_infos(events, _meal_options(session, wedding)),
        main_event_id=str(main.id) if main else "",
        tags=sorted(_tag_names(session, wedding), key=str.casefold),
        households=[(str(i), n) for i, n in households],
        can_edit=can(principal, Permission.GUESTS_EDIT, wedding.tenant_id),
        region=wedding_region(wedding),
        timezone=wedding.timezone,
        partners=(wedding.partner_a, wedding.partner_b),
    )


# ---- counts -------------------------------------------------------------------------------


@dataclass
class EventCounts:
    event_id: str
    name: str
    kind: str
    capacity: int | None
    invited: int = 0
    attending: int = 0
    declined: int = 0
    pending: int = 0
    plus_ones: int = 0  # attending plus-ones
    meals: list[tuple[str, int]] = field(default_factory=list)  # (meal name, count) incl. plus-ones
    meal_missing: int = 0  # attending (guests and plus-ones) without a meal choice, when the event has meals

    @property
    def seats_taken(self) -> int:
        return self.attending + self.plus_ones


@dataclass
class GuestSummary:
    guests: int
    households: int
    adults: int
    children: int
    infants: int
    with_email: int
    households_pending: int  # households invited somewhere whose members have not answered at all
    dietary: list[tuple[str, int]]  # (code, guests), most frequent first
    dietary_notes: int
    events: list[EventCounts]
    main_event_id: str


def _summary(session: Session, wedding: Wedding) -> GuestSummary:
    w = (Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
    ages = dict(session.exec(select(Guest.age_group, func.count()).where(*w).group_by(Guest.age_group)).all())
    with_email, notes = session.exec(
        select(
            func.coalesce(func.sum(sa.case((Guest.email != "", 1), else_=0)), 0),
            func.coalesce(func.sum(sa.case((Guest.dietary_notes != "", 1), else_=0)), 0),
        ).where(*w)
    ).one()
    households = session.exec(
        select(func.count())
        .select_from(Household)
        .where(Household.wedding_id == wedding.id, Household.tenant_id == wedding.tenant_id)
    ).one()
    diets: Counter[str] = Counter()
    for codes in session.exec(select(Guest.dietary).where(*w, sa.cast(Guest.dietary, sa.String) != "[]")).all():
        diets.update(codes or [])
    inv = GuestEventInvitation
    answered = func.sum(sa.case((inv.rsvp_status != "pending", 1), else_=0))
    pending_households = session.exec(
        select(func.count()).select_from(
            select(Guest.household_id)
            .join(inv, inv.guest_id == Guest.id)
            .where(*w)
            .group_by(Guest.household_id)
            .having(answered == 0)
            .subquery()
        )
    ).one()
    events = _events(session, wedding)
    meals = _meal_options(session, wedding)
    counts = {e.id: EventCounts(str(e.id), e.name, e.kind, e.capacity) for e in events}
    for event_id, status, n, plus in session.exec(
        select(
            inv.event_id,
            inv.rsvp_status,
            func.count(),
            func.coalesce(func.sum(sa.case((inv.plus_one_attending, 1), else_=0)), 0),
        )
        .where(inv.wedding_id == wedding.id, inv.tenant_id == wedding.tenant_id)
        .group_by(inv.event_id, inv.rsvp_status)
    ).all():
        c = counts.get(event_id)
        if c is None or status not in RSVP_STATUSES:
            continue
        setattr(c, status, getattr(c, status) + n)
        c.invited += n
        if status == "attending":
            c.plus_ones += int(plus)
    meal_counts: Counter[uuid.UUID] = Counter()
    attending = inv.rsvp_status == "attending"
    for meal_id, plus_meal_id, plus, n in session.exec(
        select(inv.meal_option_id, inv.plus_one_meal_option_id, inv.plus_one_attending, func.count())
        .where(inv.wedding_id == wedding.id, inv.tenant_id == wedding.tenant_id, attending)
        .group_by(inv.meal_option_id, inv.plus_one_meal_option_id, inv.plus_one_attending)
    ).all():
        if meal_id:
            meal_counts[meal_id] += n
        if plus and plus_meal_id:
            meal_counts[plus_meal_id] += n
    by_event: dict[uuid.UUID, list[EventMealOption]] = defaultdict(list)
    for m in meals:
        by_event[m.event_id].append(m)
    for e in events:
        c = counts[e.id]
        options = by_event.get(e.id, [])
        c.meals = [(m.name, meal_counts.get(m.id, 0)) for m in options]
        if options:
            c.meal_missing = max(0, c.seats_taken - sum(n for _, n in c.meals))
    main = main_event(events)
    return GuestSummary(
        guests=sum(ages.values()),
        households=households,
        adults=ages.get("adult", 0),
        children=ages.get("child", 0),
        infants=ages.get("infant", 0),
        with_email=int(with_email),
        households_pending=pending_households,
        dietary=sorted(diets.items(), key=lambda kv: (-kv[1], kv[0])),
        dietary_notes=int(notes),
        events=[counts[e.id] for e in events],
        main_event_id=str(main.id) if main else "",
    )


def guest_summary(session: Session, principal: Principal, wedding_id: Any) -> GuestSummary:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    return _summary(session, wedding)


def rsvp_totals(session: Session, wedding: Wedding) -> dict[str, int]:
    """The dashboard's guest numbers for an already authorized wedding: answers to its main event.

    Without any event every guest counts as invited and waiting for an answer.
    """
    events = _events(session, wedding)
    main = main_event(events)
    if main is None:
        n = session.exec(select(func.count()).select_from(Guest).where(Guest.wedding_id == wedding.id)).one()
        return {"invited": n, "attending": 0, "declined": 0, "pending": n}
    inv = GuestEventInvitation
    rows = dict(
        session.exec(
            select(inv.rsvp_status, func.count())
            .where(inv.wedding_id == wedding.id, inv.event_id == main.id)
            .group_by(inv.rsvp_status)
        ).all()
    )
    return {
        "invited": sum(rows.values()),
        "attending": rows.get("attending", 0),
        "declined": rows.get("declined", 0),
        "pending": rows.get("pending", 0),
    }


# ---- one guest ----------------------------------------------------------------------------


@dataclass
class GuestDetail:
    guest: Guest
    household_name: str
    tags: list[str]
    invitations: dict[str, GuestEventInvitation]  # event id -> invitation


def get_guest(session: Session, principal: Principal, wedding_id: Any, guest_id: Any) -> GuestDetail:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    guest = _in_wedding(session, Guest, wedding, guest_id)
    household = session.get(Household, guest.household_id)
    tags = session.exec(select(GuestTag.name).where(GuestTag.guest_id == guest.id)).all()
    invs = session.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id == guest.id)).all()
    return GuestDetail(
        guest, household.name if household else "", sorted(tags, key=str.casefold), {str(i.event_id): i for i in invs}
    )


def _canonical_tags(session: Session, wedding: Wedding, tags: list[str]) -> list[str]:
    """Reuse the spelling of tags already in use in the wedding ("VIP" stays "VIP" when "vip" is typed)."""
    if not tags:
        return []
    known = {t.casefold(): t for t in _tag_names(session, wedding)}
    return [known.get(t.casefold(), t) for t in tags]


def _replace_tags(session: Session, wedding: Wedding, guest: Guest, tags: list[str]) -> list[str]:
    tags = _canonical_tags(session, wedding, tags)
    current = {t.name: t for t in session.exec(select(GuestTag).where(GuestTag.guest_id == guest.id)).all()}
    for name, row in current.items():
        if name not in tags:
            session.delete(row)
    for name in tags:
        if name not in current:
            session.add(GuestTag(tenant_id=wedding.tenant_id, wedding_id=wedding.id, guest_id=guest.id, name=name))
    return tags


def _household_for(
    session: Session, wedding: Wedding, data: Mapping[str, Any], guest_fields: dict[str, Any]
) -> Household:
    raw_id = str(data.get("household_id") or "").strip()
    if raw_id and raw_id != "new":
        return _in_wedding(session, Household, wedding, raw_id)
    name = clean_text(data.get("household_name"), 200)
    if not name:
        name = " ".join(p for p in (guest_fields.get("first_name", ""), guest_fields.get("last_name", "")) if p)
    household = Household(tenant_id=wedding.tenant_id, wedding_id=wedding.id, name=name or "?")
    session.add(household)
    session.flush()
    return household


def _drop_if_empty(session: Session, household_id: uuid.UUID) -> None:
    session.flush()
    if not session.exec(select(Guest.id).where(Guest.household_id == household_id).limit(1)).first():
        household = session.get(Household, household_id)
        if household is not None:
            session.delete(household)


def _invitation_changes(session: Session, wedding: Wedding, data: Mapping[str, Any]) -> dict[uuid.UUID, dict[str, Any]]:
    """Per-event fields of the guest dialog: invited_<event>, rsvp_<event>, meal_<event>, plusone_at_<event>, plusmeal_<event>."""
    keys = [k for k in data if k.startswith(_INVITATION_PREFIXES)]
    if not keys:
        return {}
    events = {str(e.id): e for e in _events(session, wedding)}
    meals = {str(m.id): m for m in _meal_options(session, wedding)}
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for key in keys:
        event_key = key.removeprefix(next(p for p in _INVITATION_PREFIXES if key.startswith(p)))
        if event_key not in events:
            raise NotFound()  # an event of another wedding, or none
        out.setdefault(events[event_key].id, {"invited": False})
    for event_key in {str(k) for k in out}:
        event = events[event_key]
        change = out[event.id]
        change["invited"] = data.get(f"invited_{event_key}") in (True, "on", "true", "1")
        status = str(data.get(f"rsvp_{event_key}") or "pending")
        if status not in RSVP_STATUSES:
            raise TamperedInput()
        change["rsvp_status"] = status
        for key, name in (
            (f"meal_{event_key}", "meal_option_id"),
            (f"plusmeal_{event_key}", "plus_one_meal_option_id"),
        ):
            meal_key = str(data.get(key) or "")
            if meal_key and meal_key not in meals:
                raise NotFound()
            if meal_key and meals[meal_key].event_id != event.id:
                raise TamperedInput()
            change[name] = meals[meal_key].id if meal_key else None
        change["plus_one_attending"] = data.get(f"plusone_at_{event_key}") in (True, "on", "true", "1")
    return out


def _check_capacity(session: Session, wedding: Wedding, event: WeddingEvent, extra: dict[uuid.UUID, int]) -> Msg | None:
    """extra: guest id -> seats that guest will take at the event after the change."""
    if event.capacity is None:
        return None
    inv = GuestEventInvitation
    taken = session.exec(
        select(func.count() + func.coalesce(func.sum(sa.case((inv.plus_one_attending, 1), else_=0)), 0)).where(
            inv.event_id == event.id, inv.rsvp_status == "attending", inv.guest_id.not_in(list(extra) or [uuid.uuid4()])
        )
    ).one()
    seats = int(taken) + sum(extra.values())
    if seats > event.capacity:
        return N_("{event} is full: {capacity} seats.", event=event.name, capacity=event.capacity)
    return None


def _apply_invitations(
    session: Session,
    principal: Principal,
    wedding: Wedding,
    guest: Guest,
    changes: dict[uuid.UUID, dict[str, Any]],
    *,
    plus_one_allowed: bool,
) -> None:
    if not changes:
        return
    current = {
        i.event_id: i
        for i in session.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id == guest.id)).all()
    }
    events = {e.id: e for e in _events(session, wedding)}
    errors: dict[str, Msg] = {}
    now = utcnow()
    for event_id, change in changes.items():
        inv = current.get(event_id)
        if not change["invited"]:
            if inv is not None:
                session.delete(inv)
                audit.record(
                    session,
                    principal,
                    "guest.uninvite",
                    tenant_id=wedding.tenant_id,
                    obj=guest,
                    before={"event": str(event_id)},
                )
            continue
        plus = change["plus_one_attending"] and plus_one_allowed and change["rsvp_status"] == "attending"
        if change["rsvp_status"] == "attending" and (
            inv is None or inv.rsvp_status != "attending" or (plus and not inv.plus_one_attending)
        ):
            if problem := _check_capacity(session, wedding, events[event_id], {guest.id: 1 + int(plus)}):
                errors[f"rsvp_{event_id}"] = problem
                continue
        before = _inv_snapshot(inv) if inv else None
        if inv is None:
            inv = GuestEventInvitation(
                tenant_id=wedding.tenant_id, wedding_id=wedding.id, guest_id=guest.id, event_id=event_id
            )
            session.add(inv)
        if inv.rsvp_status != change["rsvp_status"]:
            inv.responded_at = None if change["rsvp_status"] == "pending" else now
        inv.rsvp_status = change["rsvp_status"]
        inv.meal_option_id = change["meal_option_id"]
        inv.plus_one_attending = plus
        inv.plus_one_meal_option_id = change["plus_one_meal_option_id"] if plus else None
        after = _inv_snapshot(inv)
        if before != after:
            audit.record(
                session,
                principal,
                "guest.invitation",
                tenant_id=wedding.tenant_id,
                obj=guest,
                before=before,
                after=after,
            )
    if errors:
        raise ValidationError(errors)


def _inv_snapshot(inv: GuestEventInvitation) -> dict[str, Any]:
    return {
        "event": str(inv.event_id),
        "rsvp_status": inv.rsvp_status,
        "meal": str(inv.meal_option_id or ""),
        "plus_one_attending": inv.plus_one_attending,
        "plus_one_meal": str(inv.plus_one_meal_option_id or ""),
    }


def save_guest(
    session: Session, principal: Principal, wedding_id: Any, guest_id: Any | None, data: Mapping[str, Any]
) -> Guest:
    """Create (guest_id None) or update a guest from the guest form, with its tags and per-event invitations.

    An update may carry only some fields (inline edit); nothing changes when any field is invalid.
    """
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    extra = {k for k in data if k not in GUEST_FIELDS and not k.startswith(_INVITATION_PREFIXES)}
    if extra:
        raise TamperedInput()
    creating = guest_id is None
    guest = None if creating else _in_wedding(session, Guest, wedding, guest_id)
    fields = parse_guest_fields(data, region=wedding_region(wedding), partial=not creating)
    changes = _invitation_changes(session, wedding, data)
    tags = fields.pop("tags", None)
    now = utcnow()
    if guest is None:
        household = _household_for(session, wedding, data, fields)
        guest = Guest(
            tenant_id=wedding.tenant_id, wedding_id=wedding.id, household_id=household.id, invited_at=now, **fields
        )
        session.add(guest)
        session.flush()
        before = None
    else:
        old_tags = session.exec(select(GuestTag.name).where(GuestTag.guest_id == guest.id)).all()
        before = guest_snapshot(guest, list(old_tags))
        old_household = guest.household_id
        if "household_id" in data or "household_name" in data:
            guest.household_id = _household_for(session, wedding, data, {**guest_snapshot(guest), **fields}).id
        for key, value in fields.items():
            setattr(guest, key, value)
        guest.updated_at = now
        if guest.household_id != old_household:
            _drop_if_empty(session, old_household)
    final_tags = _replace_tags(session, wedding, guest, tags) if tags is not None else None
    if final_tags is None:
        final_tags = list(session.exec(select(GuestTag.name).where(GuestTag.guest_id == guest.id)).all())
    after = guest_snapshot(guest, final_tags)
    if before != after:
        audit.record(
            session,
            principal,
            "guest.create" if creating else "guest.update",
            tenant_id=wedding.tenant_id,
            obj=guest,
            before=before,
            after=after,
        )
    _apply_invitations(session, principal, wedding, guest, changes, plus_one_allowed=guest.plus_one != "none")
    session.flush()
    return guest


def set_rsvp(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    guest_id: Any,
    event_id: Any,
    status: str,
    *,
    meal_option_id: str | None = None,
) -> GuestEventInvitation:
    """Record one guest's answer for one event (the couple's inline RSVP edit)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    guest = _in_wedding(session, Guest, wedding, guest_id)
    event = _in_wedding(session, WeddingEvent, wedding, event_id)
    if status not in RSVP_STATUSES:
        raise TamperedInput()
    inv = session.exec(
        select(GuestEventInvitation).where(
            GuestEventInvitation.guest_id == guest.id, GuestEventInvitation.event_id == event.id
        )
    ).first()
    if inv is None:
        raise ValidationError({"": N_("{name} is not invited to {event}.", name=guest.first_name, event=event.name)})
    meal = inv.meal_option_id
    if meal_option_id is not None:
        meal = _in_wedding(session, EventMealOption, wedding, meal_option_id).id if meal_option_id else None
        if meal and session.get(EventMealOption, meal).event_id != event.id:
            raise TamperedInput()
    changes = {
        event.id: {
            "invited": True,
            "rsvp_status": status,
            "meal_option_id": meal,
            "plus_one_attending": inv.plus_one_attending,
            "plus_one_meal_option_id": inv.plus_one_meal_option_id,
        }
    }
    _apply_invitations(session, principal, wedding, guest, changes, plus_one_allowed=guest.plus_one != "none")
    return inv


def delete_guests(
    session: Session, principal: Principal, wedding_id: Any, guest_ids: list[Any], *, confirmed: bool
) -> int:
    """Delete guests (their invitations and tags go with them) and the households left empty."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    guests = _guests_in_wedding(session, wedding, guest_ids)
    if not confirmed:
        raise ValidationError({"": N_("Confirm the deletion first.")})
    tags: dict[uuid.UUID, list[str]] = defaultdict(list)
    ids = [g.id for g in guests]
    for gid, name in (
        session.exec(select(GuestTag.guest_id, GuestTag.name).where(GuestTag.guest_id.in_(ids))).all() if ids else []
    ):
        tags[gid].append(name)
    households = {g.household_id for g in guests}
    for g in guests:
        audit.record(
            session, principal, "guest.delete", tenant_id=wedding.tenant_id, obj=g, before=guest_snapshot(g, tags[g.id])
        )
    if ids:
        session.execute(sa.delete(GuestTag).where(GuestTag.guest_id.in_(ids)))
        session.execute(sa.delete(GuestEventInvitation).where(GuestEventInvitation.guest_id.in_(ids)))
        session.execute(sa.delete(Guest).where(Guest.id.in_(ids)))
        still_used = set(
            session.exec(select(Guest.household_id).where(Guest.household_id.in_(households)).distinct()).all()
        )
        empty = households - still_used
        if empty:
            session.execute(sa.delete(Household).where(Household.id.in_(empty)))
    session.expire_all()
    return len(guests)


def tag_guests(
    session: Session, principal: Principal, wedding_id: Any, guest_ids: list[Any], tag: str, *, remove: bool = False
) -> int:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    guests = _guests_in_wedding(session, wedding, guest_ids)
    names = split_tags(tag)
    if len(names) != 1:
        raise ValidationError({"tag": N_("Enter one tag, like Family or College friends.")})
    name = _canonical_tags(session, wedding, names)[0]
    ids = [g.id for g in guests]
    have = (
        set(session.exec(select(GuestTag.guest_id).where(GuestTag.guest_id.in_(ids), GuestTag.name == name)).all())
        if ids
        else set()
    )
    changed = 0
    for g in guests:
        if remove and g.id in have:
            session.execute(sa.delete(GuestTag).where(GuestTag.guest_id == g.id, GuestTag.name == name))
        elif not remove and g.id not in have:
            session.add(GuestTag(tenant_id=wedding.tenant_id, wedding_id=wedding.id, guest_id=g.id, name=name))
        else:
            continue
        changed += 1
        audit.record(
            session,
            principal,
            "guest.untag" if remove else "guest.tag",
            tenant_id=wedding.tenant_id,
            obj=g,
            after={"tag": name},
        )
    return changed


def invite_guests(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    guest_ids: list[Any],
    event_id: Any,
    *,
    remove: bool = False,
) -> int:
    """Invite guests to an event (pending answer), or withdraw their invitation to it."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    guests = _guests_in_wedding(session, wedding, guest_ids)
    event = _in_wedding(session, WeddingEvent, wedding, event_id)
    ids = [g.id for g in guests]
    have = {
        i.guest_id: i
        for i in (
            session.exec(
                select(GuestEventInvitation).where(
                    GuestEventInvitation.event_id == event.id, GuestEventInvitation.guest_id.in_(ids)
                )
            ).all()
            if ids
            else []
        )
    }
    changed = 0
    for g in guests:
        if remove and g.id in have:
            session.delete(have[g.id])
        elif not remove and g.id not in have:
            session.add(
                GuestEventInvitation(
                    tenant_id=wedding.tenant_id, wedding_id=wedding.id, guest_id=g.id, event_id=event.id
                )
            )
        else:
            continue
        changed += 1
        audit.record(
            session,
            principal,
            "guest.uninvite" if remove else "guest.invite",
            tenant_id=wedding.tenant_id,
            obj=g,
            after={"event": str(event.id)},
        )
    return changed


def rename_household(
    session: Session, principal: Principal, wedding_id: Any, household_id: Any, name: str
) -> Household:
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    household = _in_wedding(session, Household, wedding, household_id)
    clean = clean_text(name, 200)
    if not clean:
        raise ValidationError({"household_name": N_("Enter a name for the household.")})
    before = {"name": household.name}
    household.name = clean
    audit.record(
        session,
        principal,
        "household.rename",
        tenant_id=wedding.tenant_id,
        obj=household,
        before=before,
        after={"name": clean},
    )
    return household


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def household_token(household: Household) -> str | None:
    """The household's live RSVP token, re-derived on the server, or None if it has none (revoked).

    token = HMAC-SHA256(secret key, household id + issue time), 192 bits, URL-safe. Only its SHA-256 is
    stored, so the database alone never yields a link; the server can still print it on a card, show it
    as a QR code or put it in a reminder without replacing the link the guests already have.
    """
    if not household.invite_token_hash or household.invite_token_created_at is None:
        return None
    token = _derive(household)
    # A changed secret key makes old links unrecoverable (they still work while the hash matches).
    return token if hash_token(token) == household.invite_token_hash else None


def new_household_token(household: Household) -> str:
    """Give the household a fresh token (any earlier link stops working); returns it."""
    household.invite_token_created_at = utcnow()
    token = _derive(household)
    household.invite_token_hash = hash_token(token)
    return token


def _derive(household: Household) -> str:
    issued = household.invite_token_created_at.isoformat() if household.invite_token_created_at else ""
    seed = f"rsvp:{household.id}:{issued}:"
    digest = hmac.new(get_settings().secret_key.encode(), seed.encode(), hashlib.sha256).digest()[:24]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_household_token(session: Session, principal: Principal, wedding_id: Any, household_id: Any) -> str:
    """A new private RSVP link token for a household (replacing any earlier one). Only its SHA-256 is stored."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    household = _in_wedding(session, Household, wedding, household_id)
    token = new_household_token(household)  # 192 bits
    audit.record(session, principal, "household.token", tenant_id=wedding.tenant_id, obj=household)
    return token
