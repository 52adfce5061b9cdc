"""Guest import on PostgreSQL: every valid row in one transaction, or (on any failure) nothing at all."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa
from sqlmodel import select

from models.audit import AuditEvent
from models.guests import Guest, GuestEventInvitation, GuestTag, Household
from services import guest_events, guest_import, guests
from services.db import get_engine, transaction
from services.guests import GuestQuery
from tests.helpers import count, new_wedding, signup

ROWS = "First name,Last name,Email,Household,Tags,Reception RSVP\n" + "".join(
    f"Guest{i},Family{i // 3},g{i}@example.com,Family{i // 3},{'explode' if i == 250 else 'Friends'},yes\n"
    for i in range(300)
)


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def couple(pg):
    owner = signup("Imke Import")
    wid = new_wedding(owner.principal)
    run(guest_events.save_event, owner.principal, wid, None, {"name": "Reception", "kind": "reception"})
    run(guests.save_guest, owner.principal, wid, None, {"first_name": "Already", "last_name": "There"})
    return owner, wid


@pytest.fixture
def exploding_tags():
    """A real database failure late in the write: inserting the tag "explode" raises inside PostgreSQL."""
    with get_engine().begin() as conn:
        conn.execute(
            sa.text(
                "CREATE OR REPLACE FUNCTION guest_tag_explode() RETURNS trigger AS $$ BEGIN "
                "IF NEW.name = 'explode' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        conn.execute(
            sa.text(
                "CREATE TRIGGER guest_tag_explode BEFORE INSERT ON guesttag FOR EACH ROW EXECUTE FUNCTION guest_tag_explode()"
            )
        )
    yield
    with get_engine().begin() as conn:
        conn.execute(sa.text("DROP TRIGGER guest_tag_explode ON guesttag"))
        conn.execute(sa.text("DROP FUNCTION guest_tag_explode()"))


def _snapshot(wid):
    return {
        "guests": count(Guest, Guest.wedding_id == wid),
        "households": count(Household, Household.wedding_id == wid),
        "invitations": count(GuestEventInvitation, GuestEventInvitation.wedding_id == wid),
        "tags": count(GuestTag, GuestTag.wedding_id == wid),
        "audit": count(AuditEvent, AuditEvent.action.like("guest.import%")),
    }


def test_a_failure_late_in_the_write_leaves_nothing_behind(couple, exploding_tags):
    owner, wid = couple
    table = guest_import.parse_file("big.csv", ROWS.encode())
    mapping = guest_import.guess_mapping(table.headers)
    preview = run(guest_import.preview_import, owner.principal, wid, table)
    assert (preview.total, preview.valid, preview.invalid) == (300, 300, 0)
    before = _snapshot(wid)
    with pytest.raises((sa.exc.DBAPIError, psycopg.Error), match="boom"):
        run(guest_import.commit_import, owner.principal, wid, table, mapping)
    assert _snapshot(wid) == before  # households, guests and invitations went in first, and were rolled back


def test_all_valid_rows_are_written_together(couple):
    owner, wid = couple
    table = guest_import.parse_file("big.csv", ROWS.replace("explode", "Friends").encode())
    result = run(guest_import.commit_import, owner.principal, wid, table, guest_import.guess_mapping(table.headers))
    assert (result.created, result.households, result.invalid) == (300, 100, 0)
    after = _snapshot(wid)
    assert after == {"guests": 301, "households": 101, "invitations": 300, "tags": 300, "audit": 301}
    page = run(guests.list_guests, owner.principal, wid, GuestQuery(search="g7@example.com"))
    assert [(r.first_name, r.household_name, r.tags) for r in page.rows] == [("Guest7", "Family2", ["Friends"])]
    summary = run(guests.guest_summary, owner.principal, wid)
    assert summary.events[0].attending == 300
    with transaction() as s:
        hh = s.exec(select(Household).where(Household.wedding_id == wid, Household.name == "Family2")).one()
        assert count(Guest, Guest.household_id == hh.id) == 3
