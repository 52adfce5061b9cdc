"""Plus-ones on PostgreSQL: guests who bring one race singles for the last seats; no seat is double-booked,
no table goes over capacity, and a plus-one is never seated without their guest or at another table."""

from __future__ import annotations

import uuid

from sqlmodel import select

from models.guests import Guest, GuestEventInvitation
from models.seating import SeatAssignment
from services import i18n
from services.db import transaction
from services.errors import DomainError
from services.seating import plans as sp
from tests.integration.test_seating_pg import furnished, race, run


def _bring_plus_one(guest_ids: list[str]) -> None:
    with transaction() as s:
        for raw in guest_ids:
            g = s.get(Guest, uuid.UUID(raw))
            g.plus_one = "unnamed"
            s.add(g)
            inv = s.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id == g.id)).one()
            inv.plus_one_attending = True
            s.add(inv)


def test_pairs_and_singles_racing_for_the_last_two_seats_never_overfill_the_table(pg):
    owner, wid, plan, hh = furnished(12)
    p = owner.principal
    guests = [g for members in hh.values() for g in members]
    pairs = guests[4:10:2]  # three guests who bring a plus-one
    _bring_plus_one(pairs)
    table = run(sp.add_table, p, wid, plan, {"label": "Table 7", "capacity": "4"})
    run(sp.assign, p, wid, plan, guests[:2], table)
    outcomes = set()
    for attempt in range(3):
        singles = guests[10:12] if attempt % 2 == 0 else [guests[2]]
        contenders = [pairs[attempt], *singles]
        results = race([lambda g=g: run(sp.assign, p, wid, plan, [g], table) for g in contenders])
        winners = [g for g, r in zip(contenders, results, strict=True) if isinstance(r, dict)]
        assert winners, results
        for r in results:
            if isinstance(r, DomainError):
                assert "Table 7" in i18n.render("en", r.message)
        with transaction() as s:
            rows = s.exec(select(SeatAssignment).where(SeatAssignment.table_id == uuid.UUID(table))).all()
        seats = sorted(a.seat for a in rows)
        assert len(seats) == len(set(seats)) <= 4  # never double-booked, never over capacity
        hosts = {a.guest_id for a in rows if not a.companion}
        companions = {a.guest_id for a in rows if a.companion}
        assert companions <= hosts  # a plus-one sits with their guest
        assert {uuid.UUID(g) for g in winners if g in pairs} == companions
        outcomes.add("pair" if companions else "singles")
        run(sp.unassign, p, wid, plan, winners)
        with transaction() as s:
            left = s.exec(select(SeatAssignment).where(SeatAssignment.table_id == uuid.UUID(table))).all()
        assert sorted(a.seat for a in left) == [0, 1] and not any(a.companion for a in left)
    assert outcomes  # every round ended with one consistent winner set
