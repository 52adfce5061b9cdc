"""The budget on PostgreSQL: the 0003 migration keeps old money, concurrent payments, constant queries."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import command
from sqlmodel import select

from models.planning import BudgetCategory, BudgetItem
from services import budget
from services.db import get_engine, transaction
from services.migrations import alembic_config
from tests.helpers import new_wedding, signup

TODAY = date.today()


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def test_migration_turns_money_already_paid_into_a_payment(databases):
    url = databases.create("budget_mig_")
    try:
        cfg = alembic_config(url)
        command.upgrade(cfg, "0001")
        t, w, c, i = (uuid.uuid4() for _ in range(4))
        now = datetime.now(UTC)
        with get_engine(url).begin() as conn:
            md = sa.MetaData()
            md.reflect(conn, only=["tenant", "wedding", "budgetcategory", "budgetitem"])
            conn.execute(md.tables["tenant"].insert().values(id=t, name="t", kind="couple", created_at=now))
            conn.execute(
                md.tables["wedding"]
                .insert()
                .values(
                    id=w, tenant_id=t, partner_a="A", partner_b="B", wedding_date=date(2027, 6, 1), venue_name="",
                    venue_address="", expected_guests=80, budget_total_minor=1_000_000, currency="EUR", locale="en",
                    timezone="UTC", created_at=now, updated_at=now, version=1,
                )
            )  # fmt: skip
            conn.execute(
                md.tables["budgetcategory"]
                .insert()
                .values(id=c, tenant_id=t, wedding_id=w, name="Venue", planned_minor=9)
            )
            conn.execute(
                md.tables["budgetitem"]
                .insert()
                .values(
                    id=i, tenant_id=t, wedding_id=w, category_id=c, name="Hall", estimated_minor=800_000,
                    committed_minor=750_000, paid_minor=250_000, created_at=now,
                )
            )  # fmt: skip
        command.upgrade(cfg, "0003")
        with get_engine(url).connect() as conn:
            item = conn.execute(
                sa.text("SELECT name, committed_minor, paid_minor, per_guest, version FROM budgetitem")
            ).one()
            payments = conn.execute(sa.text("SELECT item_id, amount_minor, method FROM budgetpayment")).all()
        assert tuple(item) == ("Hall", 750_000, 250_000, False, 1)
        assert [tuple(p) for p in payments] == [(i, 250_000, "other")]
        command.downgrade(cfg, "0001")
        with get_engine(url).connect() as conn:
            assert conn.execute(sa.text("SELECT paid_minor FROM budgetitem")).scalar_one() == 250_000
            assert "budgetpayment" not in sa.inspect(conn).get_table_names()
    finally:
        databases.drop(url)


def _wedding_with_item():
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal, expected_guests="100")
    call(budget.setup_defaults, owner.principal, wid, lang="en")
    b = call(budget.budget_view, owner.principal, wid)
    venue = next(c for c in b.categories if c.kind == "venue")
    item = call(
        budget.save_item,
        owner.principal,
        wid,
        {"category_id": venue.id, "name": "Hall", "actual": "10000"},
        lang="en",
        today=TODAY,
    )
    return owner, wid, item


def test_simultaneous_payments_both_count(pg):
    owner, wid, item = _wedding_with_item()
    errors = []
    barrier = threading.Barrier(6)

    def pay():
        try:
            barrier.wait()
            call(
                budget.record_payment,
                owner.principal,
                wid,
                item.id,
                {"amount": "100", "paid_on": TODAY.isoformat(), "method": "card"},
                lang="en",
                today=TODAY,
            )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=pay) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    b = call(budget.budget_view, owner.principal, wid)
    line = next(i for i in b.items if i.id == str(item.id))
    assert line.paid == 60_000 == sum(p.amount for p in line.payments)


def test_500_lines_load_in_the_same_number_of_queries_as_10(pg):
    owner, wid, _ = _wedding_with_item()

    def seed(n):
        with transaction() as s:
            cats = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).all()
            for k in range(n):
                s.add(
                    BudgetItem(
                        tenant_id=owner.tenant_id,
                        wedding_id=wid,
                        category_id=cats[k % len(cats)].id,
                        name=f"Line {k}",
                        estimated_minor=10_000 + k,
                        per_guest=k % 7 == 0,
                        unit_estimated_minor=5_000,
                        due_date=TODAY + timedelta(days=k % 90),
                    )
                )

    def measure():
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        sa.event.listen(get_engine(), "before_cursor_execute", listener)
        try:
            start = time.perf_counter()
            b = call(budget.budget_view, owner.principal, wid)
            elapsed = time.perf_counter() - start
        finally:
            sa.event.remove(get_engine(), "before_cursor_execute", listener)
        return len(seen), len(b.items), elapsed

    seed(9)
    small = measure()
    seed(490)
    large = measure()
    assert (small[1], large[1]) == (10, 500)
    assert small[0] == large[0]
    print(f"\nbudget_view on PostgreSQL: {large[0]} queries, {large[2] * 1000:.1f} ms for 500 lines")
