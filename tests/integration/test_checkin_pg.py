"""Two check-in stations scanning the same household at the same moment on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlmodel import Session, select

from models.checkin import GuestCheckIn
from services import checkin, guest_events, guests
from services.db import get_engine, transaction
from tests.helpers import invite_member, new_wedding, signup


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def test_two_stations_checking_in_one_household_at_once_write_one_record_per_guest(pg):
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    planner = invite_member(owner, wid, "planner", name="Sam Planner")
    p = owner.principal
    day = (date.today() + timedelta(days=200)).isoformat()
    ev = run(guest_events.save_event, p, wid, None, {"name": "Reception", "kind": "reception", "date": day}).id
    invited = {f"invited_{ev}": "on", f"rsvp_{ev}": "attending"}
    ana = run(guests.save_guest, p, wid, None, {"first_name": "Ana", "household_name": "Lopez", **invited})
    luis = run(
        guests.save_guest, p, wid, None, {"first_name": "Luis", "household_id": str(ana.household_id), **invited}
    )
    family = [ana.id, luis.id]

    # Door 1 has written its check-ins but not committed yet...
    door1 = Session(get_engine(), expire_on_commit=False)
    first = checkin.check_in(door1, p, wid, ev, family, station="Door 1")
    door1.flush()
    assert first.created == ["Ana", "Luis"]
    # ...when Door 2 (another person, another session) taps "all arrived"; Door 1 commits a moment later.
    results: dict[str, checkin.CheckInOutcome] = {}

    def door2():
        with transaction() as s:
            results["door2"] = checkin.check_in(s, planner.principal, wid, ev, family, station="Door 2")

    worker = threading.Thread(target=door2)
    worker.start()
    worker.join(0.5)
    assert worker.is_alive(), "Door 2 should wait for Door 1's transaction on the unique (guest, event) pair"
    door1.commit()
    door1.close()
    worker.join(10)
    assert not worker.is_alive()

    second = results["door2"]
    assert second.created == []
    assert sorted((r.guest_name, r.station, r.by_name) for r in second.already) == [
        ("Ana", "Door 1", "Camille Martin"),
        ("Luis", "Door 1", "Camille Martin"),
    ]
    with transaction() as s:
        rows = s.exec(select(GuestCheckIn).where(GuestCheckIn.event_id == ev)).all()
    assert sorted(r.station for r in rows) == ["Door 1", "Door 1"]
    a = run(checkin.arrivals, p, wid, ev)
    assert (a.arrived, a.expected) == (2, 2)


def test_many_stations_racing_on_one_guest_leave_exactly_one_record(pg):
    owner = signup("Lea Garcia")
    wid = new_wedding(owner.principal)
    p = owner.principal
    ev = run(guest_events.save_event, p, wid, None, {"name": "Ceremony", "kind": "ceremony"}).id
    ana = run(guests.save_guest, p, wid, None, {"first_name": "Ana", f"invited_{ev}": "on"})
    barrier = threading.Barrier(4)
    outcomes: list[checkin.CheckInOutcome] = []

    def station(n: int):
        barrier.wait()
        with transaction() as s:
            outcomes.append(checkin.check_in(s, p, wid, ev, [ana.id], station=f"Door {n}"))

    threads = [threading.Thread(target=station, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    winners = [o for o in outcomes if o.created]
    assert len(outcomes) == 4 and len(winners) == 1
    winner_station = next(r.station for o in outcomes for r in o.already)
    assert all(o.already[0].station == winner_station for o in outcomes if not o.created)
    with transaction() as s:
        assert len(s.exec(select(GuestCheckIn).where(GuestCheckIn.guest_id == ana.id)).all()) == 1
