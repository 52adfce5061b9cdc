"""Bookings on PostgreSQL: two couples accepting the same vendor's day at the same moment get exactly one
booking; the listing functions show each side only its own rows."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from models.bookings import QuoteRequest, VendorBooking, VendorDayLock
from models.planning import BudgetItem
from services import bookings, budget, messages, reviews
from services.db import transaction
from services.errors import Conflict
from tests.booking_helpers import TODAY, call, make_vendor, propose, request
from tests.helpers import count, new_wedding, signup


@pytest.fixture
def backend(pg, tmp_path, monkeypatch):
    from services.storage import get_storage

    monkeypatch.setenv("ATTITUDES_STORAGE_URL", f"file://{tmp_path / 'files'}")
    get_storage.cache_clear()
    yield
    get_storage.cache_clear()


def _race(n_couples: int, multiple: bool):
    vendor_user = signup("Vera Vendor")
    vendor = make_vendor(vendor_user, name="Studio Race", multiple=multiple)
    day = TODAY + timedelta(days=150)
    quotes = []
    for i in range(n_couples):
        couple = signup(f"Couple{i} Test")
        wid = new_wedding(couple.principal, partner_a=f"A{i}", partner_b=f"B{i}", wedding_date=day.isoformat())
        call(budget.setup_defaults, couple.principal, wid, lang="en")
        qid = request(couple, wid, vendor, day)
        propose(vendor_user, qid)
        quotes.append((couple, qid))
    barrier = threading.Barrier(n_couples)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(couple, qid):
        principal = couple.principal
        barrier.wait()
        try:
            with transaction() as s:
                bookings.accept_proposal(s, principal, qid)
            result = "booked"
        except Conflict:
            result = "conflict"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=accept, args=q) for q in quotes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return vendor, quotes, outcomes


def test_concurrent_accepts_for_the_same_day_book_exactly_once(backend):
    vendor, quotes, outcomes = _race(4, multiple=False)
    assert sorted(outcomes) == ["booked", "conflict", "conflict", "conflict"]
    assert count(VendorBooking, VendorBooking.vendor_id == vendor.id) == 1
    assert count(VendorDayLock, VendorDayLock.vendor_id == vendor.id) == 1
    with transaction() as s:
        statuses = sorted(s.exec(select(QuoteRequest.status).where(QuoteRequest.vendor_id == vendor.id)).all())
        booked_wedding = s.exec(select(VendorBooking.wedding_id).where(VendorBooking.vendor_id == vendor.id)).one()
    assert statuses == ["accepted", "proposed", "proposed", "proposed"]  # the others are untouched
    # Only the winner's budget got the photographer's lines.
    assert count(BudgetItem, BudgetItem.vendor == "Studio Race") == 2
    assert count(BudgetItem, BudgetItem.vendor == "Studio Race", BudgetItem.wedding_id == booked_wedding) == 2


def test_concurrent_accepts_for_a_vendor_with_several_events_a_day_all_book(backend):
    vendor, _, outcomes = _race(3, multiple=True)
    assert outcomes == ["booked"] * 3
    assert count(VendorBooking, VendorBooking.vendor_id == vendor.id) == 3
    assert count(VendorDayLock, VendorDayLock.vendor_id == vendor.id) == 0


def test_listings_show_each_side_only_its_own_rows(backend):
    couple_a, couple_b = signup("Anna Couple"), signup("Bea Couple")
    vendor_a_user, vendor_b_user = signup("Vic Vendor"), signup("Wes Vendor")
    vendor_a = make_vendor(vendor_a_user, name="Studio A")
    vendor_b = make_vendor(vendor_b_user, name="Studio B")
    wa = new_wedding(couple_a.principal, partner_a="Anna", partner_b="Al")
    wb = new_wedding(couple_b.principal, partner_a="Bea", partner_b="Bo")
    qa = request(couple_a, wa, vendor_a, message="For A")
    request(couple_b, wb, vendor_b, message="For B")
    propose(vendor_a_user, qa)
    booking = call(bookings.accept_proposal, couple_a.principal, qa)
    call(
        reviews.submit_review,
        couple_a.principal,
        booking.id,
        {"quality": "5", "communication": "5", "value": "5", "professionalism": "5", "text": "Top"},
        today=booking.day + timedelta(days=1),
    )
    # Vendor A sees A's request only; vendor B sees B's only; couples see no vendor rows.
    rows_a = call(bookings.vendor_overview, vendor_a_user.principal, lang="en", today=TODAY)["rows"]
    rows_b = call(bookings.vendor_overview, vendor_b_user.principal, lang="en", today=TODAY)["rows"]
    assert [r["message"] for r in rows_a] == ["For A"] and [r["message"] for r in rows_b] == ["For B"]
    assert [t["title"] for t in call(messages.list_threads, vendor_b_user.principal, lang="en")] == ["Bea & Bo"]
    assert call(messages.list_threads, couple_b.principal, lang="en") == []
    assert [v.name for v in call(bookings.vendor_profiles_of, vendor_b_user.principal)] == ["Studio B"]
    assert call(bookings.vendor_profiles_of, couple_a.principal) == []
    assert call(messages.unread_total, vendor_b_user.principal) == 1  # B's request, not A's
    assert call(messages.unread_total, couple_b.principal) == 0
    assert call(reviews.own_reviews, vendor_b_user.principal, lang="en") == []
    assert [r["text"] for r in call(reviews.own_reviews, vendor_a_user.principal, lang="en")] == ["Top"]
    # A published vendor's visible reviews are public to everyone signed in.
    assert call(reviews.vendor_reviews, couple_b.principal, vendor_a.id, lang="en")["count"] == 1
