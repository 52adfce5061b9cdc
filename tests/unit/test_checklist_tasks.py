"""Checklist tasks: add, edit, assign, complete, reopen, filter, progress, permissions, query count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from models.base import utcnow
from models.planning import Task
from services import checklist, i18n
from services.dashboard import wedding_dashboard
from services.db import get_engine, transaction
from services.errors import Conflict, Forbidden, NotFound, TamperedInput, ValidationError
from tests.helpers import count, invite_member, new_wedding

TODAY = date.today()


@pytest.fixture
def wedding(camille):
    return new_wedding(camille.principal, wedding_date=(TODAY + timedelta(days=150)).isoformat())


def page(principal, wid, **kw):
    with transaction() as s:
        return checklist.checklist_page(s, principal, wid, today=TODAY, lang="en", **kw)


def add(principal, wid, **fields):
    with transaction() as s:
        return checklist.add_task(s, principal, wid, {"title": "Book the DJ", **fields}).id


def errors_of(principal, wid, **fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as exc, transaction() as s:
        checklist.add_task(s, principal, wid, fields)
    return {k: i18n.render("en", m) for k, m in exc.value.field_errors.items()}


def titles(view) -> list[str]:
    return [t["title"] for g in view["groups"] for t in g["tasks"]]


def test_add_complete_reopen_moves_the_progress(camille, wedding):
    ids = [
        add(camille.principal, wedding, title=f"Task {i}", due_date=str(TODAY + timedelta(days=i))) for i in range(4)
    ]
    assert page(camille.principal, wedding)["percent"] == 0
    with transaction() as s:
        checklist.set_done(s, camille.principal, wedding, ids[0], True)
    view = page(camille.principal, wedding)
    assert (view["done"], view["total"], view["percent"], view["progress_label"]) == (1, 4, 25, "1 of 4 done")
    with transaction() as s:
        checklist.set_done(s, camille.principal, wedding, ids[0], True)  # idempotent
        checklist.set_done(s, camille.principal, wedding, ids[0], False)
    assert page(camille.principal, wedding)["done"] == 0


def test_tasks_are_grouped_by_phase_in_due_order(camille, wedding):
    wday = TODAY + timedelta(days=150)
    add(camille.principal, wedding, title="Thank-you cards", due_date=str(wday + timedelta(days=20)))
    add(camille.principal, wedding, title="Rings", due_date=str(wday - timedelta(days=100)))
    add(camille.principal, wedding, title="Vows", due_date=str(wday - timedelta(days=3)))
    add(camille.principal, wedding, title="Someday")
    view = page(camille.principal, wedding)
    assert [g["key"] for g in view["groups"]] == ["6m", "week", "after", "anytime"]
    assert titles(view) == ["Rings", "Vows", "Thank-you cards", "Someday"]


def test_edit_and_assign_to_a_team_member(camille, wedding, sam):
    planner = invite_member(camille, wedding, "planner", sam)
    tid = add(camille.principal, wedding, title="Menu tasting")
    with transaction() as s:
        checklist.update_task(
            s,
            camille.principal,
            wedding,
            tid,
            {"title": "Menu tasting with the chef", "category": "Catering", "assignee": str(planner.user_id)},
            expected_version=1,
        )
    view = page(camille.principal, wedding)
    [task] = view["groups"][0]["tasks"]
    assert (task["title"], task["category"], task["assignee"]) == (
        "Menu tasting with the chef",
        "Catering",
        "Sam Planner",
    )
    assert {m["name"] for m in view["members"]} == {"Camille Martin", "Sam Planner"}
    # The planner sees it under "mine"; the owner does not.
    assert titles(page(planner.principal, wedding, flt="mine")) == ["Menu tasting with the chef"]
    assert titles(page(camille.principal, wedding, flt="mine")) == []


def test_stale_edit_is_a_conflict(camille, wedding):
    tid = add(camille.principal, wedding)
    with transaction() as s:
        checklist.update_task(s, camille.principal, wedding, tid, {"title": "First"}, expected_version=1)
    with pytest.raises(Conflict), transaction() as s:
        checklist.update_task(s, camille.principal, wedding, tid, {"title": "Second"}, expected_version=1)
    assert page(camille.principal, wedding)["groups"][0]["tasks"][0]["title"] == "First"


def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(camille, wedding, ana):
    assert errors_of(camille.principal, wedding, title="   ") == {"title": "Enter what needs to be done."}
    assert errors_of(camille.principal, wedding, title="x", due_date="12/06/2027") == {
        "due_date": "Enter a date like 2027-06-12."
    }
    # Someone outside the wedding's team cannot be assigned.
    assert errors_of(camille.principal, wedding, title="x", assignee=str(ana.user_id)) == {
        "assignee": "Choose someone from the wedding's team."
    }
    with pytest.raises(TamperedInput), transaction() as s:
        checklist.add_task(s, camille.principal, wedding, {"title": "x", "wedding_id": "other"})
    assert count(Task) == 0


def test_filters_overdue_this_month_category_and_done(camille, wedding):
    add(camille.principal, wedding, title="Late", due_date=str(TODAY - timedelta(days=2)), category="Venue")
    add(camille.principal, wedding, title="Soon", due_date=str(TODAY), category="Guests")
    done = add(camille.principal, wedding, title="Was late, now done", due_date=str(TODAY - timedelta(days=5)))
    add(camille.principal, wedding, title="Far", due_date=str(TODAY + timedelta(days=90)), category="Venue")
    with transaction() as s:
        checklist.set_done(s, camille.principal, wedding, done, True)
    assert titles(page(camille.principal, wedding, flt="overdue")) == ["Late"]
    month = titles(page(camille.principal, wedding, flt="month"))
    assert "Soon" in month and "Far" not in month
    assert titles(page(camille.principal, wedding, category="Venue")) == ["Late", "Far"]
    assert titles(page(camille.principal, wedding, flt="done")) == ["Was late, now done"]
    view = page(camille.principal, wedding)
    assert view["overdue"] == 1 and view["categories"] == ["Guests", "Venue"]
    [overdue] = [t for g in view["groups"] for t in g["tasks"] if t["overdue"]]
    assert overdue["title"] == "Late"


def test_overdue_tasks_show_on_the_dashboard(camille, wedding):
    add(camille.principal, wedding, title="Pay the deposit", due_date=str(TODAY - timedelta(days=1)))
    with transaction() as s:
        d = wedding_dashboard(s, camille.principal, wedding, today=TODAY, now=utcnow())
    assert [(t["title"], t["overdue"]) for t in d.tasks_due] == [("Pay the deposit", True)]


def test_viewer_reads_but_cannot_change_outsider_sees_nothing(camille, wedding, rose, ana):
    tid = add(camille.principal, wedding)
    viewer = invite_member(camille, wedding, "viewer", rose)
    view = page(viewer.principal, wedding)
    assert view["total"] == 1 and view["can_edit"] is False
    with pytest.raises(Forbidden), transaction() as s:
        checklist.set_done(s, viewer.principal, wedding, tid, True)
    with pytest.raises(NotFound):
        page(ana.principal, wedding)
    other = new_wedding(ana.principal)
    with pytest.raises(NotFound), transaction() as s:  # a task id from another wedding
        checklist.set_done(s, ana.principal, other, tid, True)


def test_delete_removes_the_task(camille, wedding):
    tid = add(camille.principal, wedding)
    with transaction() as s:
        checklist.delete_task(s, camille.principal, wedding, tid)
    assert count(Task) == 0


def _queries_for_page(principal, wid) -> int:
    statements = []

    def track(conn, cursor, statement, *args):
        statements.append(statement)

    engine = get_engine()
    sa.event.listen(engine, "before_cursor_execute", track)
    try:
        page(principal, wid)
    finally:
        sa.event.remove(engine, "before_cursor_execute", track)
    return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_the_page_costs_the_same_queries_for_20_or_200_tasks(camille, wedding, sam):
    invite_member(camille, wedding, "planner", sam)
    with transaction() as s:
        for i in range(20):
            s.add(
                Task(
                    tenant_id=camille.tenant_id,
                    wedding_id=wedding,
                    title=f"T{i}",
                    due_date=TODAY,
                    assignee_user_id=sam.user_id,
                )
            )
    small = _queries_for_page(camille.principal, wedding)
    with transaction() as s:
        for i in range(180):
            s.add(
                Task(
                    tenant_id=camille.tenant_id,
                    wedding_id=wedding,
                    title=f"U{i}",
                    due_date=TODAY,
                    assignee_user_id=sam.user_id,
                )
            )
    assert count(Task, Task.wedding_id == wedding) == 200
    assert _queries_for_page(camille.principal, wedding) == small <= 4
    with transaction() as s:
        assert len(s.exec(select(Task).where(Task.assignee_user_id == sam.user_id)).all()) == 200
