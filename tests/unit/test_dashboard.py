"""The dashboard's numbers match the wedding's data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.base import utcnow
from models.planning import Task
from services.dashboard import wedding_dashboard
from services.db import transaction
from services.errors import NotFound
from tests.helpers import invite_member, new_wedding, seed_planning

TODAY = date.today()


@pytest.fixture
def couple(camille):
    owner = camille
    wid = new_wedding(
        owner.principal,
        wedding_date=(TODAY + timedelta(days=123)).isoformat(),
        budget_total="15000",
        expected_guests="90",
    )
    return owner, wid


def dashboard(principal, wid, now=None):
    with transaction() as s:
        return wedding_dashboard(s, principal, wid, today=TODAY, now=now or utcnow())


def test_empty_wedding_has_zero_everywhere(couple):
    owner, wid = couple
    d = dashboard(owner.principal, wid)
    assert (d.guests_invited, d.guests_attending, d.budget_committed_minor, d.tasks_open, d.vendors_total) == (0,) * 5
    assert d.tasks_due == [] and d.timeline_next == []
    assert d.days_to_go == 123
    assert (d.budget_total_minor, d.currency, d.expected_guests) == (1_500_000, "EUR", 90)


def test_counts_match_the_seeded_data(couple):
    owner, wid = couple
    now = utcnow()
    seed_planning(wid, owner.tenant_id, today=TODAY, now=now)
    d = dashboard(owner.principal, wid, now)

    assert (d.guests_invited, d.guests_attending, d.guests_declined, d.guests_pending) == (9, 3, 2, 4)
    assert (d.budget_committed_minor, d.budget_paid_minor) == (790_000, 290_000)
    assert (d.vendors_total, d.vendors_booked) == (3, 2)
    assert (d.tasks_open, d.tasks_done) == (5, 1)
    # Open tasks due within 30 days, overdue first; done, undated and far-off tasks left out.
    assert [(t["title"], t["overdue"]) for t in d.tasks_due] == [
        ("Book the caterer", True),
        ("Send invitations", False),
        ("Choose flowers", False),
    ]
    # Only what is still ahead, soonest first.
    assert [i["title"] for i in d.timeline_next] == ["Fitting", "Ceremony"]
    assert d.days_to_go == 123


def test_task_done_leaves_the_due_list(couple):
    owner, wid = couple
    now = utcnow()
    seed_planning(wid, owner.tenant_id, today=TODAY, now=now)
    with transaction() as s:
        s.exec(select(Task).where(Task.title == "Book the caterer")).one().done_at = now
    d = dashboard(owner.principal, wid, now)
    assert [t["title"] for t in d.tasks_due] == ["Send invitations", "Choose flowers"]
    assert (d.tasks_open, d.tasks_done) == (4, 2)


def test_other_weddings_do_not_leak_into_the_numbers(couple):
    owner, wid = couple
    now = utcnow()
    other = new_wedding(owner.principal, partner_a="Lea", partner_b="Hugo")
    seed_planning(other, owner.tenant_id, today=TODAY, now=now)
    d = dashboard(owner.principal, wid, now)
    assert (d.guests_invited, d.tasks_open, d.vendors_total, d.budget_committed_minor) == (0, 0, 0, 0)


def test_viewer_sees_the_dashboard_an_outsider_does_not(couple, rose, ana):
    owner, wid = couple
    viewer = invite_member(owner, wid, "viewer", rose)
    assert dashboard(viewer.principal, wid).partner_a == "Camille"
    outsider = ana
    with pytest.raises(NotFound):
        dashboard(outsider.principal, wid)


def test_budget_per_guest_lines_count_at_the_guest_count(couple):
    """A per-guest line (price per head x guests) and payments show in the dashboard's budget."""
    from services import budget

    owner, wid = couple  # 90 expected guests, an empty guest list
    with transaction() as s:
        budget.setup_defaults(s, owner.principal, wid, lang="en")
    with transaction() as s:
        catering = next(c for c in budget.budget_view(s, owner.principal, wid).categories if c.kind == "catering")
        item = budget.save_item(
            s,
            owner.principal,
            wid,
            {"category_id": catering.id, "name": "Dinner", "per_guest": "on", "actual": "60"},
            lang="en",
            today=TODAY,
        )
        budget.record_payment(
            s, owner.principal, wid, item.id, {"amount": "1000", "paid_on": TODAY.isoformat()}, lang="en", today=TODAY
        )
    d = dashboard(owner.principal, wid)
    assert (d.budget_committed_minor, d.budget_paid_minor) == (60_00 * 90, 1_000_00)


def test_guest_numbers_are_the_answers_to_the_main_event(couple):
    """RSVPs are per event: the dashboard counts the reception (else the first event); without events, all wait."""
    from services import guest_events, guests

    owner, wid = couple
    p = owner.principal
    with transaction() as s:
        guests.save_guest(s, p, wid, None, {"first_name": "Solo"})
    d = dashboard(p, wid)
    assert (d.guests_invited, d.guests_attending, d.guests_pending) == (1, 0, 1)  # no event yet
    with transaction() as s:
        brunch = guest_events.save_event(s, p, wid, None, {"name": "Brunch", "kind": "brunch"})
        reception = guest_events.save_event(s, p, wid, None, {"name": "Reception", "kind": "reception"})
    with transaction() as s:
        guests.save_guest(
            s, p, wid, None, {"first_name": "Ana", f"invited_{reception.id}": "on", f"rsvp_{reception.id}": "attending"}
        )
        guests.save_guest(s, p, wid, None, {"first_name": "Bo", f"invited_{brunch.id}": "on", f"rsvp_{brunch.id}": "declined"})
    d = dashboard(p, wid)
    assert (d.guests_invited, d.guests_attending, d.guests_declined, d.guests_pending) == (1, 1, 0, 0)
