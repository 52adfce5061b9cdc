"""Dashboard data time and query count for the demo wedding (150 guests), on SQLite or PostgreSQL.

    .venv/bin/python bench/dashboard.py                       # embedded SQLite in a temp dir
    .venv/bin/python bench/dashboard.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With a PostgreSQL URL, a scratch database is created next to the given one and dropped after.
Prints numbers; never fails on timing.
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
    from sqlmodel import select

    from models.base import utcnow
    from models.tenancy import User
    from models.weddings import Wedding
    from services import demo
    from services.auth import load_principal
    from services.dashboard import wedding_dashboard
    from services.db import get_engine, transaction
    from services.migrations import upgrade_to_head

    upgrade_to_head()
    demo.seed_demo()
    with transaction() as s:
        user = s.exec(select(User).where(User.email == demo.DEMO_EMAIL)).one()
        principal = load_principal(s, user.id)
        wedding_id = s.exec(select(Wedding.id)).first()
    queries = 0

    def count(*_args):
        nonlocal queries
        queries += 1

    sa.event.listen(get_engine(), "before_cursor_execute", count)
    timings = []
    for _ in range(50):
        queries = 0
        start = time.perf_counter()
        with transaction() as s:
            now = utcnow()
            wedding_dashboard(s, principal, wedding_id, today=now.date(), now=now)
        timings.append((time.perf_counter() - start) * 1000)
    backend = get_engine().dialect.name
    print(f"backend={backend} runs=50 median_ms={statistics.median(timings):.2f} "
          f"p95_ms={sorted(timings)[47]:.2f} queries_per_load={queries}")


if __name__ == "__main__":
    main()
