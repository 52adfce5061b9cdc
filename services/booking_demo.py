"""Demo data for bookings: the demo wedding has booked the demo photographer (vendor@attitudes.vip), with a short
thread of messages. Runs after the vendor demo (services.vendor_demo) in services.demo.seed_demo."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlmodel import Session, select

from models.bookings import Message, MessageThread, QuoteRequest, ThreadRead, VendorBooking, VendorDayLock
from models.planning import BudgetItem
from models.tenancy import Membership, User
from models.vendors import VendorPackage, VendorProfile
from models.weddings import Wedding

VENDOR_EMAIL = "vendor@attitudes.vip"

_THREAD = (  # (side, days before today, text)
    ("couple", 20, "Hello! We love your portfolio. Are you free for our wedding at Château de Lys?"),
    ("vendor", 19, "Congratulations! I am free that day. I sent you a proposal for the full day package."),
    ("couple", 18, "Perfect, we just accepted. Could you also take a few photos at the Sunday brunch?"),
    ("vendor", 17, "With pleasure, one hour on Sunday morning is included. See you soon!"),
)


def _demo_vendor(s: Session) -> tuple[VendorProfile, User] | None:
    row = s.exec(
        select(VendorProfile, User)
        .join(Membership, Membership.tenant_id == VendorProfile.tenant_id)
        .join(User, User.id == Membership.user_id)
        .where(User.email == VENDOR_EMAIL)
    ).first()
    return (row[0], row[1]) if row else None


def seed_booking_demo(s: Session, w: Wedding, couple_user: User, today: datetime) -> bool:
    """The accepted quote, its booking (day locked, linked to the budget's photographer line) and the thread."""
    s.flush()
    found = _demo_vendor(s)
    if found is None:
        return False
    vendor, vendor_user = found
    package = s.exec(
        select(VendorPackage).where(VendorPackage.vendor_id == vendor.id).order_by(VendorPackage.position)
    ).first()
    price = package.price if package else 280_000
    deposit = price * 30 // 100
    deposit_due = (today - timedelta(days=10)).date()
    balance_due = w.wedding_date - timedelta(days=30)
    asked, proposed, accepted = (today - timedelta(days=d) for d in (20, 19, 18))
    quote = QuoteRequest(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        day=w.wedding_date,
        message=_THREAD[0][2],
        status="accepted",
        package_id=package.id if package else None,
        package_name=package.name if package else "",
        price=price,
        currency=w.currency,
        deposit=deposit,
        deposit_due=deposit_due,
        balance_due=balance_due,
        proposal_note="Full day, from the preparations to the first dance. Online gallery and a printed album.",
        proposed_at=proposed,
        proposed_by=vendor_user.id,
        decided_at=accepted,
        created_by=couple_user.id,
        created_at=asked,
        updated_at=accepted,
        version=3,
    )
    s.add(quote)
    s.flush()
    item = s.exec(
        select(BudgetItem).where(BudgetItem.wedding_id == w.id, BudgetItem.name == "Photographer, full day")
    ).first()
    if item is not None:
        item.vendor = vendor.name[:200]
    booking = VendorBooking(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        quote_id=quote.id,
        day=w.wedding_date,
        price=price,
        currency=w.currency,
        deposit=deposit,
        deposit_due=deposit_due,
        balance_due=balance_due,
        budget_item_id=item.id if item else None,
        created_by=couple_user.id,
        created_at=accepted,
    )
    s.add(booking)
    s.flush()
    if not vendor.allows_multiple_per_day:
        s.add(VendorDayLock(vendor_id=vendor.id, day=w.wedding_date, booking_id=booking.id, created_at=accepted))
    thread = MessageThread(
        tenant_id=w.tenant_id,
        wedding_id=w.id,
        vendor_id=vendor.id,
        vendor_tenant_id=vendor.tenant_id,
        quote_id=quote.id,
        booking_id=booking.id,
        created_at=asked,
    )
    s.add(thread)
    s.flush()
    last = asked
    for side, days, text in _THREAD:
        author = couple_user if side == "couple" else vendor_user
        last = today - timedelta(days=days)
        s.add(
            Message(
                id=uuid.uuid4(),
                thread_id=thread.id,
                tenant_id=w.tenant_id,
                vendor_tenant_id=vendor.tenant_id,
                author_user_id=author.id,
                author_name=author.display_name,
                side=side,
                body=text,
                created_at=last,
            )
        )
    thread.last_message_at = last
    # Both sides have read the whole thread: the demo starts with nothing unread.
    for user in (couple_user, vendor_user):
        s.add(ThreadRead(thread_id=thread.id, user_id=user.id, last_read_at=last))
    s.flush()
    return True
