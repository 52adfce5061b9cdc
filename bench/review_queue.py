"""The admin contract review queue with 10,000 contracts, on PostgreSQL (or SQLite).

    .venv/bin/python bench/review_queue.py postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/review_queue.py                  # embedded SQLite in a temp dir

Generates 10,000 contracts (about 40% waiting for review) over 2,000 couples' weddings and 200 vendor
organizations, then times services.contracts.review_queue as the admin page calls it (one transaction,
server time, no browser): the first page with the default sort (oldest first), by amount, filtered by
status and by vendor name, and a deep page. Prints p50/p95 in ms; never fails on timing (goal: 200 ms).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch import run_on_scratch_database  # noqa: E402

CONTRACTS = 10_000
COUPLES = 2_000
VENDORS = 200
ROUNDS = 40
STATUSES = (
    ("submitted", 25),
    ("in_review", 15),
    ("draft", 15),
    ("changes_requested", 10),
    ("approved", 10),
    ("signed_couple", 5),
    ("executed", 15),
    ("withdrawn", 4),
    ("void", 1),
)


def main() -> None:
    run_on_scratch_database(run)


def _seed() -> None:
    import sqlalchemy as sa

    from models.bookings import QuoteRequest, VendorBooking
    from models.contracts import Contract
    from models.tenancy import Tenant, User
    from models.vendors import VendorProfile
    from models.weddings import Wedding
    from services.db import get_engine

    rng = random.Random(6)
    now = datetime.now(UTC)
    names = "Lumière Nova Pivoine Saveurs Atelier Studio Fleurs Château Harmonie Éclat".split()
    tenants, weddings, vendors, quotes, bookings, contracts = [], [], [], [], [], []
    couple_tenants = [uuid.uuid4() for _ in range(COUPLES)]
    wedding_ids = [uuid.uuid4() for _ in range(COUPLES)]
    for n, (t, w) in enumerate(zip(couple_tenants, wedding_ids, strict=True)):
        tenants.append({"id": t, "name": f"Couple {n}", "kind": "couple", "created_at": now})
        weddings.append(
            {
                "id": w,
                "tenant_id": t,
                "partner_a": f"Alex{n}",
                "partner_b": f"Sam{n}",
                "wedding_date": date.today() + timedelta(days=rng.randint(30, 600)),
                "venue_name": "Venue",
                "venue_address": "",
                "expected_guests": 100,
                "budget_total_minor": 2_000_000,
                "currency": "EUR",
                "locale": "en",
                "timezone": "Europe/Paris",
                "created_at": now,
            }
        )
    vendor_rows = []
    for n in range(VENDORS):
        t, v = uuid.uuid4(), uuid.uuid4()
        tenants.append({"id": t, "name": f"Vendor {n}", "kind": "vendor", "created_at": now})
        vendors.append(
            {
                "id": v,
                "tenant_id": t,
                "name": f"{rng.choice(names)} {n}",
                "types": ["photographer"],
                "regions": [],
                "languages": ["en"],
                "created_at": now,
                "updated_at": now,
            }
        )
        vendor_rows.append((v, t))
    population = [s for s, w in STATUSES for _ in range(w)]
    for n in range(CONTRACTS):
        i = rng.randrange(COUPLES)
        v, vt = rng.choice(vendor_rows)
        q, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        price = rng.randrange(30_000, 3_000_000, 100)
        day = weddings[i]["wedding_date"]
        common = {"tenant_id": couple_tenants[i], "wedding_id": wedding_ids[i], "vendor_id": v, "vendor_tenant_id": vt}
        quotes.append(
            {"id": q, **common, "day": day, "status": "accepted", "price": price, "created_at": now, "updated_at": now}
        )
        bookings.append(
            {"id": b, **common, "quote_id": q, "day": day, "price": price, "currency": "EUR", "created_at": now}
        )
        status = rng.choice(population)
        submitted = now - timedelta(minutes=rng.randint(5, 60 * 24 * 30)) if status != "draft" else None
        contracts.append(
            {
                "id": c,
                **common,
                "booking_id": b,
                "kind": "upload",
                "title": f"Contract {n}",
                "status": status,
                "amount": price,
                "currency": "EUR",
                "current_version": 1,
                "submitted_at": submitted,
                "created_at": now,
                "updated_at": now,
            }
        )
    admin = {
        "id": uuid.uuid4(),
        "email": "bench-admin@example.com",
        "password_hash": "x",
        "display_name": "Admin",
        "is_platform_admin": True,
        "created_at": now,
    }
    engine = get_engine()
    with engine.begin() as conn:
        for model, rows in (
            (Tenant, tenants),
            (User, [admin]),
            (Wedding, weddings),
            (VendorProfile, vendors),
            (QuoteRequest, quotes),
            (VendorBooking, bookings),
            (Contract, contracts),
        ):
            table = model.__table__
            full = [
                {c.name: r.get(c.name, _default(c)) for c in table.columns if c.name in r or _default(c) is not None}
                for r in rows
            ]
            for start in range(0, len(full), 2000):
                conn.execute(sa.insert(table), full[start : start + 2000])
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("ANALYZE"))


def _default(column):
    default = column.default
    if default is None:
        return None
    arg = default.arg
    if callable(arg):
        try:
            return arg(None)
        except TypeError:
            return arg()
    return arg


def run() -> None:
    from sqlmodel import select

    from models.tenancy import User
    from services import contracts
    from services.auth import load_principal
    from services.db import get_engine, transaction
    from services.migrations import upgrade_to_head

    upgrade_to_head()
    start = time.perf_counter()
    _seed()
    print(f"seeded {CONTRACTS:,} contracts on {get_engine().dialect.name} in {time.perf_counter() - start:.1f} s")
    with transaction() as s:
        admin_id = s.exec(select(User.id).where(User.email == "bench-admin@example.com")).one()
        principal = load_principal(s, admin_id)
    cases = {
        "waiting, oldest first, page 1": {},
        "waiting, largest amount first": {"sort": "amount"},
        "status = in_review": {"status": "in_review"},
        "status = executed, by amount": {"status": "executed", "sort": "amount"},
        "vendor name contains 'Pivoine'": {"vendor": "Pivoine"},
        "waiting, page 100": {"page": 100},
    }
    print(f"{'query':40} {'rows':>5} {'total':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for label, kwargs in cases.items():
        timings = []
        result = None
        for _ in range(ROUNDS):
            t0 = time.perf_counter()
            with transaction() as s:
                result = contracts.review_queue(s, principal, **kwargs)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{label:40} {len(result.rows):>5} {result.total:>6} {statistics.median(timings):>8.1f} {p95:>8.1f}")
    print("goal: the queue loads under 200 ms server time with 10,000 contracts")


if __name__ == "__main__":
    main()
