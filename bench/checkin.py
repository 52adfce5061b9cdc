"""Check-in numbers for the demo wedding (150 guests), on SQLite or PostgreSQL.

    .venv/bin/python bench/checkin.py                       # embedded SQLite in a temp dir
    .venv/bin/python bench/checkin.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Times the live pages' change marker (polled every 2 s per open page), the arrivals counter,
a name search, and checking in every household of the main event one by one.
Prints numbers; never fails on timing.
"""

from __future__ import annotations

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


def _timed(fn, rounds: int) -> tuple[float, float, int]:
    from services.db import get_engine

    queries = 0

    def count(*_args):
        nonlocal queries
        queries += 1

    sa.event.listen(get_engine(), "before_cursor_execute", count)
    timings = []
    try:
        for _ in range(rounds):
            queries = 0
            start = time.perf_counter()
            fn()
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", count)
    return statistics.median(timings), max(timings), queries


def run() -> None:
    from sqlmodel import select

    from models.guests import Guest, GuestEventInvitation
    from models.tenancy import User
    from models.weddings import Wedding
    from services import checkin, demo
    from services.auth import load_principal
    from services.db import transaction
    from services.migrations import upgrade_to_head

    upgrade_to_head()
    demo.seed_demo()
    with transaction() as s:
        user = s.exec(select(User).where(User.email == demo.DEMO_EMAIL)).one()
        principal = load_principal(s, user.id)
        wedding_id = s.exec(select(Wedding.id)).first()
        event_id = uuid.UUID(checkin.checkin_setup(s, principal, wedding_id).default_event_id)
        households: dict = {}
        for gid, hid in s.exec(
            select(Guest.id, Guest.household_id)
            .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
            .where(GuestEventInvitation.event_id == event_id, GuestEventInvitation.rsvp_status != "declined")
        ).all():
            households.setdefault(hid, []).append(gid)

    def call(fn, *args, **kwargs):
        with transaction() as s:
            return fn(s, principal, wedding_id, *args, **kwargs)

    for label, fn, rounds in (
        ("change marker (live poll)", lambda: call(checkin.change_marker), 100),
        ("arrivals counter", lambda: call(checkin.arrivals, event_id), 50),
        ("name search 'martn'", lambda: call(checkin.search_households, event_id, "martn"), 50),
    ):
        median, worst, queries = _timed(fn, rounds)
        print(f"{label:28s} median {median:6.2f} ms  max {worst:6.2f} ms  {queries} queries")
    pending = list(households.values())

    def check_in_next():
        call(checkin.check_in, event_id, pending.pop(), station="Bench")

    median, worst, queries = _timed(check_in_next, len(pending))
    print(
        f"{'check in one household':28s} median {median:6.2f} ms  max {worst:6.2f} ms  {queries} queries"
        f"  ({len(households)} households)"
    )
    a = call(checkin.arrivals, event_id)
    print(f"arrived {a.arrived} / expected {a.expected}")


if __name__ == "__main__":
    main()
