"""The ICS feed: valid RFC 5545 (icalendar parses it back), stable UIDs, SEQUENCE bumps, time zones, access."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from attitudes_app.api.routes import build_api
from models.planning import BudgetCategory, BudgetItem, Task, TimelineItem
from services import calendar, checklist, collaborators
from services.db import transaction
from services.errors import NotFound
from tests.helpers import invite_member, new_wedding

WEDDING_DAY = date(2027, 6, 12)
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def wedding(camille):
    wid = new_wedding(camille.principal, template="classic", wedding_date=WEDDING_DAY.isoformat())
    with transaction() as s:
        cat = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).first()
        for name, committed, paid in (("Venue deposit", 400_000, 100_000), ("Paid in full", 50_000, 50_000)):
            s.add(
                BudgetItem(
                    tenant_id=camille.tenant_id,
                    wedding_id=wid,
                    category_id=cat.id,
                    name=name,
                    committed_minor=committed,
                    paid_minor=paid,
                    due_date=WEDDING_DAY - timedelta(days=30),
                )
            )
    return wid


def subscribe(principal, wid) -> str:
    with transaction() as s:
        return calendar.create_subscription(s, principal, wid)


def fetch(token: str, now: datetime = NOW) -> icalendar.Calendar:
    with transaction() as s:
        body = calendar.feed(s, token, now=now)
    return icalendar.Calendar.from_ical(body)


def events_by_uid(cal) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_feed_round_trips_with_every_kind_of_item(camille, wedding):
    cal = fetch(subscribe(camille.principal, wedding))
    assert str(cal["VERSION"]) == "2.0" and "Attitudes.vip" in str(cal["PRODID"])
    events = events_by_uid(cal)
    with transaction() as s:
        tasks = s.exec(select(Task).where(Task.wedding_id == wedding)).all()
        timeline_items = s.exec(select(TimelineItem).where(TimelineItem.wedding_id == wedding)).all()
    kinds = [uid.split("-", 1)[0] for uid in events]
    assert kinds.count("event") == 2
    assert kinds.count("timeline") == len(timeline_items)
    assert kinds.count("task") == len(tasks)
    assert kinds.count("payment") == 1  # the fully paid item is not due any more
    payment = next(e for u, e in events.items() if u.startswith("payment-"))
    assert str(payment["SUMMARY"]) == "Payment due: Venue deposit (€3,000.00)"
    assert payment.decoded("DTSTART") == WEDDING_DAY - timedelta(days=30)
    # Timed items carry the wedding's zone, defined by a VTIMEZONE.
    [vtz] = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == "Europe/Paris"
    ceremony = next(e for e in events.values() if str(e["SUMMARY"]) == "Ceremony")
    start = ceremony.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=2)
    assert (start.hour, start.minute) == (15, 0)
    assert ceremony.decoded("DTEND") - start == timedelta(minutes=45)


def test_uids_are_stable_and_sequence_bumps_only_for_the_changed_item(camille, wedding):
    token = subscribe(camille.principal, wedding)
    first = events_by_uid(fetch(token))
    assert all(int(e["SEQUENCE"]) == 0 for e in first.values())
    with transaction() as s:
        task = s.exec(select(Task).where(Task.wedding_id == wedding, Task.title == "Book the venue")).one()
        checklist.update_task(
            s,
            camille.principal,
            wedding,
            task.id,
            {"title": "Book the venue (visit first)", "due_date": str(task.due_date)},
            expected_version=1,
        )
        item = s.exec(
            select(TimelineItem).where(TimelineItem.wedding_id == wedding, TimelineItem.title == "Dancing")
        ).one()
        item.duration_minutes = 240
    second = events_by_uid(fetch(token, NOW + timedelta(hours=1)))
    assert set(second) == set(first)
    changed = {u for u in second if int(second[u]["SEQUENCE"]) == 1}
    assert changed == {f"task-{task.id}@attitudes.vip", f"timeline-{item.id}@attitudes.vip"}
    assert str(second[f"task-{task.id}@attitudes.vip"]["SUMMARY"]) == "To do: Book the venue (visit first)"
    # Nothing changed: nothing bumps. Another change: it bumps again.
    third = events_by_uid(fetch(token, NOW + timedelta(hours=2)))
    assert {u: int(e["SEQUENCE"]) for u, e in third.items()} == {u: int(e["SEQUENCE"]) for u, e in second.items()}
    with transaction() as s:
        s.get(TimelineItem, item.id).location = "Garden"
    assert int(events_by_uid(fetch(token))[f"timeline-{item.id}@attitudes.vip"]["SEQUENCE"]) == 2


def test_done_tasks_leave_the_feed(camille, wedding):
    token = subscribe(camille.principal, wedding)
    with transaction() as s:
        task = s.exec(select(Task).where(Task.wedding_id == wedding)).first()
        checklist.set_done(s, camille.principal, wedding, task.id, True)
    assert f"task-{task.id}@attitudes.vip" not in events_by_uid(fetch(token))


def test_a_new_link_revokes_the_old_one_and_revoking_ends_the_feed(camille, wedding):
    old = subscribe(camille.principal, wedding)
    new = subscribe(camille.principal, wedding)
    with pytest.raises(NotFound):
        fetch(old)
    fetch(new)
    with transaction() as s:
        calendar.revoke_subscription(s, camille.principal, wedding)
    with pytest.raises(NotFound):
        fetch(new)


def test_the_feed_ends_when_its_user_leaves_the_team(camille, wedding, sam):
    planner = invite_member(camille, wedding, "planner", sam)
    token = subscribe(planner.principal, wedding)
    fetch(token)
    with transaction() as s:
        collaborators.remove_member(s, camille.principal, wedding, str(planner.user_id))
    with pytest.raises(NotFound):
        fetch(token)


def test_single_item_download_is_a_calendar_with_one_event(camille, wedding):
    with transaction() as s:
        item = s.exec(
            select(TimelineItem).where(TimelineItem.wedding_id == wedding, TimelineItem.title == "First dance")
        ).one()
        name, body = calendar.item_ics(s, camille.principal, wedding, "timeline", item.id, now=NOW)
    assert name == "first-dance.ics"
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["UID"]) == f"timeline-{item.id}@attitudes.vip"
    with pytest.raises(NotFound), transaction() as s:
        calendar.item_ics(s, camille.principal, wedding, "timeline", "not-an-id")


def test_http_routes_serve_the_feed_and_refuse_bad_tokens(camille, wedding, ana):
    token = subscribe(camille.principal, wedding)
    client = TestClient(build_api())
    response = client.get(f"/api/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "no-store" in response.headers["cache-control"]
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) > 60
    missing = client.get("/api/calendar/not-a-token.ics")
    assert missing.status_code == 404 and "not valid" in missing.text
    # The single-item download needs a session, and a member's session.
    assert client.get(f"/api/v1/weddings/{wedding}/calendar/event/{wedding}.ics").status_code == 401
    client.cookies.set("attitudes_session", ana.token)
    with transaction() as s:
        item_id = s.exec(select(TimelineItem.id).where(TimelineItem.wedding_id == wedding)).first()
    assert client.get(f"/api/v1/weddings/{wedding}/calendar/timeline/{item_id}.ics").status_code == 404
    client.cookies.set("attitudes_session", camille.token)
    ok = client.get(f"/api/v1/weddings/{wedding}/calendar/timeline/{item_id}.ics")
    assert ok.status_code == 200 and "attachment" in ok.headers["content-disposition"]
    pdf = client.get(f"/api/v1/weddings/{wedding}/timeline.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


@given(st.text(min_size=0, max_size=300))
def test_long_and_unicode_lines_fold_at_75_octets_and_unfold_back(text):
    line = "SUMMARY:" + calendar.escape(text)
    folded = calendar.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


@given(
    minor=st.integers(min_value=0, max_value=10**12),
    currency=st.sampled_from(["EUR", "USD", "JPY", "GBP", "CHF", "BHD", "MXN"]),
    lang=st.sampled_from(["en", "fr", "es"]),
)
def test_the_feeds_fast_money_format_equals_babels(minor, currency, lang):
    from services import i18n

    assert i18n.money_formatter(currency, lang)(minor) == i18n.format_money(minor, currency, lang)
