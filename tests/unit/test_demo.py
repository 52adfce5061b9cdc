"""Demo data: enough to make every screen look alive, created once."""

from __future__ import annotations

from datetime import date

from sqlmodel import SQLModel, func, select

from models.guests import Guest, Household
from models.planning import BudgetItem, Task
from models.tenancy import User
from models.vendors import WeddingVendor
from models.weddings import Wedding
from services import demo
from services.auth import principal_from_token
from services.dashboard import wedding_dashboard
from services.db import transaction
from services.weddings import list_weddings
from tests.helpers import count, login, table_rows


def row_counts() -> dict[str, int]:
    return {t.name: len(table_rows(t)) for t in SQLModel.metadata.sorted_tables}


def test_seed_demo_builds_a_believable_wedding_once():
    assert demo.seed_demo() is True

    guests, households = count(Guest), count(Household)
    assert 140 <= guests <= 160
    assert 1 < households < guests  # guests come in households of several people
    with transaction() as s:
        wedding = s.exec(select(Wedding).where(Wedding.partner_a == "Camille")).one()
        committed = s.exec(select(func.sum(BudgetItem.committed_minor))).one()
        assert (
            s.exec(
                select(func.count()).select_from(Household).where(~Household.id.in_(select(Guest.household_id)))
            ).one()
            == 0
        )  # no empty household
    assert 0 < committed < wedding.budget_total_minor
    assert count(Task) > 5 and count(Task, Task.done_at.is_not(None)) > 0
    assert count(WeddingVendor) > 0
    assert count(User, User.is_platform_admin) == 1

    before = row_counts()
    assert demo.seed_demo() is False
    assert row_counts() == before


def test_demo_account_logs_in_and_sees_its_dashboard():
    demo.seed_demo()
    principal = principal_from_token(login(demo.DEMO_EMAIL, demo.DEMO_PASSWORD))
    today = date.today()
    with transaction() as s:
        [wedding] = list_weddings(s, principal)
        d = wedding_dashboard(s, principal, wedding.id, today=today, now=wedding.created_at)
    assert d.guests_invited == count(Guest)
    assert d.guests_attending + d.guests_declined + d.guests_pending == d.guests_invited
    assert d.budget_committed_minor < d.budget_total_minor
    assert d.days_to_go > 100
    assert d.vendors_booked >= 1 and d.timeline_next
