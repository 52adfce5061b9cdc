"""The demo wedding's reception seating plan, and a small guest-list builder the tests share.

seed_seating_demo(): 16 round tables of 10 and 2 banquet tables in a room with a dance floor, stage, bar
and exits; most households seated (kept together), a few left to place; one feud (must sit apart) and one
pair of households who must sit together.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, select

from models.guests import Guest, GuestEventInvitation, Household
from models.seating import RoomElement, SeatAssignment, SeatingPlan, SeatingRule, SeatingTable
from models.weddings import Wedding, WeddingEvent


def add_households(
    session: Session,
    wedding: Wedding,
    event: WeddingEvent,
    households: Sequence[tuple[str, Sequence[str], str]],
) -> dict[str, Household]:
    """Households (name, first names, rsvp status) with their guests, all invited to `event`.

    Guests' last name is the household name's first word; returns {household name: Household}.
    """
    out = {}
    for name, firsts, status in households:
        hh = Household(tenant_id=wedding.tenant_id, wedding_id=wedding.id, name=name)
        session.add(hh)
        session.flush()
        for first in firsts:
            g = Guest(
                tenant_id=wedding.tenant_id,
                wedding_id=wedding.id,
                household_id=hh.id,
                first_name=first,
                last_name=name.split()[0],
            )
            session.add(g)
            session.flush()
            session.add(
                GuestEventInvitation(
                    tenant_id=wedding.tenant_id,
                    wedding_id=wedding.id,
                    guest_id=g.id,
                    event_id=event.id,
                    rsvp_status=status,
                )
            )
        out[name] = hh
    session.flush()
    return out


# (x, y) centres in cm of a 2400 x 1600 room: stage and head tables at the top, dance floor in the middle.
_ROUND = [(300 + 350 * c, 550 + 300 * r) for r in range(4) for c in range(2)] + [
    (1750 + 350 * c, 550 + 300 * r) for r in range(4) for c in range(2)
]


def seed_seating_demo(session: Session, wedding: Wedding, events: list[WeddingEvent]) -> SeatingPlan | None:
    """The reception's plan for the demo wedding (call after the guest list exists)."""
    from services.seating.plans import brings_plus_one

    session.flush()
    reception = next((e for e in events if e.kind == "reception"), None)
    if reception is None:
        return None
    t, wid = wedding.tenant_id, wedding.id
    plan = SeatingPlan(tenant_id=t, wedding_id=wid, event_id=reception.id, width=2400, height=1600, grid=50)
    session.add(plan)
    session.flush()
    common = {"tenant_id": t, "wedding_id": wid, "plan_id": plan.id}
    for kind, label, x, y, w, h in (
        ("stage", "Stage", 1200, 100, 600, 150),
        ("dance_floor", "Dance floor", 1200, 850, 700, 700),
        ("bar", "Bar", 2350, 850, 100, 400),
        ("exit", "Main entrance", 1200, 1575, 200, 50),
        ("exit", "Garden exit", 25, 800, 50, 200),
        ("pillar", "", 800, 400, 50, 50),
        ("pillar", "", 1600, 400, 50, 50),
    ):
        session.add(RoomElement(**common, kind=kind, label=label, x=x, y=y, width=w, height=h))
    tables: list[SeatingTable] = []
    for label, x, y in (("Head table", 1200, 300), ("Family table", 1200, 1350)):
        tables.append(
            SeatingTable(**common, label=label, shape="banquet", capacity=12, x=x, y=y, width=400, height=100)
        )
    for n, (x, y) in enumerate(_ROUND, start=1):
        tables.append(
            SeatingTable(**common, label=f"Table {n}", shape="round", capacity=10, x=x, y=y, width=200, height=200)
        )
    session.add_all(tables)
    session.flush()
    rows = session.exec(
        select(Guest, GuestEventInvitation)
        .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
        .where(GuestEventInvitation.event_id == reception.id, GuestEventInvitation.rsvp_status != "declined")
        .order_by(Guest.created_at, Guest.id)
    ).all()
    households: dict[uuid.UUID, list[Guest]] = defaultdict(list)
    plus_ones = set()
    for g, inv in rows:
        households[g.household_id].append(g)
        if brings_plus_one(g, inv):
            plus_ones.add(g.id)
    order = list(households.items())
    left_out = {hid for hid, _ in order[-4:]}  # a few households still to place
    free = {tb.id: tb.capacity for tb in tables}
    used: dict[uuid.UUID, int] = defaultdict(int)
    table_of: dict[uuid.UUID, uuid.UUID] = {}
    for hid, members in sorted(order, key=lambda kv: -len(kv[1])):
        if hid in left_out:
            continue
        size = len(members) + sum(1 for g in members if g.id in plus_ones)  # plus-ones sit next to their guest
        # The emptiest table that fits: guests spread over the room rather than filling tables one by one.
        target = max((tb for tb in tables if free[tb.id] >= size), key=lambda tb: free[tb.id], default=None)
        if target is None:
            continue
        for g in members:
            session.add(SeatAssignment(**common, guest_id=g.id, table_id=target.id, seat=used[target.id]))
            used[target.id] += 1
            if g.id in plus_ones:
                session.add(
                    SeatAssignment(**common, guest_id=g.id, table_id=target.id, seat=used[target.id], companion=True)
                )
                used[target.id] += 1
        free[target.id] -= size
        table_of[hid] = target.id
    # Rules between different households: a feud (apart), two who sit together, two who would like to.
    seated = [hid for hid, _ in order if hid in table_of]
    used_ids: set[uuid.UUID] = set()

    def pick(same_table: bool) -> tuple[uuid.UUID, uuid.UUID] | None:
        for a in seated:
            for b in seated:
                if a != b and not {a, b} & used_ids and (table_of[a] == table_of[b]) == same_table:
                    used_ids.update((a, b))
                    return a, b
        return None

    for kind, same_table, weight in (("apart", False, 0), ("together", True, 0), ("prefer_together", False, 20)):
        pair = pick(same_table)
        if pair:
            session.add(SeatingRule(**common, kind=kind, weight=weight, a_household_id=pair[0], b_household_id=pair[1]))
    session.flush()
    return plan
