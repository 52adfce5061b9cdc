"""Budget page data for a wedding with 500 budget lines: server time and SQL queries per load.

    .venv/bin/python bench/budget.py                       # embedded SQLite in a temp dir
    .venv/bin/python bench/budget.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With a PostgreSQL URL, a scratch database is created next to the given one and dropped after.
Measures services.budget.budget_view (what BudgetState.load calls) and the formatting the state
does for the page. Prints numbers; never fails on timing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import run_on_scratch_database  # noqa: E402

LINES = 500


def main() -> None:
    run_on_scratch_database(run)


def run() -> None:
    import random
    from datetime import date, timedelta

    from sqlmodel import select

    from models.budget import BudgetPayment, BudgetShare
    from models.planning import BudgetCategory, BudgetItem
    from models.tenancy import User
    from models.weddings import Wedding
    from services import budget, demo
    from services.auth import load_principal
    from services.db import get_engine, transaction
    from services.migrations import upgrade_to_head
    from state.budget import _categories, _chart, _Fmt, _summary

    upgrade_to_head()
    demo.seed_demo()
    rng = random.Random(500)
    with transaction() as s:
        user = s.exec(select(User).where(User.email == demo.DEMO_EMAIL)).one()
        principal = load_principal(s, user.id)
        wedding = s.exec(select(Wedding)).first()
        wid, tid = wedding.id, wedding.tenant_id
        cats = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).all()
        payers = budget.ensure_payers(s, principal, wid, lang="en")
        have = len(s.exec(select(BudgetItem.id).where(BudgetItem.wedding_id == wid)).all())
        today = date.today()
        for k in range(LINES - have):
            paid = rng.choice((0, 0, 5_000, 20_000))
            item = BudgetItem(
                tenant_id=tid,
                wedding_id=wid,
                category_id=rng.choice(cats).id,
                name=f"Bench line {k}",
                vendor=f"Vendor {k % 40}",
                estimated_minor=rng.randrange(10_000, 500_000),
                committed_minor=rng.choice((0, rng.randrange(10_000, 500_000))),
                paid_minor=paid,
                per_guest=k % 25 == 0,
                unit_estimated_minor=rng.randrange(500, 9_000),
                due_date=today + timedelta(days=rng.randrange(-10, 200)),
                split_mode="percent" if k % 3 == 0 else "",
            )
            s.add(item)
            s.flush()
            if paid:
                s.add(BudgetPayment(tenant_id=tid, wedding_id=wid, item_id=item.id, amount_minor=paid, paid_on=today))
            if k % 3 == 0:
                for payer, bp in zip(payers, (5000, 2500, 2500), strict=True):
                    s.add(BudgetShare(tenant_id=tid, wedding_id=wid, item_id=item.id, payer_id=payer.id, percent_bp=bp))
    queries = 0

    def count(*_args):
        nonlocal queries
        queries += 1

    sa.event.listen(get_engine(), "before_cursor_execute", count)
    service_ms, page_ms = [], []
    runs = 30
    for _ in range(runs):
        queries = 0
        start = time.perf_counter()
        with transaction() as s:
            b = budget.budget_view(s, principal, wid)
        middle = time.perf_counter()
        f = _Fmt(b, "fr")
        _summary(b, f), _categories(b, f, today), _chart(b, f), budget.due_soon(b, today)
        budget.what_if(b, b.headcount - 20, None, "fr")
        end = time.perf_counter()
        service_ms.append((middle - start) * 1000)
        page_ms.append((end - start) * 1000)
    backend = get_engine().dialect.name
    p95 = lambda xs: sorted(xs)[int(len(xs) * 0.95) - 1]  # noqa: E731
    print(
        f"backend={backend} lines={len(b.items)} runs={runs} queries_per_load={queries} "
        f"service_median_ms={statistics.median(service_ms):.1f} service_p95_ms={p95(service_ms):.1f} "
        f"with_formatting_median_ms={statistics.median(page_ms):.1f} with_formatting_p95_ms={p95(page_ms):.1f}"
    )


if __name__ == "__main__":
    main()
