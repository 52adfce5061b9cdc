"""Checklist page data (200 tasks) and the ICS feed (500 budget items, 200 tasks), on SQLite or PostgreSQL.

    .venv/bin/python bench/planning.py                       # embedded SQLite in a temp dir
    .venv/bin/python bench/planning.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With a PostgreSQL URL, a scratch database is created next to the given one and dropped after.
Targets: checklist page data < 200 ms with a constant query count; ICS feed < 100 ms.
Prints numbers; never fails on timing. BENCH_PROFILE=1 prints a cProfile of one feed render.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import run_on_scratch_database  # noqa: E402


def main() -> None:
    run_on_scratch_database(run)


def _timed(fn, runs: int) -> tuple[float, float, int, object]:
    from services.db import get_engine

    queries = 0

    def count(*_args):
        nonlocal queries
        queries += 1

    engine = get_engine()
    sa.event.listen(engine, "before_cursor_execute", count)
    timings, result = [], None
    try:
        for _ in range(runs):
            queries = 0
            start = time.perf_counter()
            result = fn()
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return statistics.median(timings), sorted(timings)[int(runs * 0.95) - 1], queries, result


def run() -> None:
    from datetime import date, timedelta

    from sqlmodel import select

    from models.planning import BudgetCategory, BudgetItem, Task
    from services import calendar, checklist, weddings
    from services.auth import exchange_login_ticket, load_principal, principal_from_token, signup
    from services.db import get_engine, transaction
    from services.migrations import upgrade_to_head

    upgrade_to_head()
    ticket = signup(
        {
            "display_name": "Bench Couple",
            "email": f"bench-{uuid.uuid4().hex[:6]}@example.com",
            "password": "a long bench passphrase 42",
            "tenant_kind": "couple",
            "tenant_name": "",
        },
        ip="127.0.0.1",
        lang="en",
    )
    principal = principal_from_token(exchange_login_ticket(ticket, ip="127.0.0.1", user_agent="bench"))
    today = date.today()
    form = {
        "partner_a": "Ada",
        "partner_b": "Bo",
        "wedding_date": (today + timedelta(days=200)).isoformat(),
        "venue_name": "Bench Hall",
        "venue_address": "",
        "expected_guests": "300",
        "budget_total": "80000",
        "currency": "EUR",
        "locale": "en",
        "timezone": "Europe/Paris",
    }
    with transaction() as s:
        wedding = weddings.create_wedding(
            s, principal, form, tenant_id=None, viewer_lang="en", today=today, template="large"
        )
        wid, tid = wedding.id, wedding.tenant_id
    with transaction() as s:
        have = len(s.exec(select(Task.id).where(Task.wedding_id == wid)).all())
        for i in range(200 - have):
            s.add(
                Task(tenant_id=tid, wedding_id=wid, title=f"Extra task {i}", due_date=today + timedelta(days=i % 190))
            )
        cats = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).all()
        for i in range(500):
            s.add(
                BudgetItem(
                    tenant_id=tid,
                    wedding_id=wid,
                    category_id=cats[i % len(cats)].id,
                    name=f"Budget line {i}",
                    estimated_minor=10_000 + i,
                    committed_minor=10_000 + i,
                    paid_minor=0,
                    due_date=today + timedelta(days=i % 200),
                )
            )
    with transaction() as s:
        principal = load_principal(s, principal.user_id)
        tasks = len(s.exec(select(Task.id).where(Task.wedding_id == wid)).all())
        token = calendar.create_subscription(s, principal, wid)
    backend = get_engine().dialect.name

    def page():
        with transaction() as s:
            return checklist.checklist_page(s, principal, wid, lang="en")

    median, p95, queries, data = _timed(page, 30)
    print(
        f"checklist_page backend={backend} tasks={tasks} runs=30 median_ms={median:.2f} p95_ms={p95:.2f} "
        f"queries={queries} (target < 200 ms, constant queries)"
    )

    def feed():
        with transaction() as s:
            return calendar.feed(s, token)

    first, _p, first_queries, body = _timed(feed, 1)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx("feed()", globals(), locals(), sort="cumtime")
    median, p95, queries, body = _timed(feed, 30)
    events = body.count(b"BEGIN:VEVENT")
    print(
        f"ics_feed backend={backend} budget_items=500 tasks={tasks} vevents={events} bytes={len(body)} "
        f"first_fetch_ms={first:.2f} (creates {events} sequence rows, {first_queries} queries) "
        f"median_ms={median:.2f} p95_ms={p95:.2f} queries={queries} (target < 100 ms)"
    )


if __name__ == "__main__":
    main()
