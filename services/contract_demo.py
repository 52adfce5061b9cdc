"""Demo data for contracts, so the admin review queue has something to show:
- the demo photographer's booking (services.booking_demo) has a template contract, submitted and waiting;
- a caterer booked by the demo wedding has a contract in review, at its second version (the first one had
  changes requested, with a comment), so the review page shows a diff.
Runs after the booking demo in services.demo.seed_demo. Files go to services.storage like real uploads.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from models.bookings import QuoteRequest, VendorBooking, VendorDayLock
from models.contracts import Contract, ContractComment, ContractEvent, ContractVersion
from models.tenancy import Membership, User
from models.vendors import VendorProfile
from models.weddings import Wedding
from services import contract_pdf, i18n
from services.storage import get_storage, new_key
from services.weddings import couple_names

ADMIN_EMAIL = "admin@attitudes.vip"


def _fields(vendor: VendorProfile, w: Wedding, price: int, services: str, cancellation: str) -> dict[str, str]:
    deposit = price * 30 // 100
    money = lambda v: i18n.format_money(v, w.currency, "en")  # noqa: E731
    return {
        "title": f"Services contract: {vendor.name}",
        "parties": f"{vendor.name} (the vendor) and {couple_names(w)} (the couple)",
        "date": i18n.format_day(w.wedding_date, "en"),
        "services": services,
        "price": money(price),
        "payment_schedule": f"Deposit {money(deposit)} at signature\nBalance {money(price - deposit)}, 30 days before",
        "cancellation_terms": cancellation,
    }


def _version(s: Session, c: Contract, fields: dict[str, str], number: int, by: Any, when: datetime) -> None:
    pdf = contract_pdf.render_template(fields, title=fields["title"], lang="en", created_at=when)
    key = new_key(f"contracts/{c.vendor_tenant_id.hex}", ".pdf")
    get_storage().put(key, pdf, "application/pdf")
    s.add(
        ContractVersion(
            contract_id=c.id,
            number=number,
            sha256=contract_pdf.sha256(pdf),
            storage_key=key,
            size=len(pdf),
            pages=contract_pdf.check_pdf(pdf).pages,
            fields=fields,
            created_by=by,
            created_at=when,
        )
    )
    c.current_version = number


def _event(s: Session, c: Contract, action: str, before: str, after: str, side: str, who: User | None, when, **kw):
    s.add(
        ContractEvent(
            contract_id=c.id,
            action=action,
            from_status=before,
            to_status=after,
            side=side,
            actor_user_id=who.id if who else None,
            actor_name=who.display_name if who else "",
            created_at=when,
            **kw,
        )
    )


def _owner(s: Session, vendor: VendorProfile) -> User | None:
    return s.exec(
        select(User).join(Membership, Membership.user_id == User.id).where(Membership.tenant_id == vendor.tenant_id)
    ).first()


def _caterer_booking(s: Session, w: Wedding, couple_user: User, today: datetime) -> VendorBooking | None:
    taken = set(s.exec(select(VendorBooking.vendor_id).where(VendorBooking.wedding_id == w.id)).all())
    locked = set(s.exec(select(VendorDayLock.vendor_id).where(VendorDayLock.day == w.wedding_date)).all())
    candidates = [
        v
        for v in s.exec(select(VendorProfile).order_by(VendorProfile.name)).all()
        if "caterer" in (v.types or []) and v.id not in taken and v.id not in locked and v.currency == w.currency
    ]
    if not candidates:
        return None
    vendor = candidates[0]
    price = 960_000
    when = today - timedelta(days=12)
    quote = QuoteRequest(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        day=w.wedding_date,
        message="Dinner for our 150 guests?",
        status="accepted",
        price=price,
        currency=w.currency,
        deposit=price * 30 // 100,
        deposit_due=(today + timedelta(days=14)).date(),
        balance_due=w.wedding_date - timedelta(days=30),
        proposed_at=when,
        decided_at=when,
        created_by=couple_user.id,
        created_at=when - timedelta(days=2),
        updated_at=when,
    )
    s.add(quote)
    s.flush()
    booking = VendorBooking(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        quote_id=quote.id,
        day=w.wedding_date,
        price=price,
        currency=w.currency,
        deposit=quote.deposit or 0,
        deposit_due=quote.deposit_due,
        balance_due=quote.balance_due,
        created_by=couple_user.id,
        created_at=when,
    )
    s.add(booking)
    s.flush()
    if not vendor.allows_multiple_per_day:
        s.add(VendorDayLock(vendor_id=vendor.id, day=w.wedding_date, booking_id=booking.id, created_at=when))
    return booking


def seed_contract_demo(s: Session, w: Wedding, couple_user: User, today: datetime) -> int:
    """Returns how many contracts were created (0 when the booking demo created no booking)."""
    s.flush()
    admin = s.exec(select(User).where(User.email == ADMIN_EMAIL)).first()
    created = 0
    photographer = s.exec(
        select(VendorBooking).where(VendorBooking.wedding_id == w.id).order_by(VendorBooking.created_at)
    ).first()
    if photographer is not None:
        vendor = s.get(VendorProfile, photographer.vendor_id)
        owner = _owner(s, vendor)
        made, sent = today - timedelta(days=6), today - timedelta(days=5)
        fields = _fields(
            vendor,
            w,
            photographer.price,
            "Full-day coverage from the preparations to the first dance\nOnline gallery and a printed album",
            "Deposit refunded in full up to 90 days before the wedding, kept afterwards",
        )
        c = _contract(photographer, fields["title"], owner, made, status="submitted", submitted=sent)
        s.add(c)
        s.flush()
        _version(s, c, fields, 1, owner.id if owner else None, made)
        _event(s, c, "create", "", "draft", "vendor", owner, made)
        _event(s, c, "submit", "draft", "submitted", "vendor", owner, sent, version_number=1)
        created += 1
    catering = _caterer_booking(s, w, couple_user, today)
    if catering is not None:
        vendor = s.get(VendorProfile, catering.vendor_id)
        owner = _owner(s, vendor)
        t = [today - timedelta(days=d, hours=h) for d, h in ((10, 0), (9, 0), (8, 20), (8, 0), (7, 0), (6, 0), (1, 0))]
        v1 = _fields(
            vendor, w, catering.price, "Dinner for 150 guests, three courses\nService staff until 1 am", "No refund"
        )
        v2 = {**v1, "cancellation_terms": "Deposit refunded up to 120 days before the wedding; 50% up to 60 days"}
        c = _contract(catering, v1["title"], owner, t[0], status="in_review", submitted=t[5])
        s.add(c)
        s.flush()
        _version(s, c, v1, 1, owner.id if owner else None, t[0])
        _event(s, c, "create", "", "draft", "vendor", owner, t[0])
        _event(s, c, "submit", "draft", "submitted", "vendor", owner, t[1], version_number=1)
        _event(s, c, "start_review", "submitted", "in_review", "admin", admin, t[2], version_number=1)
        s.add(
            ContractComment(
                contract_id=c.id,
                version_number=1,
                side="admin",
                author_user_id=admin.id if admin else None,
                author_name=admin.display_name if admin else "",
                body="Cancellation terms: a contract must say what is refunded and until when.",
                created_at=t[3],
            )
        )
        reason = "Cancellation terms missing"
        _event(
            s,
            c,
            "request_changes",
            "in_review",
            "changes_requested",
            "admin",
            admin,
            t[3],
            version_number=1,
            reason=reason,
        )
        _version(s, c, v2, 2, owner.id if owner else None, t[4])
        _event(s, c, "new_version", "changes_requested", "changes_requested", "vendor", owner, t[4], version_number=2)
        _event(s, c, "submit", "changes_requested", "submitted", "vendor", owner, t[5], version_number=2)
        _event(s, c, "start_review", "submitted", "in_review", "admin", admin, t[6], version_number=2)
        c.reviewed_version = 2
        created += 1
    s.flush()
    return created


def _contract(b: VendorBooking, title: str, owner: User | None, made: datetime, *, status: str, submitted) -> Contract:
    return Contract(
        tenant_id=b.tenant_id,
        wedding_id=b.wedding_id,
        booking_id=b.id,
        vendor_id=b.vendor_id,
        vendor_tenant_id=b.vendor_tenant_id,
        kind="template",
        title=title,
        status=status,
        amount=b.price,
        currency=b.currency,
        submitted_at=submitted,
        created_by=owner.id if owner else None,
        created_at=made,
        updated_at=submitted,
    )
