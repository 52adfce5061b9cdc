"""Guests' RSVP on the demo wedding (150 guests): RSVP page load and answer, name look-up, sending, PDFs.

    .venv/bin/python bench/rsvp.py                       # embedded SQLite in a temp dir
    .venv/bin/python bench/rsvp.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Prints median milliseconds and SQL queries per call; never fails on timing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import run_on_scratch_database  # noqa: E402


def main() -> None:
    run_on_scratch_database(run)


def run() -> None:
    from collections import Counter

    from sqlmodel import select

    from models.guests import Guest
    from models.tenancy import User
    from models.weddings import Wedding
    from services import demo, rsvp
    from services.auth import load_principal
    from services.db import get_engine, transaction
    from services.migrations import upgrade_to_head

    upgrade_to_head()
    demo.seed_demo()
    with transaction() as s:
        principal = load_principal(s, s.exec(select(User).where(User.email == demo.DEMO_EMAIL)).one().id)
        wid = s.exec(select(Wedding)).first().id
        sizes = Counter(s.exec(select(Guest.household_id).where(Guest.wedding_id == wid)).all())
        biggest = sizes.most_common(1)[0][0]
        first_name = s.exec(select(Guest.first_name).where(Guest.household_id == biggest)).first()
    with transaction() as s:
        token = rsvp.household_link(s, principal, wid, biggest).rsplit("/", 1)[1]
    queries = 0

    def count(*_args):
        nonlocal queries
        queries += 1

    sa.event.listen(get_engine(), "before_cursor_execute", count)

    def measure(label: str, fn, runs: int = 20) -> None:
        nonlocal queries
        times = []
        for _ in range(runs):
            queries = 0
            start = time.perf_counter()
            with transaction() as s:
                fn(s)
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {label}: median_ms={statistics.median(times):.1f} max_ms={max(times):.1f} queries={queries}")

    view = None

    def load(s):
        nonlocal view
        view = rsvp.rsvp_view(s, token, ip=f"bench-{time.monotonic_ns()}")

    print(
        f"backend={get_engine().dialect.name} guests={sum(sizes.values())} households={len(sizes)} "
        f"biggest_household={sizes[biggest]}"
    )
    measure("rsvp page load (biggest household)", load)
    form = {"song": "September", "message": "Yay"}
    for m in view["members"]:
        for inv in m["invitations"]:
            form[f"att__{m['id']}__{inv['event_id']}"] = "yes"
            if inv["meals"]:
                form[f"meal__{m['id']}__{inv['event_id']}"] = inv["meals"][0]["id"]
    measure(
        "rsvp answer + confirmation email", lambda s: rsvp.submit_rsvp(s, token, form, ip=f"b{time.monotonic_ns()}")
    )
    measure("find by first name", lambda s: rsvp.find_invitation(s, wid, first_name[:4], ip=f"f{time.monotonic_ns()}"))
    measure("send targets (all)", lambda s: rsvp.send_targets(s, principal, wid, "all"))
    with transaction() as s:
        batch = rsvp.send_targets(s, principal, wid, "all")[:25]
    measure(
        "send a batch of 25 invitations", lambda s: rsvp.send_invitations(s, principal, wid, "invitation", batch), 5
    )
    measure("household rows (guest page)", lambda s: rsvp.household_rows(s, principal, wid, "en"), 10)
    measure("invitation cards PDF", lambda s: rsvp.invitation_cards_pdf(s, principal, wid), 3)
    measure("guest list PDF", lambda s: rsvp.guest_list_pdf(s, principal, wid, "fr"), 3)


if __name__ == "__main__":
    main()
