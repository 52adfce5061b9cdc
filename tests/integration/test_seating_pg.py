"""Seating on PostgreSQL: concurrent drops never double-book a seat, optimizer runs, and the HTTP routes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlmodel import func, select

from attitudes_app.api.routes import build_api
from models.seating import SeatAssignment
from models.weddings import Wedding, WeddingEvent
from services import i18n
from services.db import transaction
from services.errors import Conflict, DomainError, ValidationError
from services.seating import jobs, parse_instance
from services.seating import plans as sp
from services.seating.demo import add_households
from tests.helpers import new_wedding, signup


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def furnished(n_households: int = 12, size: int = 1):
    """An owner, a reception with n households of `size` attending guests, an open plan."""
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    with transaction() as s:
        w = s.get(Wedding, wid)
        ev = WeddingEvent(tenant_id=w.tenant_id, wedding_id=w.id, name="Reception", kind="reception")
        s.add(ev)
        s.flush()
        firsts = ["Ana", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gus", "Hana", "Ivo", "Jade", "Kai", "Lou", "Max"]
        hh = add_households(
            s,
            w,
            ev,
            [(f"{chr(65 + i)}{'abcdefghijklm'[i]} household", firsts[:size], "attending") for i in range(n_households)],
        )
        households = {name: [str(g) for g in _guests(s, h.id)] for name, h in hh.items()}
        event_id = ev.id
    plan = run(sp.open_plan, owner.principal, wid, event_id)
    return owner, wid, plan, households


def _guests(s, household_id):
    from models.guests import Guest

    return [g.id for g in s.exec(select(Guest).where(Guest.household_id == household_id).order_by(Guest.first_name))]


def race(workers):
    """Start every worker at the same moment; returns [(result | exception)] in order."""
    barrier = threading.Barrier(len(workers))
    out: list = [None] * len(workers)

    def go(i, fn):
        barrier.wait()
        try:
            out[i] = fn()
        except DomainError as exc:
            out[i] = exc

    threads = [threading.Thread(target=go, args=(i, fn)) for i, fn in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def seats_at(table_id: str) -> list[int]:
    with transaction() as s:
        return list(s.exec(select(SeatAssignment.seat).where(SeatAssignment.table_id == table_id)).all())


def test_many_drops_on_the_last_free_seat_seat_exactly_one_guest(pg):
    owner, wid, plan, hh = furnished(12)
    p = owner.principal
    guests = [g for members in hh.values() for g in members]
    table = run(sp.add_table, p, wid, plan, {"label": "Table 7", "capacity": "3"})
    run(sp.assign, p, wid, plan, guests[:2], table)
    reasons: list[str] = []
    for attempt in range(3):  # several rounds: a race that happened to serialise proves little
        # Four different guests each round (the last guest races every round: the winner is unseated after it).
        contenders = guests[2 + attempt * 3 : 5 + attempt * 3] + guests[11:12]
        results = race([lambda g=g: run(sp.assign, p, wid, plan, [g], table) for g in contenders])
        winners = [r for r in results if isinstance(r, dict)]
        losers = [r for r in results if isinstance(r, DomainError)]
        assert len(winners) == 1 and len(losers) == len(contenders) - 1
        for exc in losers:
            assert isinstance(exc, Conflict | ValidationError)
            text = i18n.render("en", exc.message)
            assert text in ("Table 7 is full: its last seat was just taken.", "Table 7 is full.")
        reasons += [i18n.render("en", x.message) for x in losers if isinstance(x, Conflict)]
        assert sorted(seats_at(table)) == [0, 1, 2]  # never double-booked, never over capacity
        [winner] = [g for g, r in zip(contenders, results, strict=True) if isinstance(r, dict)]
        run(sp.unassign, p, wid, plan, [winner])
    # The unique constraints decided (not a read that happened after the winner's commit).
    assert "Table 7 is full: its last seat was just taken." in reasons
    with transaction() as s:
        rows = s.exec(select(SeatAssignment.guest_id, func.count()).group_by(SeatAssignment.guest_id)).all()
    assert all(n == 1 for _, n in rows)


def test_drops_on_two_free_seats_give_each_seat_to_exactly_one_guest(pg):
    owner, wid, plan, hh = furnished(12)
    p = owner.principal
    guests = [g for members in hh.values() for g in members]
    table = run(sp.add_table, p, wid, plan, {"label": "Table 7", "capacity": "10"})
    run(sp.assign, p, wid, plan, guests[:8], table)
    contenders = guests[8:12]
    results = race(
        [lambda g=g, i=i: run(sp.assign, p, wid, plan, [g], table, seat=8 + i % 2) for i, g in enumerate(contenders)]
    )
    winners = [g for g, r in zip(contenders, results, strict=True) if isinstance(r, dict)]
    assert len(winners) == 2
    assert sorted(seats_at(table)) == list(range(10))
    for r in results:
        if isinstance(r, DomainError):
            assert "Table 7" in i18n.render("en", r.message)
    v = run(sp.plan_view, p, wid, plan, "en")
    assert v["tables"][0]["free"] == 0 and v["totals"]["seated"] == 10


def test_an_optimizer_run_on_postgres_from_start_to_accept(pg):
    owner, wid, plan, hh = furnished(10, size=2)
    p = owner.principal
    names = sorted(hh)
    tables = [run(sp.add_table, p, wid, plan, {"label": f"Table {i}", "capacity": "6"}) for i in (1, 2, 3, 4)]
    first, second = (f"household:{_hid(wid, names[i])}" for i in (0, 1))
    run(sp.add_rule, p, wid, plan, {"kind": "together", "a": first, "b": second})
    run(sp.add_rule, p, wid, plan, {"kind": "apart", "a": f"household:{_hid(wid, names[2])}", "b": first})
    run(sp.assign, p, wid, plan, hh[names[0]], tables[0])
    rid = run(jobs.start_run, p, wid, plan, "optimize", 2)
    states = []
    watcher = threading.Thread(target=lambda: states.append(run(jobs.run_status, p, wid, rid, "en")["status"]))
    watcher.start()
    jobs.execute_run(rid, p)
    watcher.join()
    st = run(jobs.run_status, p, wid, rid, "en")
    assert states == ["running"] and st["status"] == "done" and st["best"] is not None
    assert st["bound"] is None or st["bound"] >= st["best"]
    assert len(st["moves"]) >= 18  # everyone not seated yet gets a table
    assert run(jobs.accept_run, p, wid, rid)["moved"] == len(st["moves"])
    v = run(sp.plan_view, p, wid, plan, "en")
    assert v["totals"]["unassigned"] == 0 and not [x for x in v["violations"] if x["rule_id"]]
    assert run(sp.undo, p, wid, plan) == "Apply the optimizer's proposal"


def _hid(wid, name):
    from models.guests import Household

    with transaction() as s:
        return str(s.exec(select(Household.id).where(Household.wedding_id == wid, Household.name == name)).one())


def test_the_routes_export_the_spec_import_it_back_and_print_in_alphabetical_order(pg, tmp_path):
    owner, wid, plan, hh = furnished(6, size=2)
    p = owner.principal
    t1 = run(sp.add_table, p, wid, plan, {"label": "Table 1", "capacity": "8"})
    t2 = run(sp.add_table, p, wid, plan, {"label": "Table 2", "capacity": "8"})
    names = sorted(hh)
    for i, name in enumerate(names):
        run(sp.assign, p, wid, plan, hh[name], t1 if i % 2 else t2)
    client = TestClient(build_api())
    base = f"/api/v1/weddings/{wid}/seating/{plan}"
    assert client.get(f"{base}/instance.json").status_code == 401
    client.cookies.set("attitudes_session", owner.token)
    res = client.get(f"{base}/instance.json")
    assert res.status_code == 200 and "attachment" in res.headers["content-disposition"]
    data = res.json()
    inst = parse_instance(data)
    assert len(inst.parties) == 6 and {t.name for t in inst.tables} == {"Table 1", "Table 2"}
    # The command-line solver accepts the exported file.
    path = tmp_path / "plan.json"
    path.write_text(res.text)
    solved = subprocess.run(
        [sys.executable, "-m", "attitudes_app.cli", "seating", "solve", str(path), "--time-limit", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(solved.stdout)
    assert result["status"] in ("optimal", "feasible") and set(result["assignment"]) == {p.id for p in inst.parties}
    # Import the solver's result: as a JSON body, then as an uploaded file.
    res = client.post(f"{base}/import", json=result)
    assert res.status_code == 200 and res.json() == {"seated": 12, "unassigned": 0}
    res = client.post(f"{base}/import", files={"file": ("result.json", path.read_bytes(), "application/json")})
    assert res.status_code == 200  # the instance itself: no one is fixed, so everyone is unseated
    assert res.json() == {"seated": 0, "unassigned": 12}
    res = client.post(f"{base}/import", files={"file": ("result.json", json.dumps(result).encode(), "text/plain")})
    assert res.json() == {"seated": 12, "unassigned": 0}
    bad = client.post(f"{base}/import", content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 422 and bad.json()["title"] == "The file is not a seating instance or result."
    full = dict(result, assignment={k: t1 for k in result["assignment"]})
    refused = client.post(f"{base}/import", json=full)
    assert refused.status_code == 422 and refused.json()["title"] == "Table 1 would seat 12 guests but has 8 seats."
    # The printed chart and escort list.
    chart = client.get(f"{base}/chart.pdf")
    escort = client.get(f"{base}/escort-cards.pdf")
    assert chart.content.startswith(b"%PDF") and escort.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(escort.content)).pages)
    listed = [line.rsplit(" Table ", 1)[0] for line in text.splitlines() if " Table " in line]
    assert len(listed) == 12 and listed == sorted(listed, key=str.casefold)
    chart_text = "".join(page.extract_text() for page in PdfReader(BytesIO(chart.content)).pages)
    assert all(t in chart_text for t in ("Table 1", "Table 2"))
    # Someone else's session finds nothing.
    stranger = signup("Sam Stranger")
    client.cookies.set("attitudes_session", stranger.token)
    for path_ in ("instance.json", "chart.pdf", "escort-cards.pdf"):
        assert client.get(f"{base}/{path_}").status_code == 404
    assert client.post(f"{base}/import", json=result).status_code == 404


def test_b_ids_in_a_plans_import_are_refused_and_b_is_untouched(pg):
    a_owner, a_wid, a_plan, a_hh = furnished(2)
    b_owner, b_wid, b_plan, b_hh = furnished(2)
    b_table = run(sp.add_table, b_owner.principal, b_wid, b_plan, {"label": "B table"})
    a_table = run(sp.add_table, a_owner.principal, a_wid, a_plan, {"label": "A table"})
    b_guest = next(iter(b_hh.values()))[0]
    before = run(sp.plan_view, b_owner.principal, b_wid, b_plan, "en")
    for bad in ({"assignment": {b_guest: a_table}}, {"assignment": {next(iter(a_hh.values()))[0]: b_table}}):
        with pytest.raises(ValidationError):
            run(sp.import_assignment, a_owner.principal, a_wid, a_plan, bad)
    assert run(sp.plan_view, b_owner.principal, b_wid, b_plan, "en") == before


def test_any_worker_can_stop_a_long_run_through_the_database_and_it_keeps_the_best_so_far(pg):
    import random
    import time

    from models.seating import SeatingRule

    owner, wid, plan, hh = furnished(13, size=13)  # 169 guests
    p = owner.principal
    for i in range(18):
        run(sp.add_table, p, wid, plan, {"label": f"Table {i + 1}", "capacity": "10"})
    run(sp.update_plan, p, wid, plan, {"keep_households_together": False})
    guests = sorted(g for members in hh.values() for g in members)
    rng = random.Random(7)
    with transaction() as s:
        w = s.get(Wedding, wid)
        for _ in range(400):
            a, b = rng.sample(guests, 2)
            s.add(
                SeatingRule(
                    tenant_id=w.tenant_id,
                    wedding_id=wid,
                    plan_id=plan,
                    kind=rng.choice(("prefer_together", "prefer_apart")),
                    weight=rng.randint(1, 20),
                    a_guest_id=a,
                    b_guest_id=b,
                )
            )
    rid = run(jobs.start_run, p, wid, plan, "optimize", 60)
    worker = threading.Thread(target=jobs.execute_run, args=(rid, p))
    started = time.monotonic()
    worker.start()
    while time.monotonic() - started < 20:  # progress reaches the row while it runs
        st = run(jobs.run_status, p, wid, rid, "en")
        if st["best"] is not None:
            break
        time.sleep(0.2)
    assert st["status"] == "running" and st["best"] is not None and st["current_objective"] == 0
    run(jobs.stop_run, p, wid, rid)  # another transaction, as another worker would
    asked = time.monotonic()
    worker.join(30)
    assert not worker.is_alive() and time.monotonic() - asked < 3
    st = run(jobs.run_status, p, wid, rid, "en")
    assert st["status"] == "stopped" and len(st["moves"]) == 169 and st["best"] > 0
    assert run(jobs.accept_run, p, wid, rid) == {"moved": 169}
    assert run(sp.plan_view, p, wid, plan, "en")["totals"]["unassigned"] == 0


def test_two_people_moving_the_same_table_at_once_one_wins_the_other_is_told(pg):
    owner, wid, plan, hh = furnished(2)
    p = owner.principal
    table = run(sp.add_table, p, wid, plan, {"label": "Table 1"})
    version = run(sp.plan_view, p, wid, plan, "en")["tables"][0]["version"]
    for round_ in range(3):
        results = race(
            [
                lambda x=x, v=version: run(sp.update_table, p, wid, plan, table, {"x": x}, expected_version=v)
                for x in (100 + round_ * 100, 1500 + round_ * 100)
            ]
        )
        [winner] = [r for r in results if not isinstance(r, DomainError)]
        [loser] = [r for r in results if isinstance(r, DomainError)]
        assert isinstance(loser, Conflict)
        assert i18n.render("en", loser.message) == "Someone else changed this in the meantime. Reload and try again."
        view = run(sp.plan_view, p, wid, plan, "en")
        t = view["tables"][0]
        assert t["version"] == version + 1 and t["x"] in (100 + round_ * 100, 1500 + round_ * 100)
        assert winner == view["version"]  # the winner's tab learns the plan's version its move made
        version = t["version"]
