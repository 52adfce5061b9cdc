"""Tenant-isolation cases for quotes, bookings, message threads and reviews (merged into
test_tenant_isolation.ATTACKS).

`seed_bookings(b)` gives tenant B a vendor (its own organization), an accepted quote with its booking, a
thread with an attachment, a review, and an open request. As tenant A's owner (and partner), none of it
may be read or changed: NotFound every time, B's rows untouched. Listing functions (which take no id)
are checked separately in test_bookings_pg.py: they leave B's rows out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import select

from models.bookings import MessageAttachment, MessageThread, QuoteRequest
from services import bookings, messages, reviews
from services.db import transaction
from tests.booking_helpers import Vendor, make_vendor, proposal
from tests.helpers import signup

MIXED = "via A's wedding"
TODAY = date.today()
BOOKING_MODULES = (bookings, messages, reviews)
BOOKING_TABLES = ("quoterequest", "vendorbooking", "messagethread", "message", "messageattachment", "vendorreview")
# Functions without an object id: they list the caller's own rows (checked in test_bookings_pg.py).
BOOKING_LISTINGS = {
    "services.bookings.vendor_profiles_of",
    "services.messages.unread_total",
    "services.messages.list_threads",
    "services.reviews.own_reviews",
    "services.reviews.vendor_reviews",  # a published vendor's visible reviews are public by design
}


def _s(fn):
    def run(*args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    return run


@dataclass
class BookingIds:
    vendor: Vendor
    quote: uuid.UUID  # accepted
    open_quote: uuid.UUID  # requested, not answered
    booking: uuid.UUID
    thread: uuid.UUID
    attachment: uuid.UUID
    review: uuid.UUID


SEEDED: dict[uuid.UUID, BookingIds] = {}


def seed_bookings(t) -> BookingIds:
    """B's bookings side, built through the real services (run once, before any snapshot)."""
    owner = t.owner
    vendor_user = signup("Vera Vendor")
    vendor = make_vendor(vendor_user, name="Studio Bruno")
    dj = make_vendor(vendor_user, name="DJ Bruno", types=("dj",), multiple=True)
    day = TODAY + timedelta(days=60)
    with transaction() as s:
        q = bookings.request_quote(
            s, owner.principal, t.wedding_id, vendor.id, {"day": day.isoformat(), "message": "Hi"}, today=TODAY
        )
        quote_id = q.id
    with transaction() as s:
        bookings.propose(s, vendor_user.principal, quote_id, proposal(), lang="en", today=TODAY)
    with transaction() as s:
        booking_id = bookings.accept_proposal(s, owner.principal, quote_id).id
    with transaction() as s:
        open_id = bookings.request_quote(
            s, owner.principal, t.wedding_id, dj.id, {"day": "", "message": "DJ?"}, today=TODAY
        ).id
    with transaction() as s:
        thread_id = s.exec(select(MessageThread.id).where(MessageThread.quote_id == quote_id)).one()
        messages.post_message(s, owner.principal, thread_id, "Our plan", [messages.Upload("plan.pdf", b"%PDF-1.4 x")])
    with transaction() as s:
        attachment_id = s.exec(select(MessageAttachment.id).where(MessageAttachment.thread_id == thread_id)).one()
        review_form = {"quality": "5", "communication": "5", "value": "4", "professionalism": "5", "text": "Great"}
        review_id = reviews.submit_review(s, owner.principal, booking_id, review_form, today=day + timedelta(days=1)).id
    ids = BookingIds(vendor, quote_id, open_id, booking_id, thread_id, attachment_id, review_id)
    SEEDED[t.wedding_id] = ids
    return ids


def _b(t) -> BookingIds:
    return SEEDED[t.wedding_id]


def _quote_row(t) -> QuoteRequest:
    with transaction() as s:
        return s.get(QuoteRequest, _b(t).quote)


def _form() -> dict[str, str]:
    return {"day": "", "message": "Can you do our wedding?"}


BOOKING_ATTACKS = {
    "services.bookings.side_of": [
        ("B's quote row", lambda me, a, b: _s(bookings.side_of)(me, _quote_row(b))),
    ],
    "services.bookings.load_quote": [
        ("read B's quote", lambda me, a, b: _s(bookings.load_quote)(me, _b(b).quote)),
        ("read B's quote as text", lambda me, a, b: _s(bookings.load_quote)(me, str(_b(b).open_quote))),
    ],
    "services.bookings.request_quote": [
        (
            "request a quote for B's wedding",
            lambda me, a, b: _s(bookings.request_quote)(me, b.wedding_id, _b(b).vendor.id, _form(), today=TODAY),
        ),
    ],
    "services.bookings.vendor_for_request": [
        (
            "B's wedding day for a vendor",
            lambda me, a, b: _s(bookings.vendor_for_request)(me, b.wedding_id, _b(b).vendor.id),
        ),
    ],
    "services.bookings.accept_proposal": [
        ("accept B's quote", lambda me, a, b: _s(bookings.accept_proposal)(me, _b(b).open_quote)),
        ("accept B's accepted quote", lambda me, a, b: _s(bookings.accept_proposal)(me, _b(b).quote)),
    ],
    "services.bookings.decline_proposal": [
        ("withdraw B's request", lambda me, a, b: _s(bookings.decline_proposal)(me, _b(b).open_quote)),
    ],
    "services.bookings.propose": [
        (
            "answer B's request as a vendor",
            lambda me, a, b: _s(bookings.propose)(me, _b(b).open_quote, proposal(), lang="en", today=TODAY),
        ),
    ],
    "services.bookings.vendor_decline": [
        ("decline B's request as a vendor", lambda me, a, b: _s(bookings.vendor_decline)(me, _b(b).open_quote)),
    ],
    "services.bookings.bookings_off_the_date": [
        ("B's bookings off its date", lambda me, a, b: _s(bookings.bookings_off_the_date)(me, b.wedding_id)),
    ],
    "services.bookings.couple_overview": [
        (
            "B's quotes and bookings",
            lambda me, a, b: _s(bookings.couple_overview)(me, b.wedding_id, lang="en", today=TODAY),
        ),
    ],
    "services.bookings.vendor_overview": [
        (
            "a vendor's requests (A is no vendor)",
            lambda me, a, b: _s(bookings.vendor_overview)(me, lang="en", today=TODAY),
        ),
    ],
    "services.messages.load_thread": [
        ("B's thread", lambda me, a, b: _s(messages.load_thread)(me, _b(b).thread)),
        ("B's thread to write", lambda me, a, b: _s(messages.load_thread)(me, _b(b).thread, act=True)),
    ],
    "services.messages.post_message": [
        ("write in B's thread", lambda me, a, b: _s(messages.post_message)(me, _b(b).thread, "Hello from A")),
        (
            "attach a file in B's thread",
            lambda me, a, b: _s(messages.post_message)(me, _b(b).thread, "", [messages.Upload("x.txt", b"x")]),
        ),
    ],
    "services.messages.thread_view": [
        ("read B's thread", lambda me, a, b: _s(messages.thread_view)(me, _b(b).thread, lang="en")),
    ],
    "services.messages.thread_marker": [
        ("watch B's thread", lambda me, a, b: _s(messages.thread_marker)(me, _b(b).thread)),
    ],
    "services.messages.wedding_unread": [
        ("B's unread count", lambda me, a, b: _s(messages.wedding_unread)(me, b.wedding_id)),
    ],
    "services.messages.get_attachment": [
        ("download B's attachment", lambda me, a, b: _s(messages.get_attachment)(me, _b(b).attachment)),
    ],
    "services.reviews.submit_review": [
        (
            "review B's booking",
            lambda me, a, b: _s(reviews.submit_review)(
                me,
                _b(b).booking,
                {"quality": "1", "communication": "1", "value": "1", "professionalism": "1", "text": "Bad"},
                today=TODAY + timedelta(days=365),
            ),
        ),
    ],
    "services.reviews.reply": [
        ("reply to B's review", lambda me, a, b: _s(reviews.reply)(me, _b(b).review, "Thanks")),
    ],
    "services.reviews.moderate": [
        (
            "hide B's review (not an admin)",
            lambda me, a, b: _s(reviews.moderate)(me, _b(b).review, hide=True, reason="x"),
        ),
    ],
    "services.reviews.admin_reviews": [
        ("the moderation list (not an admin)", lambda me, a, b: _s(reviews.admin_reviews)(me, lang="en")),
    ],
}
