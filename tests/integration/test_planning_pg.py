"""Checklist, timeline and calendar on PostgreSQL: templates, constant queries, feeds, isolation."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import icalendar
import pytest
import sqlalchemy as sa
from sqlmodel import select

from models.planning import Task, TimelineItem
from models.schedule import CalendarSequence
from services import calendar, checklist, timeline
from services.db import get_engine, transaction
from services.errors import NotFound
from tests.helpers import new_wedding, signup, unique_email

TODAY = date.today()


@pytest.fixture
def couple(pg):
    owner = signup("Camille Martin", email=unique_email("pg-planning"))
    wid = new_wedding(owner.principal, template="classic", wedding_date=(TODAY + timedelta(days=300)).isoformat())
    return owner, wid


def _selects(fn) -> int:
    seen = []
    listener = lambda conn, cursor, statement, *a: seen.append(statement)  # noqa: E731
    sa.event.listen(get_engine(), "before_cursor_execute", listener)
    try:
        fn()
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", listener)
    return len(seen)


def test_template_checklist_and_constant_queries_on_postgres(couple):
    owner, wid = couple

    def load():
        with transaction() as s:
            return checklist.checklist_page(s, owner.principal, wid, lang="en")

    assert load()["total"] >= 60
    before = _selects(load)
    with transaction() as s:
        for i in range(140):
            s.add(Task(tenant_id=owner.tenant_id, wedding_id=wid, title=f"Extra {i}", due_date=TODAY))
    assert load()["total"] >= 200
    assert _selects(load) == before


def test_feed_round_trip_and_sequence_on_postgres(couple):
    owner, wid = couple
    with transaction() as s:
        token = calendar.create_subscription(s, owner.principal, wid)

    def fetch():
        with transaction() as s:
            return icalendar.Calendar.from_ical(calendar.feed(s, token))

    first = {str(e["UID"]): int(e["SEQUENCE"]) for e in fetch().walk("VEVENT")}
    with transaction() as s:
        item = s.exec(select(TimelineItem).where(TimelineItem.wedding_id == wid)).first()
        item.title = "Hair and makeup (suite 12)"
    second = {str(e["UID"]): int(e["SEQUENCE"]) for e in fetch().walk("VEVENT")}
    assert set(second) == set(first)
    assert {u for u in second if second[u] != first[u]} == {f"timeline-{item.id}@attitudes.vip"}


def test_simultaneous_first_fetches_both_succeed(couple):
    owner, wid = couple
    with transaction() as s:
        token = calendar.create_subscription(s, owner.principal, wid)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def fetch():
        try:
            barrier.wait()
            with transaction() as s:
                results.append(calendar.feed(s, token))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 2
    with transaction() as s:
        uids = s.exec(select(CalendarSequence.uid).where(CalendarSequence.wedding_id == wid)).all()
    assert len(uids) == len(set(uids)) == results[0].count(b"BEGIN:VEVENT")


def test_another_tenant_reaches_nothing(couple):
    owner, wid = couple
    outsider = signup("Ana Lopez", email=unique_email("pg-outsider"))
    with transaction() as s:
        task_id = s.exec(select(Task.id).where(Task.wedding_id == wid)).first()
        item_id = s.exec(select(TimelineItem.id).where(TimelineItem.wedding_id == wid)).first()
    p = outsider.principal
    attacks = [
        lambda s: checklist.checklist_page(s, p, wid, lang="en"),
        lambda s: checklist.add_task(s, p, wid, {"title": "x"}),
        lambda s: checklist.set_done(s, p, wid, task_id, True),
        lambda s: checklist.update_task(s, p, wid, task_id, {"title": "x"}, expected_version=1),
        lambda s: checklist.delete_task(s, p, wid, task_id),
        lambda s: timeline.timeline_page(s, p, wid, lang="en"),
        lambda s: timeline.add_item(s, p, wid, {"title": "x", "start": "10:00"}),
        lambda s: timeline.delete_item(s, p, wid, item_id),
        lambda s: timeline.create_share_link(s, p, wid, "x"),
        lambda s: timeline.run_sheet_view(s, p, wid, lang="en"),
        lambda s: calendar.create_subscription(s, p, wid),
        lambda s: calendar.item_ics(s, p, wid, "timeline", item_id),
    ]
    for attack in attacks:
        with pytest.raises(NotFound), transaction() as s:
            attack(s)
    with transaction() as s:
        assert s.get(Task, task_id).done_at is None and s.get(TimelineItem, item_id) is not None
