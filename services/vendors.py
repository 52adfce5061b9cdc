"""Vendor organizations: sign-up, team, profile, packages, portfolio images, availability calendar; and the couple
side of a vendor: its page for a wedding, the wedding's shortlist and the side-by-side comparison.

A vendor organization is a tenant of kind "vendor" with exactly one VendorProfile. Its members (owner: the person
who signed it up; vendor: invited team members) edit it. Couples and planners see only published profiles, through
a wedding they may browse vendors for. Everything else is NotFound.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from babel.numbers import NumberFormatError, get_currency_precision, parse_decimal
from sqlmodel import Session, func, select

from models.base import utcnow
from models.tenancy import Tenant
from models.vendors import (
    PROFILE_LANGS,
    VENDOR_TYPES,
    ShortlistEntry,
    VendorBlockedDate,
    VendorImage,
    VendorPackage,
    VendorProfile,
)
from models.weddings import Wedding
from services import audit, collaborators, i18n
from services.authz import Permission, Principal, Role, authorize, can
from services.errors import N_, Msg, NotFound, TamperedInput, ValidationError
from services.storage import get_storage, new_key
from services.tenancy import get_scoped, scoped
from services.vendor_cities import City, city_by_id, city_by_name, distance_km, find_city_in, region_names
from services.weddings import CURRENCIES, load_wedding

TYPE_LABELS: dict[str, str] = {  # message ids, translated where shown
    "photographer": N_("Photographer").id,
    "videographer": N_("Videographer").id,
    "dj": N_("DJ").id,
    "band": N_("Band").id,
    "caterer": N_("Caterer").id,
    "venue": N_("Venue").id,
    "florist": N_("Florist").id,
    "planner": N_("Wedding planner").id,
    "officiant": N_("Officiant").id,
    "baker": N_("Baker").id,
    "hair_makeup": N_("Hair & make-up").id,
    "transport": N_("Transport").id,
    "rentals": N_("Rentals").id,
    "stationer": N_("Stationer").id,
}
SPOKEN_LANGUAGES: dict[str, str] = {  # languages a vendor team speaks (msgids)
    "en": N_("English").id,
    "fr": N_("French").id,
    "es": N_("Spanish").id,
    "de": N_("German").id,
    "it": N_("Italian").id,
    "pt": N_("Portuguese").id,
    "nl": N_("Dutch").id,
    "ar": N_("Arabic").id,
}
PROFILE_FIELDS = frozenset(
    {
        "name",
        "types",
        "description",
        "base_city",
        "latitude",
        "longitude",
        "radius_km",
        "regions",
        "price_min",
        "price_max",
        "currency",
        "languages",
        "allows_multiple_per_day",
        "contact_email",
        "lang",
    }
)
PACKAGE_FIELDS = frozenset({"name", "description", "price", "included"})
MAX_RADIUS_KM = 500
MAX_PACKAGES = 20
MAX_IMAGES = 30
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
FULL_SIZE = 1600
THUMB_SIZE = 400
IMAGE_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
MAX_MONEY_UNITS = Decimal("10000000")


# ---------------------------------------------------------------------------------------------- helpers


def _text(raw: Any, limit: int) -> str:
    return " ".join(str(raw or "").split())[:limit]


def _as_list(raw: Any) -> list[str]:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        return [p.strip() for p in raw.replace("\n", ",").split(",") if p.strip()]
    if isinstance(raw, Iterable):
        return [str(p).strip() for p in raw if str(p).strip()]
    raise TamperedInput()


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    return str(raw or "").strip().lower() in ("1", "true", "on", "yes")


def parse_money(raw: Any, currency: str, lang: str, errors: dict[str, Msg], key: str) -> int:
    text = str(raw if raw is not None else "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return 0
    try:
        amount = parse_decimal(text, locale=i18n.normalize_language(lang), strict=False)
    except (NumberFormatError, InvalidOperation, ValueError):
        errors[key] = N_("Enter an amount like 1500 or 1500.50.")
        return 0
    if amount < 0:
        errors[key] = N_("The amount cannot be negative.")
        return 0
    if amount > MAX_MONEY_UNITS:
        errors[key] = N_("This amount is larger than we can handle. Check it.")
        return 0
    precision = get_currency_precision(currency) if currency in CURRENCIES else 2
    return int(amount.scaleb(precision).to_integral_value())


def money_input(amount_minor: int, currency: str) -> str:
    """Minor units back to the plain number a form field shows ("1500" or "1500.5")."""
    precision = get_currency_precision(currency) if currency in CURRENCIES else 2
    value = Decimal(amount_minor).scaleb(-precision)
    text = format(value.normalize(), "f") if value else "0"
    return text


def _compute_completeness(session: Session, v: VendorProfile) -> float:
    has_package = session.exec(select(VendorPackage.id).where(VendorPackage.vendor_id == v.id)).first() is not None
    has_image = session.exec(select(VendorImage.id).where(VendorImage.vendor_id == v.id)).first() is not None
    parts = (
        len(v.description) >= 80,
        has_package,
        has_image,
        bool(v.languages),
        v.price_max > 0,
        v.latitude is not None and v.longitude is not None,
    )
    return round(sum(parts) / len(parts), 4)


def _touch(session: Session, v: VendorProfile) -> None:
    """After any change: completeness, updated_at, and the full-text index of the profile."""
    from services.vendor_search import reindex_vendor

    session.flush()
    v.completeness = _compute_completeness(session, v)
    v.updated_at = utcnow()
    session.add(v)
    session.flush()
    reindex_vendor(session, v)


def _snapshot(v: VendorProfile) -> dict[str, Any]:
    return {
        k: getattr(v, k)
        for k in (
            "name",
            "types",
            "base_city",
            "radius_km",
            "regions",
            "price_min",
            "price_max",
            "currency",
            "languages",
            "allows_multiple_per_day",
            "published",
            "lang",
        )
    }


# ---------------------------------------------------------------------------------------------- organization


def create_vendor_org(session: Session, tenant: Tenant, *, contact_email: str, lang: str) -> VendorProfile:
    """Called by sign-up in its transaction: the organization's (unpublished) profile."""
    profile = VendorProfile(
        tenant_id=tenant.id,
        name=tenant.name,
        contact_email=contact_email,
        lang=lang if lang in PROFILE_LANGS else "en",
        currency="EUR",
        languages=[lang] if lang in SPOKEN_LANGUAGES else [],
    )
    session.add(profile)
    session.flush()
    _touch(session, profile)
    return profile


def vendor_tenant_ids(session: Session, principal: Principal) -> list[uuid.UUID]:
    if not principal.tenant_ids:
        return []
    return list(
        session.exec(select(Tenant.id).where(Tenant.id.in_(principal.tenant_ids), Tenant.kind == "vendor")).all()
    )


def is_vendor_only(session: Session, principal: Principal) -> bool:
    """True when every tenant of the principal is a vendor organization (they land on /vendor)."""
    ids = vendor_tenant_ids(session, principal)
    return bool(ids) and len(ids) == len(principal.tenant_ids)


def load_own_vendor(
    session: Session, principal: Principal, permission: Permission = Permission.VENDOR_PROFILE_EDIT
) -> VendorProfile:
    """The principal's vendor organization profile (the first one if they belong to several)."""
    profile = session.exec(scoped(principal, VendorProfile).order_by(VendorProfile.created_at)).first()
    if profile is None:
        raise NotFound()
    authorize(principal, permission, profile.tenant_id)
    return profile


# ---------------------------------------------------------------------------------------------- profile


def update_profile(session: Session, principal: Principal, data: Mapping[str, Any], *, lang: str) -> VendorProfile:
    v = load_own_vendor(session, principal)
    if set(data) - PROFILE_FIELDS:
        raise TamperedInput()
    before = _snapshot(v)
    errors: dict[str, Msg] = {}
    name = _text(data.get("name", v.name), 200)
    if not name:
        errors["name"] = N_("Enter your business name.")
    types = _as_list(data.get("types", v.types))
    if any(t not in VENDOR_TYPES for t in types):
        raise TamperedInput()
    if not types:
        errors["types"] = N_("Choose at least one type of service.")
    description = str(data.get("description", v.description) or "").strip()[:5000]
    currency = str(data.get("currency", v.currency) or "").strip().upper()
    if currency not in CURRENCIES:
        errors["currency"] = N_("Choose a currency from the list (for example EUR or USD).")
    price_min = parse_money(
        data.get("price_min", money_input(v.price_min, v.currency)), currency, lang, errors, "price_min"
    )
    price_max = parse_money(
        data.get("price_max", money_input(v.price_max, v.currency)), currency, lang, errors, "price_max"
    )
    if "price_min" not in errors and "price_max" not in errors and price_max and price_min > price_max:
        errors["price_max"] = N_("The highest price must be at least the lowest price.")
    base_city = _text(data.get("base_city", v.base_city), 120)
    lat_raw, lon_raw = data.get("latitude"), data.get("longitude")
    latitude, longitude = v.latitude, v.longitude
    if lat_raw not in (None, "") or lon_raw not in (None, ""):
        try:
            latitude, longitude = float(str(lat_raw).replace(",", ".")), float(str(lon_raw).replace(",", "."))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise ValueError
        except (TypeError, ValueError):
            errors["latitude"] = N_("Enter a latitude between -90 and 90 and a longitude between -180 and 180.")
    elif base_city and base_city == v.base_city and v.latitude is not None:
        pass  # unchanged: keep the coordinates it was saved with
    elif base_city:
        city = city_by_name(base_city)
        if city is None:
            errors["base_city"] = N_("We do not know this place. Type the first letters of the town and pick it in the list.")
        else:
            base_city, latitude, longitude = city.label, city.lat, city.lon
    else:
        latitude = longitude = None
    try:
        radius = int(str(data.get("radius_km", v.radius_km)).strip() or 0)
        if not 0 <= radius <= MAX_RADIUS_KM:
            raise ValueError
    except ValueError:
        radius = v.radius_km
        errors["radius_km"] = N_("Enter a distance between 0 and {n} km.", n=MAX_RADIUS_KM)
    regions = _as_list(data.get("regions", v.regions))
    known_regions = set(region_names())
    if any(r not in known_regions for r in regions):
        errors["regions"] = N_("Choose regions from the list.")
    languages = _as_list(data.get("languages", v.languages))
    if any(code not in SPOKEN_LANGUAGES for code in languages):
        raise TamperedInput()
    profile_lang = str(data.get("lang", v.lang) or "en")
    if profile_lang not in PROFILE_LANGS:
        raise TamperedInput()
    contact = str(data.get("contact_email", v.contact_email) or "").strip()
    if contact:
        from services.auth import normalize_email

        try:
            contact = normalize_email(contact)
        except ValidationError:
            errors["contact_email"] = N_("Enter a valid email address, like name@example.com.")
    if errors:
        raise ValidationError(errors)
    v.name, v.types, v.description, v.currency = name, types, description, currency
    v.price_min, v.price_max = price_min, price_max
    v.base_city, v.latitude, v.longitude, v.radius_km = base_city, latitude, longitude, radius
    v.regions, v.languages, v.lang, v.contact_email = regions, languages, profile_lang, contact
    v.allows_multiple_per_day = _bool(data.get("allows_multiple_per_day", v.allows_multiple_per_day))
    _touch(session, v)
    audit.record(
        session, principal, "vendor.profile.update", tenant_id=v.tenant_id, obj=v, before=before, after=_snapshot(v)
    )
    return v


def publish_problems(session: Session, v: VendorProfile) -> list[Msg]:
    problems = []
    if not v.types:
        problems.append(N_("Choose at least one type of service."))
    if len(v.description.strip()) < 30:
        problems.append(N_("Write a description of at least 30 characters."))
    if v.latitude is None or v.longitude is None:
        problems.append(N_("Choose your base city."))
    if session.exec(select(VendorPackage.id).where(VendorPackage.vendor_id == v.id)).first() is None:
        problems.append(N_("Add at least one package."))
    return problems


def set_published(session: Session, principal: Principal, published: bool) -> VendorProfile:
    v = load_own_vendor(session, principal)
    if published:
        problems = publish_problems(session, v)
        if problems:
            raise ValidationError({"": problems[0]})
    before = {"published": v.published}
    v.published = bool(published)
    _touch(session, v)
    audit.record(
        session,
        principal,
        "vendor.publish" if published else "vendor.unpublish",
        tenant_id=v.tenant_id,
        obj=v,
        before=before,
        after={"published": v.published},
    )
    return v


# ---------------------------------------------------------------------------------------------- packages


def _parse_package(data: Mapping[str, Any], currency: str, lang: str) -> dict[str, Any]:
    if set(data) - PACKAGE_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    name = _text(data.get("name"), 200)
    if not name:
        errors["name"] = N_("Give the package a name.")
    description = str(data.get("description") or "").strip()[:2000]
    price = parse_money(data.get("price"), currency, lang, errors, "price")
    included = [_text(line, 200) for line in str(data.get("included") or "").splitlines() if line.strip()]
    if len(included) > 30:
        errors["included"] = N_("List at most 30 items, one per line.")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "description": description, "price": price, "included": included}


def _own_package(session: Session, principal: Principal, v: VendorProfile, package_id: Any) -> VendorPackage:
    return get_scoped(session, principal, VendorPackage, package_id, VendorPackage.vendor_id == v.id)


def list_packages(session: Session, vendor_id: uuid.UUID) -> list[VendorPackage]:
    return list(
        session.exec(
            select(VendorPackage)
            .where(VendorPackage.vendor_id == vendor_id)
            .order_by(VendorPackage.position, VendorPackage.name)
        ).all()
    )


def add_package(session: Session, principal: Principal, data: Mapping[str, Any], *, lang: str) -> VendorPackage:
    v = load_own_vendor(session, principal)
    fields = _parse_package(data, v.currency, lang)
    count = session.exec(select(func.count()).select_from(VendorPackage).where(VendorPackage.vendor_id == v.id)).one()
    if count >= MAX_PACKAGES:
        raise ValidationError({"": N_("A profile can list at most {n} packages.", n=MAX_PACKAGES)})
    package = VendorPackage(tenant_id=v.tenant_id, vendor_id=v.id, position=count, **fields)
    session.add(package)
    _touch(session, v)
    audit.record(session, principal, "vendor.package.create", tenant_id=v.tenant_id, obj=package, after=fields)
    return package


def update_package(
    session: Session, principal: Principal, package_id: Any, data: Mapping[str, Any], *, lang: str
) -> VendorPackage:
    v = load_own_vendor(session, principal)
    package = _own_package(session, principal, v, package_id)
    fields = _parse_package(data, v.currency, lang)
    before = {k: getattr(package, k) for k in fields}
    for k, value in fields.items():
        setattr(package, k, value)
    session.add(package)
    _touch(session, v)
    audit.record(
        session, principal, "vendor.package.update", tenant_id=v.tenant_id, obj=package, before=before, after=fields
    )
    return package


def delete_package(session: Session, principal: Principal, package_id: Any) -> None:
    v = load_own_vendor(session, principal)
    package = _own_package(session, principal, v, package_id)
    before = {"name": package.name, "price": package.price}
    audit.record(session, principal, "vendor.package.delete", tenant_id=v.tenant_id, obj=package, before=before)
    session.delete(package)
    _touch(session, v)


# ---------------------------------------------------------------------------------------------- images


@dataclass(frozen=True)
class ProcessedImage:
    full: bytes
    thumb: bytes
    width: int
    height: int


def process_image(data: bytes) -> ProcessedImage:
    """Check by content that this is an image, strip metadata (EXIF, GPS), resize; JPEG out.

    Raises ValidationError({"file": ...}) for anything else (a renamed .exe, a zip, a PDF, a huge file).
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError({"file": N_("This file is larger than {n} MB.", n=MAX_IMAGE_BYTES // (1024 * 1024))})
    if not data:
        raise ValidationError({"file": N_("This file is empty.")})
    not_image = ValidationError({"file": N_("This file is not a picture. Upload a JPEG, PNG or WebP image.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in IMAGE_FORMATS:
                raise not_image
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError({"file": N_("This picture has too many pixels. Use one under 40 megapixels.")})
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)  # keep the orientation the camera meant, then drop EXIF
            if img.mode in ("RGBA", "LA", "P"):
                rgba = img.convert("RGBA")
                background = Image.new("RGB", rgba.size, (255, 255, 255))
                background.paste(rgba, mask=rgba.getchannel("A"))
                img = background
            else:
                img = img.convert("RGB")
            full = img.copy()
            full.thumbnail((FULL_SIZE, FULL_SIZE), Image.Resampling.LANCZOS)
            thumb = img.copy()
            thumb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS)
            out_full, out_thumb = io.BytesIO(), io.BytesIO()
            full.save(out_full, "JPEG", quality=85, optimize=True)  # no exif= argument: nothing carried over
            thumb.save(out_thumb, "JPEG", quality=80, optimize=True)
            return ProcessedImage(out_full.getvalue(), out_thumb.getvalue(), full.width, full.height)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise not_image from None


def add_image(session: Session, principal: Principal, data: bytes, *, caption: str = "") -> VendorImage:
    v = load_own_vendor(session, principal)
    count = session.exec(select(func.count()).select_from(VendorImage).where(VendorImage.vendor_id == v.id)).one()
    if count >= MAX_IMAGES:
        raise ValidationError({"file": N_("A portfolio can hold at most {n} pictures.", n=MAX_IMAGES)})
    processed = process_image(data)  # raises before anything is stored
    storage = get_storage()
    full_key = new_key(f"vendor-images/{v.tenant_id}", ".jpg")
    thumb_key = new_key(f"vendor-images/{v.tenant_id}", ".jpg")
    storage.put(full_key, processed.full, "image/jpeg")
    try:
        storage.put(thumb_key, processed.thumb, "image/jpeg")
        image = VendorImage(
            tenant_id=v.tenant_id,
            vendor_id=v.id,
            storage_key=full_key,
            thumb_key=thumb_key,
            content_type="image/jpeg",
            width=processed.width,
            height=processed.height,
            caption=_text(caption, 300),
            position=count,
        )
        session.add(image)
        _touch(session, v)
    except Exception:
        storage.delete(full_key)
        storage.delete(thumb_key)
        raise
    audit.record(
        session,
        principal,
        "vendor.image.add",
        tenant_id=v.tenant_id,
        obj=image,
        after={"width": image.width, "height": image.height},
    )
    return image


def delete_image(session: Session, principal: Principal, image_id: Any) -> None:
    v = load_own_vendor(session, principal)
    image = get_scoped(session, principal, VendorImage, image_id, VendorImage.vendor_id == v.id)
    keys = (image.storage_key, image.thumb_key)
    audit.record(session, principal, "vendor.image.delete", tenant_id=v.tenant_id, obj=image)
    session.delete(image)
    _touch(session, v)
    storage = get_storage()
    for key in keys:
        storage.delete(key)


def list_images(session: Session, vendor_id: uuid.UUID) -> list[VendorImage]:
    return list(
        session.exec(
            select(VendorImage)
            .where(VendorImage.vendor_id == vendor_id)
            .order_by(VendorImage.position, VendorImage.created_at)
        ).all()
    )


def image_content(session: Session, principal: Principal, image_id: Any, size: str) -> tuple[bytes, str]:
    """The bytes of a portfolio image for an authorized viewer: the vendor's own team, or any logged-in user
    when the vendor is published. Anything else is NotFound."""
    if size not in ("thumb", "full"):
        raise NotFound()
    try:
        image = session.get(VendorImage, uuid.UUID(str(image_id)))
    except ValueError:
        raise NotFound() from None
    if image is None:
        raise NotFound()
    if principal.role_in(image.tenant_id) is None:
        vendor = session.get(VendorProfile, image.vendor_id)
        if vendor is None or not vendor.published:
            raise NotFound()
    key = image.thumb_key if size == "thumb" else image.storage_key
    return get_storage().get(key), image.content_type


# ---------------------------------------------------------------------------------------------- availability


def _parse_day(raw: Any) -> date:
    try:
        return raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValidationError({"day": N_("Enter a date like 2027-06-12.")}) from None


def block_date(session: Session, principal: Principal, day: Any, reason: str = "") -> VendorBlockedDate:
    v = load_own_vendor(session, principal)
    d = _parse_day(day)
    existing = session.exec(
        select(VendorBlockedDate).where(VendorBlockedDate.vendor_id == v.id, VendorBlockedDate.day == d)
    ).first()
    if existing is not None:
        return existing
    row = VendorBlockedDate(tenant_id=v.tenant_id, vendor_id=v.id, day=d, reason=_text(reason, 200))
    session.add(row)
    session.flush()
    audit.record(session, principal, "vendor.date.block", tenant_id=v.tenant_id, obj=row, after={"day": d.isoformat()})
    return row


def unblock_date(session: Session, principal: Principal, day: Any) -> None:
    v = load_own_vendor(session, principal)
    d = _parse_day(day)
    row = session.exec(
        scoped(principal, VendorBlockedDate, VendorBlockedDate.vendor_id == v.id, VendorBlockedDate.day == d)
    ).first()
    if row is None:
        raise NotFound()
    audit.record(
        session, principal, "vendor.date.unblock", tenant_id=v.tenant_id, obj=row, before={"day": d.isoformat()}
    )
    session.delete(row)


def _booking_model():
    try:
        from models.bookings import VendorBooking
    except ImportError:  # bookings not installed
        return None
    return VendorBooking


def booked_days(session: Session, vendor_id: uuid.UUID, start: date, end: date) -> dict[date, int]:
    """Confirmed bookings per day in [start, end] (empty when bookings do not exist)."""
    booking = _booking_model()
    if booking is None:
        return {}
    rows = session.exec(
        select(booking.day, func.count())
        .where(booking.vendor_id == vendor_id, booking.status == "confirmed", booking.day >= start, booking.day <= end)
        .group_by(booking.day)
    ).all()
    return {d: n for d, n in rows}


def unavailable_condition(vendor_table: Any, day: date) -> sa.ColumnElement[bool]:
    """SQL: the vendor cannot take an event on `day` (blocked, or already booked and one event a day)."""
    blocked = sa.exists().where(VendorBlockedDate.vendor_id == vendor_table.id, VendorBlockedDate.day == day)
    booking = _booking_model()
    if booking is None:
        return blocked
    booked = sa.exists().where(booking.vendor_id == vendor_table.id, booking.day == day, booking.status == "confirmed")
    return sa.or_(blocked, sa.and_(sa.not_(vendor_table.allows_multiple_per_day), booked))


def is_available(session: Session, vendor: VendorProfile, day: date) -> bool:
    query = select(VendorProfile.id).where(VendorProfile.id == vendor.id, unavailable_condition(VendorProfile, day))
    return session.exec(query).first() is None


@dataclass
class CalendarDay:
    day: str  # ISO
    label: str
    weekday: int
    in_month: bool
    blocked: bool
    reason: str
    bookings: int
    past: bool


def calendar_month(
    session: Session, principal: Principal, month: date, *, lang: str, today: date
) -> tuple[list[CalendarDay], list[tuple[str, str, str]]]:
    """Weeks of the month (Monday first) with blocked days and booking counts; and the list of upcoming blocks."""
    v = load_own_vendor(session, principal)
    first = month.replace(day=1)
    start = first - timedelta(days=first.weekday())
    next_month = (first + timedelta(days=32)).replace(day=1)
    end = next_month + timedelta(days=(6 - (next_month - timedelta(days=1)).weekday()) - 1)
    blocked = {
        b.day: b.reason
        for b in session.exec(
            select(VendorBlockedDate).where(
                VendorBlockedDate.vendor_id == v.id, VendorBlockedDate.day >= start, VendorBlockedDate.day <= end
            )
        )
    }
    booked = booked_days(session, v.id, start, end)
    days = []
    d = start
    while d <= end:
        days.append(
            CalendarDay(
                d.isoformat(),
                str(d.day),
                d.weekday(),
                d.month == first.month,
                d in blocked,
                blocked.get(d, ""),
                booked.get(d, 0),
                d < today,
            )
        )
        d += timedelta(days=1)
    upcoming = session.exec(
        select(VendorBlockedDate)
        .where(VendorBlockedDate.vendor_id == v.id, VendorBlockedDate.day >= today)
        .order_by(VendorBlockedDate.day)
        .limit(50)
    ).all()
    return days, [(b.day.isoformat(), i18n.format_day(b.day, lang), b.reason) for b in upcoming]


# ---------------------------------------------------------------------------------------------- team


@dataclass(frozen=True)
class VendorTeam:
    members: list[collaborators.TeamMember]
    pending: list[collaborators.PendingInvitation]


# The team functions are the collaborators' invitation service with the vendor organization as the tenant.


def vendor_team(session: Session, principal: Principal) -> VendorTeam:
    return VendorTeam(*collaborators._team(session, principal, collaborators.VENDOR_TEAM, None))


def invite_member(session: Session, principal: Principal, email: str, *, lang: str) -> str:
    """Invite a team member (role vendor) by email; the link works once within 7 days. Returns the token."""
    return collaborators._invite(session, principal, collaborators.VENDOR_TEAM, None, email, Role.VENDOR, lang=lang)


def revoke_member_invitation(session: Session, principal: Principal, invitation_id: Any) -> None:
    collaborators._revoke_invitation(session, principal, collaborators.VENDOR_TEAM, None, invitation_id)


def remove_member(session: Session, principal: Principal, user_id: Any) -> None:
    collaborators._remove_member(session, principal, collaborators.VENDOR_TEAM, None, user_id)


# ---------------------------------------------------------------------------------------------- couple side


def wedding_city(wedding: Wedding) -> City | None:
    """The wedding's town or city: the one chosen in its details, else one named in the venue address or name
    (weddings saved before the city field, and imports)."""
    if wedding.city_id is not None:
        city = city_by_id(wedding.city_id)
        if city is not None:
            return city
    return find_city_in(wedding.venue_address, wedding.venue_name)


def wedding_city_label(wedding: Wedding) -> str:
    """The city field's value in the wedding's details form (what wedding_city finds, so saving keeps it)."""
    city = wedding_city(wedding)
    return city.label if city else ""


def published_vendor(session: Session, vendor_id: Any) -> VendorProfile:
    try:
        vid = uuid.UUID(str(vendor_id))
    except ValueError:
        raise NotFound() from None
    v = session.get(VendorProfile, vid)
    if v is None or not v.published:
        raise NotFound()
    return v


def vendor_distance(v: VendorProfile, city: City | None) -> float | None:
    if city is None or v.latitude is None or v.longitude is None:
        return None
    return distance_km(v.latitude, v.longitude, city.lat, city.lon)


def serves_area(v: VendorProfile, city: City | None) -> bool | None:
    if city is None:
        return None
    if city.region in (v.regions or []):
        return True
    km = vendor_distance(v, city)
    return km is not None and km <= v.radius_km


@dataclass
class VendorView:
    vendor: VendorProfile
    packages: list[VendorPackage]
    images: list[VendorImage]
    wedding: Wedding
    city: City | None
    distance_km: float | None
    serves_area: bool | None
    available: bool
    shortlisted: bool
    note: str
    can_book: bool
    extra: dict[str, Any] = field(default_factory=dict)


def vendor_for_wedding(session: Session, principal: Principal, wedding_id: Any, vendor_id: Any) -> VendorView:
    wedding = load_wedding(session, principal, wedding_id, Permission.VENDORS_BROWSE)
    v = published_vendor(session, vendor_id)
    city = wedding_city(wedding)
    entry = session.exec(
        scoped(principal, ShortlistEntry, ShortlistEntry.wedding_id == wedding.id, ShortlistEntry.vendor_id == v.id)
    ).first()
    return VendorView(
        vendor=v,
        packages=list_packages(session, v.id),
        images=list_images(session, v.id),
        wedding=wedding,
        city=city,
        distance_km=vendor_distance(v, city),
        serves_area=serves_area(v, city),
        available=is_available(session, v, wedding.wedding_date),
        shortlisted=entry is not None,
        note=entry.note if entry else "",
        can_book=can(principal, Permission.VENDORS_BOOK, wedding.tenant_id),
    )


def shortlist_add(
    session: Session, principal: Principal, wedding_id: Any, vendor_id: Any, note: str = ""
) -> ShortlistEntry:
    wedding = load_wedding(session, principal, wedding_id, Permission.VENDORS_BOOK)
    v = published_vendor(session, vendor_id)
    note = str(note or "").strip()[:1000]
    entry = session.exec(
        scoped(principal, ShortlistEntry, ShortlistEntry.wedding_id == wedding.id, ShortlistEntry.vendor_id == v.id)
    ).first()
    if entry is None:
        entry = ShortlistEntry(tenant_id=wedding.tenant_id, wedding_id=wedding.id, vendor_id=v.id, note=note)
        session.add(entry)
        session.flush()
        audit.record(
            session,
            principal,
            "shortlist.add",
            tenant_id=wedding.tenant_id,
            obj=entry,
            after={"vendor_id": str(v.id), "note": note},
        )
    elif entry.note != note:
        before = {"note": entry.note}
        entry.note = note
        session.add(entry)
        audit.record(
            session,
            principal,
            "shortlist.note",
            tenant_id=wedding.tenant_id,
            obj=entry,
            before=before,
            after={"note": note},
        )
    return entry


def shortlist_remove(session: Session, principal: Principal, wedding_id: Any, vendor_id: Any) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.VENDORS_BOOK)
    try:
        vid = uuid.UUID(str(vendor_id))
    except ValueError:
        raise NotFound() from None
    entry = session.exec(
        scoped(principal, ShortlistEntry, ShortlistEntry.wedding_id == wedding.id, ShortlistEntry.vendor_id == vid)
    ).first()
    if entry is None:
        raise NotFound()
    audit.record(
        session,
        principal,
        "shortlist.remove",
        tenant_id=wedding.tenant_id,
        obj=entry,
        before={"vendor_id": str(vid), "note": entry.note},
    )
    session.delete(entry)


@dataclass
class ShortlistItem:
    vendor: VendorProfile
    note: str
    packages: list[VendorPackage]
    available: bool
    distance_km: float | None
    serves_area: bool | None


def shortlist(session: Session, principal: Principal, wedding_id: Any) -> tuple[Wedding, list[ShortlistItem]]:
    """The wedding's shortlist (vendors that were unpublished since are left out)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.VENDORS_BROWSE)
    city = wedding_city(wedding)
    rows = session.exec(
        scoped(principal, ShortlistEntry, ShortlistEntry.wedding_id == wedding.id)
        .join(VendorProfile, VendorProfile.id == ShortlistEntry.vendor_id)
        .where(VendorProfile.published)
        .order_by(ShortlistEntry.created_at)
    ).all()
    items = []
    for entry in rows:
        v = session.get(VendorProfile, entry.vendor_id)
        items.append(
            ShortlistItem(
                v,
                entry.note,
                list_packages(session, v.id),
                is_available(session, v, wedding.wedding_date),
                vendor_distance(v, city),
                serves_area(v, city),
            )
        )
    return wedding, items


def compare(
    session: Session, principal: Principal, wedding_id: Any, vendor_ids: Iterable[Any]
) -> tuple[Wedding, list[ShortlistItem]]:
    """2 to 4 shortlisted vendors side by side, in the order asked."""
    wedding, items = shortlist(session, principal, wedding_id)
    wanted = []
    for raw in vendor_ids:
        try:
            wanted.append(uuid.UUID(str(raw)))
        except ValueError:
            raise NotFound() from None
    by_id = {i.vendor.id: i for i in items}
    if any(w not in by_id for w in wanted):
        raise NotFound()
    if not 2 <= len(set(wanted)) <= 4:
        raise ValidationError({"": N_("Choose between 2 and 4 shortlisted vendors to compare.")})
    seen: list[uuid.UUID] = []
    for w in wanted:
        if w not in seen:
            seen.append(w)
    return wedding, [by_id[w] for w in seen]
