"""Quotes and bookings between a wedding's team and a vendor organization.

A couple (or planner) with booking permission asks a vendor for a quote for a day; the vendor's
team sees the wedding's date, the couple's names and the guest count (never the guest list) and
answers with a proposal or declines; the couple accepts or declines the proposal. Accepting is one
transaction: the booking, the vendor's day lock (unless the vendor takes several events a day; the
database refuses a second lock for the same day), the budget lines when the wedding has a budget,
and the audit events. Anyone on neither side gets NotFound.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from models.base import utcnow
from models.bookings import MessageThread, QuoteRequest, VendorBooking, VendorDayLock, VendorReview
from models.guests import Guest
from models.planning import BudgetCategory, BudgetItem
from models.tenancy import Membership, User
from models.vendors import VendorBlockedDate, VendorPackage, VendorProfile, WeddingVendor
from models.weddings import Wedding
from services import audit, i18n
from services.authz import Permission, Principal, can
from services.budget import DEFAULT_NAMES, parse_amount
from services.config import get_settings
from services.errors import N_, Conflict, Msg, NotFound, TamperedInput, ValidationError
from services.notifications import send_email
from services.weddings import couple_names, load_wedding

VIEW_PERMISSION = Permission.VENDORS_BROWSE  # see quotes, bookings and threads of a wedding
BOOK_PERMISSION = Permission.VENDORS_BOOK  # request quotes, accept or decline proposals, message, review
MAX_MESSAGE = 4000
OPEN_STATUSES = ("requested", "proposed")
STATUS_LABELS = {
    "requested": N_("Waiting for the vendor").id,
    "proposed": N_("Proposal received").id,
    "accepted": N_("Booked").id,
    "declined": N_("Declined").id,
    "withdrawn": N_("Withdrawn").id,
}
VENDOR_STATUS_LABELS = {
    "requested": N_("New request").id,
    "proposed": N_("Proposal sent").id,
    "accepted": N_("Booked").id,
    "declined": N_("Declined").id,
    "withdrawn": N_("Withdrawn by the couple").id,
}
# Vendor type -> budget category kind (services.budget.DEFAULT_CATEGORIES).
TYPE_TO_CATEGORY = {
    "photographer": "photography",
    "videographer": "photography",
    "dj": "music",
    "band": "music",
    "caterer": "catering",
    "baker": "catering",
    "venue": "venue",
    "rentals": "venue",
    "florist": "flowers",
    "officiant": "officiant",
    "hair_makeup": "beauty",
    "transport": "transport",
    "stationer": "stationery",
    "planner": "contingency",
}
REQUEST_FIELDS = {"day", "message"}
PROPOSAL_FIELDS = {"package_id", "price", "deposit", "deposit_due", "balance_due", "note"}


# ---- access --------------------------------------------------------------------------------


def _either_side(principal: Principal, model: Any) -> sa.ColumnElement[bool]:
    """Rows the principal sees as a member of the wedding's tenant or of the vendor's tenant."""
    ids = principal.tenant_ids
    return sa.or_(model.tenant_id.in_(ids), model.vendor_tenant_id.in_(ids))


def side_of(session: Session, principal: Principal, row: Any, *, act: bool = False) -> str:
    """ "couple" or "vendor" for a row carrying both tenants; NotFound for anyone else.

    The couple's side goes through load_wedding (a deleted wedding or a lost membership hides it);
    `act` asks for the booking permission instead of the view permission.
    """
    if principal.role_in(row.tenant_id) is not None:
        load_wedding(session, principal, row.wedding_id, BOOK_PERMISSION if act else VIEW_PERMISSION)
        return "couple"
    if principal.role_in(row.vendor_tenant_id) is not None:
        return "vendor"
    raise NotFound()


def _uuid(raw: Any) -> uuid.UUID:
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise NotFound() from None


def load_quote(session: Session, principal: Principal, quote_id: Any) -> QuoteRequest:
    quote = session.exec(
        select(QuoteRequest).where(QuoteRequest.id == _uuid(quote_id), _either_side(principal, QuoteRequest))
    ).first()
    if quote is None:
        raise NotFound()
    return quote


def _only(data: Mapping[str, Any], allowed: set[str]) -> None:
    if set(data) - allowed:
        raise TamperedInput()


def _text(raw: Any, limit: int) -> str:
    return str(raw or "").strip()[:limit]


def _record(session: Session, principal: Principal, action: str, row: Any, *, tenant_id, before=None, after=None):
    audit.record(session, principal, action, tenant_id=tenant_id, obj=row, before=before, after=after)


def headcount(session: Session, wedding: Wedding) -> int:
    listed = session.exec(select(func.count()).select_from(Guest).where(Guest.wedding_id == wedding.id)).one()
    return int(listed) or wedding.expected_guests


def vendor_busy_days(session: Session, vendor_id: Any, start: date, end: date) -> list[date]:
    """Days between start and end (inclusive) that bookings block in the vendor's calendar.

    Only vendors taking one event a day have blocking bookings; manual blocked dates are V1's
    VendorBlockedDate rows. Reveals nothing but the days (the marketplace shows availability).
    """
    rows = session.exec(
        select(VendorDayLock.day)
        .where(VendorDayLock.vendor_id == _uuid(vendor_id), VendorDayLock.day >= start, VendorDayLock.day <= end)
        .order_by(VendorDayLock.day)
    ).all()
    return list(rows)


def _unavailable(session: Session, vendor: VendorProfile, day: date) -> bool:
    blocked = session.exec(
        select(VendorBlockedDate.id).where(VendorBlockedDate.vendor_id == vendor.id, VendorBlockedDate.day == day)
    ).first()
    if blocked is not None:
        return True
    if vendor.allows_multiple_per_day:
        return False
    return (
        session.exec(
            select(VendorDayLock.id).where(VendorDayLock.vendor_id == vendor.id, VendorDayLock.day == day)
        ).first()
        is not None
    )


# ---- notifications ---------------------------------------------------------------------------


def members(session: Session, tenant_id: uuid.UUID) -> list[User]:
    return list(
        session.exec(
            select(User).join(Membership, Membership.user_id == User.id).where(Membership.tenant_id == tenant_id)
        ).all()
    )


def notify_side(
    session: Session,
    tenant_id: uuid.UUID,
    *,
    exclude: uuid.UUID | None,
    subject: str,
    body: str,
    kind: str,
    **params: Any,
) -> int:
    """Email every member of a tenant (except `exclude`) in their own language, through the outbox."""
    sent = 0
    for user in members(session, tenant_id):
        if user.id == exclude:
            continue
        lang = i18n.normalize_language(user.locale)
        send_email(
            session,
            to=user.email,
            subject=i18n.gettext(lang, subject, **params),
            body=i18n.gettext(lang, body, **params),
            kind=kind,
            tenant_id=tenant_id,
        )
        sent += 1
    return sent


def _link(path: str) -> str:
    return f"{get_settings().base_url}{path}"


# ---- couple side: request, accept, decline, withdraw ---------------------------------------


def request_quote(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    vendor_id: Any,
    data: Mapping[str, Any],
    *,
    today: date,
) -> QuoteRequest:
    wedding = load_wedding(session, principal, wedding_id, BOOK_PERMISSION)
    _only(data, REQUEST_FIELDS)
    vendor = session.get(VendorProfile, _uuid(vendor_id))
    if vendor is None or not vendor.published:
        raise NotFound()
    errors: dict[str, Msg] = {}
    day = wedding.wedding_date
    raw_day = str(data.get("day") or "").strip()
    if raw_day:
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            errors["day"] = N_("Enter a date like 2027-06-12.")
    if "day" not in errors:
        if day < today:
            errors["day"] = N_("Choose a day that is not in the past.")
        elif day > today + timedelta(days=365 * 10):
            errors["day"] = N_("Choose a date within the next ten years.")
        elif _unavailable(session, vendor, day):
            errors["day"] = N_("This vendor is not available on this day. Choose another day.")
    message = _text(data.get("message"), MAX_MESSAGE + 1)
    if not message:
        errors["message"] = N_("Tell the vendor a little about your wedding and what you need.")
    elif len(message) > MAX_MESSAGE:
        errors["message"] = N_("Keep the message under {n} characters.", n=MAX_MESSAGE)
    if errors:
        raise ValidationError(errors)
    open_quote = session.exec(
        select(QuoteRequest.id).where(
            QuoteRequest.wedding_id == wedding.id,
            QuoteRequest.vendor_id == vendor.id,
            QuoteRequest.status.in_(OPEN_STATUSES),
        )
    ).first()
    if open_quote is not None:
        raise ValidationError({"": N_("You already have an open request with this vendor. Answer it in Bookings.")})
    now = utcnow()
    quote = QuoteRequest(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        day=day,
        message=message,
        currency=wedding.currency,
        created_by=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(quote)
    session.flush()
    thread = MessageThread(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        quote_id=quote.id,
        created_at=now,
    )
    session.add(thread)
    session.flush()
    from services.messages import _store_message  # the request's text opens the thread

    _store_message(session, principal, thread, "couple", message, [], notify=False)
    _record(
        session,
        principal,
        "quote.request",
        quote,
        tenant_id=wedding.tenant_id,
        after={"vendor_id": str(vendor.id), "day": day.isoformat()},
    )
    notify_side(
        session,
        vendor.tenant_id,
        exclude=principal.user_id,
        subject=N_("New quote request from {couple}").id,
        body=N_("{couple} would like a quote for {day}.\n\nAnswer it here: {link}\n\n— Attitudes.vip").id,
        kind="quote_request",
        couple=couple_names(wedding),
        day=day.isoformat(),
        link=_link("/vendor/requests"),
    )
    return quote


def _claim(session: Session, quote: QuoteRequest, from_statuses: tuple[str, ...], to_status: str) -> None:
    """Move the quote's status atomically: if someone else moved it first, Conflict."""
    if quote.status not in from_statuses:
        raise Conflict(N_("This request has changed in the meantime. Reload to see where it stands."))
    claimed = session.execute(
        sa.update(QuoteRequest)
        .where(QuoteRequest.id == quote.id, QuoteRequest.version == quote.version, QuoteRequest.status == quote.status)
        .values(version=quote.version + 1, status=to_status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict(N_("This request has changed in the meantime. Reload to see where it stands."))
    quote.version += 1
    quote.status = to_status
    quote.updated_at = utcnow()


def _budget_lines(
    session: Session, wedding: Wedding, vendor: VendorProfile, booking: VendorBooking, lang: str
) -> tuple[BudgetItem | None, BudgetItem | None]:
    """The deposit and the balance as budget lines (payments due), when the wedding has a budget."""
    cats = session.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wedding.id)).all()
    if not cats:
        return None, None
    kind = next((TYPE_TO_CATEGORY[t] for t in vendor.types if t in TYPE_TO_CATEGORY), "contingency")
    cat = next((c for c in cats if c.kind == kind), None)
    if cat is None:
        cat = BudgetCategory(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            name=DEFAULT_NAMES[kind],
            kind=kind,
            position=max(c.position for c in cats) + 1,
        )
        session.add(cat)
        session.flush()
    lang = wedding.locale or lang
    lines: list[BudgetItem] = []
    parts = []
    if booking.deposit > 0:
        parts.append(
            (i18n.gettext(lang, "{vendor}: deposit", vendor=vendor.name), booking.deposit, booking.deposit_due)
        )
        parts.append(
            (
                i18n.gettext(lang, "{vendor}: balance", vendor=vendor.name),
                booking.price - booking.deposit,
                booking.balance_due,
            )
        )
    else:
        parts.append((vendor.name, booking.price, booking.balance_due))
    for name, amount, due in parts:
        item = BudgetItem(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            category_id=cat.id,
            name=name[:200],
            vendor=vendor.name[:200],
            estimated_minor=amount,
            committed_minor=amount,
            due_date=due,
        )
        session.add(item)
        lines.append(item)
    session.flush()
    return lines[0], (lines[1] if len(lines) > 1 else None)


def accept_proposal(session: Session, principal: Principal, quote_id: Any, *, lang: str = "en") -> VendorBooking:
    """One transaction: booking, day lock, budget lines, the couple's vendor list, audit. Conflict changes nothing."""
    quote = load_quote(session, principal, quote_id)
    if side_of(session, principal, quote, act=True) != "couple":
        raise NotFound()
    wedding = load_wedding(session, principal, quote.wedding_id, BOOK_PERMISSION)
    if quote.price is None:
        raise Conflict(N_("This request has changed in the meantime. Reload to see where it stands."))
    _claim(session, quote, ("proposed",), "accepted")
    vendor = session.get(VendorProfile, quote.vendor_id)
    if vendor is None:
        raise NotFound()
    busy = N_(
        "{vendor} is already booked on {day}. Nothing was changed: ask them for another day or choose another vendor.",
        vendor=vendor.name,
        day=i18n.format_day(quote.day, lang),
    )
    if _unavailable(session, vendor, quote.day):
        raise Conflict(busy)
    booking = VendorBooking(
        tenant_id=quote.tenant_id,
        wedding_id=quote.wedding_id,
        vendor_id=quote.vendor_id,
        vendor_tenant_id=quote.vendor_tenant_id,
        quote_id=quote.id,
        day=quote.day,
        price=quote.price,
        currency=quote.currency,
        deposit=quote.deposit or 0,
        deposit_due=quote.deposit_due,
        balance_due=quote.balance_due,
        created_by=principal.user_id,
    )
    session.add(booking)
    session.flush()
    if not vendor.allows_multiple_per_day:
        # The database has the last word: of two couples accepting at once, one insert fails here.
        try:
            with session.begin_nested():
                session.add(VendorDayLock(vendor_id=vendor.id, day=quote.day, booking_id=booking.id))
        except IntegrityError:
            raise Conflict(busy) from None
    deposit_item, balance_item = _budget_lines(session, wedding, vendor, booking, lang)
    booking.budget_item_id = deposit_item.id if deposit_item else None
    booking.balance_item_id = balance_item.id if balance_item else None
    kind = next((TYPE_TO_CATEGORY.get(t, t) for t in vendor.types), "")
    session.add(
        WeddingVendor(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            name=vendor.name[:200],
            category=kind[:60],
            email=vendor.contact_email[:320],
            status="booked",
        )
    )
    session.execute(sa.update(MessageThread).where(MessageThread.quote_id == quote.id).values(booking_id=booking.id))
    quote.decided_at = utcnow()
    session.flush()
    _record(session, principal, "quote.accept", quote, tenant_id=wedding.tenant_id, after={"status": "accepted"})
    _record(
        session,
        principal,
        "booking.create",
        booking,
        tenant_id=wedding.tenant_id,
        after={
            "vendor_id": str(vendor.id),
            "day": quote.day.isoformat(),
            "price": booking.price,
            "currency": booking.currency,
            "deposit": booking.deposit,
            "day_locked": not vendor.allows_multiple_per_day,
            "budget_items": [str(i.id) for i in (deposit_item, balance_item) if i is not None],
        },
    )
    notify_side(
        session,
        vendor.tenant_id,
        exclude=principal.user_id,
        subject=N_("{couple} accepted your proposal").id,
        body=N_("{couple} accepted your proposal for {day}. The date is now booked.\n\n{link}\n\n— Attitudes.vip").id,
        kind="quote_accepted",
        couple=couple_names(wedding),
        day=quote.day.isoformat(),
        link=_link("/vendor/requests"),
    )
    return booking


def decline_proposal(session: Session, principal: Principal, quote_id: Any, reason: str = "") -> QuoteRequest:
    """The couple says no to the proposal (or withdraws a request the vendor has not answered)."""
    quote = load_quote(session, principal, quote_id)
    if side_of(session, principal, quote, act=True) != "couple":
        raise NotFound()
    before = quote.status
    _claim(session, quote, OPEN_STATUSES, "declined" if quote.status == "proposed" else "withdrawn")
    quote.decided_at = utcnow()
    quote.decline_reason = _text(reason, 1000)
    _record(
        session,
        principal,
        "quote." + ("decline" if quote.status == "declined" else "withdraw"),
        quote,
        tenant_id=quote.tenant_id,
        before={"status": before},
        after={"status": quote.status},
    )
    return quote


# ---- vendor side: propose, decline ---------------------------------------------------------


def _vendor_quote(session: Session, principal: Principal, quote_id: Any) -> QuoteRequest:
    quote = load_quote(session, principal, quote_id)
    if principal.role_in(quote.vendor_tenant_id) is None:
        raise NotFound()
    return quote


def _parse_day(raw: Any, field: str, errors: dict[str, Msg], *, earliest: date, latest: date) -> date | None:
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        errors[field] = N_("Enter a date like 2027-06-12.")
        return None
    if value < earliest:
        errors[field] = N_("Choose a day that is not in the past.")
    elif value > latest:
        errors[field] = N_("Choose a day before {day}.", day=latest.isoformat())
    else:
        return value
    return None


def propose(
    session: Session,
    principal: Principal,
    quote_id: Any,
    data: Mapping[str, Any],
    *,
    lang: str,
    today: date,
) -> QuoteRequest:
    """The vendor's answer: a package or a custom offer, price, deposit and its due date, balance due date."""
    quote = _vendor_quote(session, principal, quote_id)
    _only(data, PROPOSAL_FIELDS)
    errors: dict[str, Msg] = {}
    package = None
    raw_package = str(data.get("package_id") or "").strip()
    if raw_package:
        package = session.exec(
            select(VendorPackage).where(
                VendorPackage.id == _uuid(raw_package), VendorPackage.vendor_id == quote.vendor_id
            )
        ).first()
        if package is None:
            raise TamperedInput()
    cur = quote.currency
    raw_price = str(data.get("price") or "").strip()
    vendor = session.get(VendorProfile, quote.vendor_id)
    if not raw_price and package is not None and vendor is not None and vendor.currency == cur:
        price = package.price  # the package's price, unless the vendor typed another one
    else:
        price = parse_amount(raw_price, cur, lang, field="price", errors=errors, positive=True)
    deposit = parse_amount(data.get("deposit"), cur, lang, field="deposit", errors=errors)
    latest = quote.day + timedelta(days=365)
    deposit_due = _parse_day(data.get("deposit_due"), "deposit_due", errors, earliest=today, latest=latest)
    balance_due = _parse_day(data.get("balance_due"), "balance_due", errors, earliest=today, latest=latest)
    if "price" not in errors and "deposit" not in errors and deposit > price:
        errors["deposit"] = N_("The deposit cannot be more than the price.")
    if deposit > 0 and deposit_due is None and "deposit_due" not in errors:
        errors["deposit_due"] = N_("Enter when the deposit is due.")
    if balance_due is None and "balance_due" not in errors:
        errors["balance_due"] = N_("Enter when the balance is due.")
    if deposit_due and balance_due and balance_due < deposit_due:
        errors["balance_due"] = N_("The balance is due after the deposit.")
    note = _text(data.get("note"), MAX_MESSAGE + 1)
    if len(note) > MAX_MESSAGE:
        errors["note"] = N_("Keep the message under {n} characters.", n=MAX_MESSAGE)
    if errors:
        raise ValidationError(errors)
    before = {"status": quote.status, "price": quote.price}
    _claim(session, quote, OPEN_STATUSES, "proposed")
    quote.package_id = package.id if package else None
    quote.package_name = package.name if package else ""
    quote.price, quote.deposit = price, deposit
    quote.deposit_due = deposit_due if deposit > 0 else None
    quote.balance_due = balance_due
    quote.proposal_note = note
    quote.proposed_at, quote.proposed_by = utcnow(), principal.user_id
    session.flush()
    _record(
        session,
        principal,
        "quote.propose",
        quote,
        tenant_id=quote.vendor_tenant_id,
        before=before,
        after={
            "status": "proposed",
            "package": quote.package_name,
            "price": price,
            "deposit": deposit,
            "deposit_due": deposit_due.isoformat() if deposit_due and deposit else None,
            "balance_due": balance_due.isoformat() if balance_due else None,
        },
    )
    notify_side(
        session,
        quote.tenant_id,
        exclude=principal.user_id,
        subject=N_("{vendor} sent you a proposal").id,
        body=N_(
            "{vendor} answered your request for {day} with a proposal.\n\nSee it here: {link}\n\n— Attitudes.vip"
        ).id,
        kind="quote_proposal",
        vendor=vendor.name if vendor else "",
        day=quote.day.isoformat(),
        link=_link(f"/w/{quote.wedding_id}/bookings"),
    )
    return quote


def vendor_decline(session: Session, principal: Principal, quote_id: Any, reason: str = "") -> QuoteRequest:
    quote = _vendor_quote(session, principal, quote_id)
    before = quote.status
    _claim(session, quote, OPEN_STATUSES, "declined")
    quote.decided_at = utcnow()
    quote.decline_reason = _text(reason, 1000)
    _record(
        session,
        principal,
        "quote.vendor_decline",
        quote,
        tenant_id=quote.vendor_tenant_id,
        before={"status": before},
        after={"status": "declined"},
    )
    vendor = session.get(VendorProfile, quote.vendor_id)
    notify_side(
        session,
        quote.tenant_id,
        exclude=principal.user_id,
        subject=N_("{vendor} cannot take your request").id,
        body=N_("{vendor} declined your request for {day}.\n\n{link}\n\n— Attitudes.vip").id,
        kind="quote_declined",
        vendor=vendor.name if vendor else "",
        day=quote.day.isoformat(),
        link=_link(f"/w/{quote.wedding_id}/bookings"),
    )
    return quote


# ---- reading -------------------------------------------------------------------------------


def _money(amount: int | None, currency: str, lang: str) -> str:
    return "" if amount is None else i18n.format_money(amount, currency, lang)


def _day(value: date | None, lang: str) -> str:
    return i18n.format_day(value, lang, "medium") if value else ""


def _quote_row(
    q: QuoteRequest,
    booking: VendorBooking | None,
    thread: MessageThread | None,
    unread: dict[uuid.UUID, int],
    lang: str,
    *,
    vendor_side: bool,
) -> dict[str, Any]:
    labels = VENDOR_STATUS_LABELS if vendor_side else STATUS_LABELS
    return {
        "id": str(q.id),
        "status": q.status,
        "status_label": i18n.gettext(lang, labels[q.status]),
        "day": _day(q.day, lang),
        "day_iso": q.day.isoformat(),
        "message": q.message,
        "package": q.package_name,
        "price": _money(q.price, q.currency, lang),
        "deposit": _money(q.deposit, q.currency, lang) if q.deposit else "",
        "deposit_due": _day(q.deposit_due, lang),
        "balance_due": _day(q.balance_due, lang),
        "note": q.proposal_note,
        "has_proposal": q.price is not None,
        "booking_id": str(booking.id) if booking else "",
        "thread_id": str(thread.id) if thread else "",
        "unread": unread.get(thread.id, 0) if thread else 0,
        "requested": i18n.format_day(q.created_at.date(), lang, "medium"),
    }


def couple_overview(
    session: Session, principal: Principal, wedding_id: Any, *, lang: str, today: date
) -> dict[str, Any]:
    """The wedding's quotes and bookings, newest first, with proposal, thread and review state."""
    from services.messages import _unread_by_thread

    wedding = load_wedding(session, principal, wedding_id, VIEW_PERMISSION)
    can_book = can(principal, BOOK_PERMISSION, wedding.tenant_id)
    rows = session.exec(
        select(QuoteRequest, VendorProfile, VendorBooking, MessageThread, VendorReview)
        .join(VendorProfile, VendorProfile.id == QuoteRequest.vendor_id)
        .outerjoin(MessageThread, MessageThread.quote_id == QuoteRequest.id)  # rows made outside request_quote
        .outerjoin(VendorBooking, VendorBooking.quote_id == QuoteRequest.id)
        .outerjoin(VendorReview, VendorReview.booking_id == VendorBooking.id)
        .where(QuoteRequest.wedding_id == wedding.id, QuoteRequest.tenant_id == wedding.tenant_id)
        .order_by(QuoteRequest.created_at.desc())
    ).all()
    unread = _unread_by_thread(session, principal, [t.id for _, _, _, t, _ in rows if t is not None])
    out = []
    for q, vendor, booking, thread, review in rows:
        row = _quote_row(q, booking, thread, unread, lang, vendor_side=False)
        past = booking is not None and booking.status == "confirmed" and booking.day < today
        row |= {
            "vendor": vendor.name,
            "vendor_id": str(vendor.id),
            "can_answer": can_book and q.status == "proposed",
            "can_withdraw": can_book and q.status == "requested",
            "can_review": can_book and past and review is None,
            "review_pending": booking is not None and not past,
            "reviewed": review is not None,
            "review_overall": f"{review.overall:.1f}" if review else "",
        }
        out.append(row)
    return {
        "rows": out,
        "can_book": can_book,
        "wedding_day": wedding.wedding_date.isoformat(),
        "currency": wedding.currency,
    }


def vendor_for_request(session: Session, principal: Principal, wedding_id: Any, vendor_id: Any) -> dict[str, Any]:
    """What the request form shows: the vendor's name and whether the wedding's day is free."""
    wedding = load_wedding(session, principal, wedding_id, BOOK_PERMISSION)
    vendor = session.get(VendorProfile, _uuid(vendor_id))
    if vendor is None or not vendor.published:
        raise NotFound()
    return {
        "id": str(vendor.id),
        "name": vendor.name,
        "day_iso": wedding.wedding_date.isoformat(),
        "available": not _unavailable(session, vendor, wedding.wedding_date),
    }


def vendor_profiles_of(session: Session, principal: Principal) -> list[VendorProfile]:
    """The vendor organizations the principal works for."""
    return list(session.exec(select(VendorProfile).where(VendorProfile.tenant_id.in_(principal.tenant_ids))).all())


def vendor_overview(session: Session, principal: Principal, *, lang: str, today: date) -> dict[str, Any]:
    """The vendor's requests, proposals and bookings: wedding date, names and guest count only."""
    from services.messages import _unread_by_thread

    vendors = vendor_profiles_of(session, principal)
    if not vendors:
        raise NotFound()
    ids = [v.id for v in vendors]
    rows = session.exec(
        select(QuoteRequest, Wedding, VendorBooking, MessageThread)
        .join(Wedding, Wedding.id == QuoteRequest.wedding_id)
        .outerjoin(MessageThread, MessageThread.quote_id == QuoteRequest.id)  # rows made outside request_quote
        .outerjoin(VendorBooking, VendorBooking.quote_id == QuoteRequest.id)
        .where(QuoteRequest.vendor_id.in_(ids), QuoteRequest.vendor_tenant_id.in_(principal.tenant_ids))
        .order_by(QuoteRequest.day, QuoteRequest.created_at)
    ).all()
    counts = dict(
        session.exec(
            select(Guest.wedding_id, func.count())
            .where(Guest.wedding_id.in_({w.id for _, w, _, _ in rows}))
            .group_by(Guest.wedding_id)
        ).all()
    )
    unread = _unread_by_thread(session, principal, [t.id for _, _, _, t in rows if t is not None])
    packages = session.exec(
        select(VendorPackage).where(VendorPackage.vendor_id.in_(ids)).order_by(VendorPackage.position)
    ).all()
    out = []
    for q, w, booking, thread in rows:
        row = _quote_row(q, booking, thread, unread, lang, vendor_side=True)
        row |= {
            "couple": couple_names(w) if w.deleted_at is None else i18n.gettext(lang, "Deleted wedding"),
            "wedding_day": _day(w.wedding_date, lang),
            "guests": int(counts.get(w.id, 0)) or w.expected_guests,
            "can_answer": q.status in OPEN_STATUSES and w.deleted_at is None,
            "past": q.day < today,
            "vendor_id": str(q.vendor_id),
        }
        out.append(row)
    return {
        "rows": out,
        "packages": [
            {
                "id": str(p.id),
                "vendor_id": str(p.vendor_id),
                "label": f"{p.name} · {i18n.format_money(p.price, vendors[0].currency, lang)}",
            }
            for p in packages
        ],
        "vendor_names": [v.name for v in vendors],
    }


def bookings_off_the_date(session: Session, principal: Principal, wedding_id: Any) -> list[tuple[str, date]]:
    """Confirmed bookings whose day is no longer the wedding's date (vendor name, booked day), oldest day first.

    A booking keeps the day the vendor agreed to: when the couple moves the wedding, the settings page lists these
    so they ask each vendor to move it (a vendor's calendar may be full on the new date).
    """
    wedding = load_wedding(session, principal, wedding_id, Permission.WEDDING_VIEW)
    rows = session.exec(
        select(VendorProfile.name, VendorBooking.day)
        .join(VendorProfile, VendorProfile.id == VendorBooking.vendor_id)
        .where(
            VendorBooking.wedding_id == wedding.id,
            VendorBooking.status == "confirmed",
            VendorBooking.day != wedding.wedding_date,
        )
        .order_by(VendorBooking.day, VendorProfile.name)
    ).all()
    return [(name, day) for name, day in rows]
