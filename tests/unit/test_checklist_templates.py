"""Wedding templates: relative due dates, budget splits, what a new wedding gets, and date moves."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from models.planning import BudgetCategory, Task, TimelineItem
from models.weddings import Wedding, WeddingEvent
from services import i18n, templates
from services.checklist import phase_of
from services.db import transaction
from services.errors import TamperedInput
from services.templates.messages import TEMPLATE_MESSAGES
from services.timeline import find_overlaps
from services.weddings import update_wedding
from tests.helpers import count, new_wedding, wedding_form

TODAY = date.today()
days = st.integers(min_value=-120, max_value=400)
dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31))


@given(wedding=dates, before=days, today=dates)
def test_relative_due_date_is_exact_when_still_ahead_and_never_in_the_past(wedding, before, today):
    due = templates.relative_due(wedding, before, today)
    natural = wedding - timedelta(days=before)
    assert due >= today
    assert due == max(natural, today)
    if natural >= today:
        assert (wedding - due).days == before


@given(wedding=dates, today=dates, a=days, b=days)
def test_relative_due_dates_keep_the_template_order(wedding, today, a, b):
    earlier, later = max(a, b), min(a, b)  # more days before the wedding comes first
    assert templates.relative_due(wedding, earlier, today) <= templates.relative_due(wedding, later, today)


@given(total=st.integers(min_value=0, max_value=10**12), key=st.sampled_from(templates.TEMPLATE_KEYS))
def test_budget_split_adds_up_to_the_total(total, key):
    shares = [(n, int(p)) for n, p in templates.template(key)["budget"]]
    amounts = templates.split_budget(total, shares)
    assert sum(a for _, a in amounts) == total
    assert all(a >= 0 for _, a in amounts)
    assert sum(p for _, p in shares) == 100


def test_phases_follow_the_days_before_the_wedding():
    w = date(2027, 6, 12)
    assert phase_of(w - timedelta(days=300), w) == "12m"
    assert phase_of(w - timedelta(days=100), w) == "6m"
    assert phase_of(w - timedelta(days=30), w) == "1m"
    assert phase_of(w - timedelta(days=3), w) == "week"
    assert phase_of(w, w) == "week"
    assert phase_of(w + timedelta(days=10), w) == "after"
    assert phase_of(None, w) == "anytime"


def test_every_template_text_is_marked_for_translation():
    marked = {m.id for m in TEMPLATE_MESSAGES}
    texts = set()
    for task in templates.base_checklist():
        texts |= {task.title, task.category}
    for key in templates.TEMPLATE_KEYS:
        data = templates.template(key)
        texts |= {data["name"], data["description"]}
        texts |= {e["name"] for e in data["events"]} | {n for n, _ in data["budget"]}
        texts |= {t["title"] for t in data["checklist"]["extra"]} | {t["category"] for t in data["checklist"]["extra"]}
        for item in data["timeline"]:
            texts |= {item["title"], item.get("people", ""), item.get("vendors", "")}
    assert texts - {""} <= marked, f"add to services/templates/messages.py: {sorted(texts - {''} - marked)}"


@pytest.mark.parametrize("key", templates.TEMPLATE_KEYS)
def test_template_data_is_consistent(key):
    data = templates.template(key)
    names = {e["name"] for e in data["events"]}
    assert all(item["event"] in names for item in data["timeline"])
    assert set(data["checklist"]["skip"]) <= {t.title for t in templates.base_checklist()}
    tasks = templates.template_tasks(key)
    assert 55 <= len(tasks) <= 70
    # The draft timeline has no overlap of its own: overlaps flagged later are the couple's edits.
    for event in names:
        spans = []
        for i, item in enumerate(x for x in data["timeline"] if x["event"] == event):
            hh, mm = map(int, item["time"].split(":"))
            start = (item["day"] * 24 + hh) * 60 + mm
            spans.append((i, start, start + item["minutes"]))
        assert find_overlaps(spans) == {}, f"{key}/{event}"


def test_unknown_template_is_refused_and_nothing_is_created(camille):
    with pytest.raises(TamperedInput), transaction() as s:
        from services.weddings import create_wedding

        create_wedding(
            s, camille.principal, wedding_form(), tenant_id=None, viewer_lang="en", today=TODAY, template="huge"
        )
    assert count(Wedding) == 0 and count(Task) == 0


@pytest.mark.parametrize(
    ("key", "events", "budget_rows"),
    [("classic", 2, 10), ("intimate", 2, 9), ("destination", 4, 10), ("large", 3, 11)],
)
def test_new_wedding_from_a_template_gets_events_budget_checklist_and_timeline(camille, key, events, budget_rows):
    wedding_day = TODAY + timedelta(days=400)
    wid = new_wedding(camille.principal, template=key, wedding_date=wedding_day.isoformat(), budget_total="30000")
    with transaction() as s:
        tasks = s.exec(select(Task).where(Task.wedding_id == wid)).all()
        cats = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).all()
        evs = s.exec(select(WeddingEvent).where(WeddingEvent.wedding_id == wid)).all()
        items = s.exec(select(TimelineItem).where(TimelineItem.wedding_id == wid)).all()
    assert len(tasks) == len(templates.template_tasks(key))
    assert all(t.due_date is not None and t.done_at is None for t in tasks)
    # 400 days ahead, every task keeps its natural date relative to the wedding.
    expected = {(t.title, wedding_day - timedelta(days=t.days_before)) for t in templates.template_tasks(key)}
    assert {(t.title, t.due_date) for t in tasks} == expected
    assert len(cats) == budget_rows and sum(c.planned_minor for c in cats) == 3_000_000
    assert len(evs) == events
    assert len(items) == len(templates.template(key)["timeline"]) and all(i.event_id for i in items)
    if key == "destination":
        assert {e.kind for e in evs} >= {"welcome", "brunch"}


def test_the_template_is_rendered_in_the_weddings_language(camille):
    wid = new_wedding(camille.principal, template="classic", locale="fr")
    with transaction() as s:
        titles = set(s.exec(select(Task.title).where(Task.wedding_id == wid)).all())
        events = set(s.exec(select(WeddingEvent.name).where(WeddingEvent.wedding_id == wid)).all())
    assert titles == {i18n.gettext("fr", t.title) for t in templates.template_tasks("classic")}
    assert events == {i18n.gettext("fr", e["name"]) for e in templates.template("classic")["events"]}


def test_a_wedding_soon_gets_catch_up_tasks_due_today(camille):
    wedding_day = TODAY + timedelta(days=60)
    wid = new_wedding(camille.principal, template="classic", wedding_date=wedding_day.isoformat())
    with transaction() as s:
        dues = s.exec(select(Task.due_date).where(Task.wedding_id == wid)).all()
    assert min(dues) == TODAY
    assert max(dues) == wedding_day + timedelta(days=45)  # name change on documents, after the wedding


def test_moving_the_wedding_date_moves_open_tasks_only(camille):
    wedding_day = TODAY + timedelta(days=400)
    wid = new_wedding(camille.principal, template="intimate", wedding_date=wedding_day.isoformat())
    with transaction() as s:
        done = s.exec(select(Task).where(Task.wedding_id == wid).order_by(Task.due_date)).first()
        done.done_at = done.created_at
        done_id, done_due = done.id, done.due_date
        before = {t.id: t.due_date for t in s.exec(select(Task).where(Task.wedding_id == wid))}
    new_day = wedding_day + timedelta(days=21)
    with transaction() as s:
        update_wedding(
            s,
            camille.principal,
            wid,
            wedding_form(wedding_date=new_day.isoformat()),
            expected_version=1,
            viewer_lang="en",
            today=TODAY,
        )
    with transaction() as s:
        after = {t.id: t.due_date for t in s.exec(select(Task).where(Task.wedding_id == wid))}
    assert after[done_id] == done_due
    assert all(after[k] == v + timedelta(days=21) for k, v in before.items() if k != done_id)


def test_template_files_are_valid_json():
    for path in templates.DATA_DIR.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_the_demo_has_the_full_checklist_some_overdue_and_a_flagged_overlap():
    from services import demo, timeline
    from services.auth import principal_from_token
    from services.checklist import checklist_page
    from tests.helpers import login

    demo.seed_demo()
    principal = principal_from_token(login(demo.DEMO_EMAIL, demo.DEMO_PASSWORD))
    with transaction() as s:
        wid = s.exec(select(Wedding.id).where(Wedding.partner_a == "Camille")).one()
        tasks = checklist_page(s, principal, wid, today=TODAY, lang="en")
        schedule = timeline.timeline_page(s, principal, wid, lang="en")
    assert tasks["total"] == len(templates.template_tasks("classic"))
    assert 0 < tasks["done"] < tasks["total"] and tasks["overdue"] >= 3
    flagged = {i["title"] for g in schedule["groups"] for i in g["items"] if i["overlap"]}
    assert flagged == {"Cocktail hour", "Golden hour portraits"}
    assert [g["name"] for g in schedule["groups"]] == ["Rehearsal dinner", "Ceremony", "Reception", "Sunday brunch"]
