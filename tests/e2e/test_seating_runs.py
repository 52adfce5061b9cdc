"""The seating canvas in Chromium, beyond a plain optimizer run: Stop, Repair after RSVP changes, Import (a good
file and a bad one), plus-ones taking a seat (and the check-in page showing the table), and two-finger pinch zoom.

Every test builds its own wedding through the services and then works only through the browser.
"""

from __future__ import annotations

import json
import random
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from models.seating import SeatingPlan, SeatingRule
from models.weddings import Wedding, WeddingEvent
from services import guest_events, guests
from services.db import transaction
from services.seating import plans
from services.seating.demo import add_households
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.seating_ui import drag, household, open_plan, plan_table, table_count
from tests.e2e.ui import goto
from tests.helpers import configure_backend, new_wedding, signup

DESKTOP = {"width": 1600, "height": 1000}
TABLET = {"width": 1024, "height": 768}


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(live_app, monkeypatch):
    """Camille's reception: Lopez (Ana, who brings Marc, and Luis), Roux (Zoe, Max, Eva), Paul Martin;
    tables "1" (4 seats), "2" (4 seats) and "Small" (2 seats, Paul already there)."""
    configure_backend(monkeypatch, live_app.database_url, live_app.redis_url)
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    p = owner.principal
    day = (date.today() + timedelta(days=200)).isoformat()
    ev = run(guest_events.save_event, p, wid, None, {"name": "Reception", "kind": "reception", "date": day}).id

    def add(first, last, **extra):
        data = {"first_name": first, "last_name": last, f"invited_{ev}": "on", f"rsvp_{ev}": "attending", **extra}
        return run(guests.save_guest, p, wid, None, data)

    ana = add(
        "Ana",
        "Lopez",
        household_name="Lopez family",
        plus_one="named",
        plus_one_name="Marc Blanc",
        **{f"plusone_at_{ev}": "on"},
    )
    luis = add("Luis", "Lopez", household_id=str(ana.household_id))
    zoe = add("Zoe", "Roux", household_name="Roux family")
    max_ = add("Max", "Roux", household_id=str(zoe.household_id))
    eva = add("Eva", "Roux", household_id=str(zoe.household_id))
    paul = add("Paul", "Martin", household_name="Martin")
    plan_id = run(plans.open_plan, p, wid, ev)
    tables = {}
    for label, capacity, x in (("1", 4, 400), ("2", 4, 900), ("Small", 2, 1400)):
        tables[label] = run(
            plans.add_table,
            p,
            wid,
            plan_id,
            {"label": label, "shape": "round", "capacity": capacity, "x": x, "y": 500, "width": 180, "height": 180},
        )
    run(plans.assign, p, wid, plan_id, [str(paul.id)], tables["Small"])
    ids = {"ana": ana.id, "luis": luis.id, "zoe": zoe.id, "max": max_.id, "eva": eva.id, "paul": paul.id}
    return owner, wid, ev, plan_id, tables, ids


def _guest(page: Page, name: str) -> Locator:
    return page.get_by_test_id("unassigned-guest").filter(has_text=name).locator(".guest-grip")


def _viewport_shot(page: Page, name: str) -> None:
    """What the planner sees (the full page is as long as the 150 moves of the proposal)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _seated(page: Page) -> list[str]:
    return page.get_by_test_id("table-count").all_inner_texts()


# ---- plus-ones ------------------------------------------------------------------------------------


def test_a_plus_one_takes_a_seat_and_the_check_in_page_shows_the_table(page: Page, base_url: str, wedding, shoot):
    owner, wid, ev, _, _, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    ana = page.get_by_test_id("unassigned-guest").filter(has_text="Ana Lopez")
    expect(ana.locator(".pill.plus-one")).to_have_text("+1")
    expect(page.get_by_test_id("total-seated")).to_have_text("Seated: 1 / 7")  # Marc counts

    # Small has one free seat: Ana and Marc need two. The table says so while she is dragged over it.
    a, b = _guest(page, "Ana Lopez").bounding_box(), plan_table(page, "Small").bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=20)
    expect(plan_table(page, "Small")).to_have_class(re.compile(r"\bdrop-full\b"))
    page.mouse.up()
    expect(page.get_by_test_id("seating-error")).to_have_text(
        "Small has one free seat: Ana Lopez and their plus-one need two."
    )
    expect(table_count(page, "Small")).to_have_text("1/2")

    drag(page, household(page, "Lopez family"), plan_table(page, "1"))
    expect(table_count(page, "1")).to_have_text("3/4")
    expect(plan_table(page, "1").locator(".seat.companion")).to_have_count(1)
    expect(page.get_by_test_id("total-seated")).to_have_text("Seated: 4 / 7")
    plan_table(page, "1").click()
    marc = page.get_by_test_id("table-guest").filter(has_text="Marc Blanc")
    expect(marc).to_contain_text("Plus-one")
    expect(marc.get_by_label("Move to another table")).to_have_count(0)  # he moves with Ana
    shoot("plus-one-seated")

    # The check-in page on the day: Ana's table, and Marc's.
    goto(page, f"{base_url}/w/{wid}/checkin")
    page.get_by_label("Station name").fill("Door 1")
    page.get_by_test_id("station-save").click()
    expect(page.get_by_test_id("station-name")).to_have_text("Door 1")
    page.get_by_test_id("checkin-search").fill("Lopez")
    page.get_by_test_id("checkin-hit").filter(has_text="Lopez family").click()
    member = page.get_by_test_id("member").filter(has_text="Ana Lopez")
    expect(member).to_contain_text("Table: 1")
    expect(member).to_contain_text("+1: Marc Blanc · table 1")
    expect(page.get_by_test_id("member").filter(has_text="Luis Lopez")).to_contain_text("Table: 1")
    shoot("checkin-table")


# ---- Stop -------------------------------------------------------------------------------------------


@pytest.fixture
def big_wedding(live_app, monkeypatch):
    """150 guests who each come alone, 15 tables of 10, 400 soft rules: the optimizer cannot prove its best
    seating within a minute, so there is time to stop it."""
    configure_backend(monkeypatch, live_app.database_url, live_app.redis_url)
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    p = owner.principal
    rng = random.Random(4)
    with transaction() as s:
        w = s.get(Wedding, wid)
        ev = WeddingEvent(tenant_id=w.tenant_id, wedding_id=w.id, name="Reception", kind="reception")
        s.add(ev)
        s.flush()
        ev_id = ev.id
        add_households(s, w, ev, [(f"Guest{i:03d} household", [f"Person{i:03d}"], "attending") for i in range(150)])
    plan_id = run(plans.open_plan, p, wid, ev_id)
    for n in range(15):
        run(
            plans.add_table,
            p,
            wid,
            plan_id,
            {
                "label": f"T{n + 1}",
                "capacity": "10",
                "x": 150 + (n % 5) * 450,
                "y": 200 + (n // 5) * 450,
                "width": 180,
                "height": 180,
            },
        )
    with transaction() as s:
        plan = s.get(SeatingPlan, plan_id)
        people = [g for g, _ in plans.load_plan_data(s, s.get(Wedding, wid), plan).on_plan.values()]
        pairs = set()
        while len(pairs) < 400:
            a, b = rng.sample(range(len(people)), 2)
            pairs.add((min(a, b), max(a, b)))
        for a, b in sorted(pairs):
            s.add(
                SeatingRule(
                    tenant_id=plan.tenant_id,
                    wedding_id=plan.wedding_id,
                    plan_id=plan.id,
                    kind=rng.choice(("prefer_together", "prefer_apart")),
                    weight=rng.randint(1, 100),
                    a_guest_id=people[a].id,
                    b_guest_id=people[b].id,
                )
            )
    return owner, wid, ev_id


def test_stop_a_running_optimization_keeps_the_plan_unchanged_until_accepted(page: Page, base_url: str, big_wedding):
    owner, wid, ev = big_wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev, tables=15)
    expect(page.get_by_test_id("unassigned-count")).to_have_text("150")
    optimizer = page.get_by_test_id("optimizer")
    optimizer.get_by_label("Time").select_option("60")
    page.get_by_test_id("run-optimizer").click()
    expect(page.get_by_test_id("run-status")).to_have_text("Running")
    expect(page.get_by_test_id("run-best")).to_have_text(re.compile(r"\d"), timeout=20_000)  # progress shows
    _viewport_shot(page, "seating-run-running")
    page.get_by_test_id("run-stop").click()
    expect(page.get_by_test_id("run-status")).to_have_text("Stopped", timeout=15_000)
    expect(page.get_by_test_id("run-stop")).to_have_count(0)
    elapsed = page.get_by_test_id("run-elapsed").inner_text()
    assert float(elapsed.split()[0].replace(",", "")) < 55  # it did not run to its limit
    time.sleep(1.5)
    expect(page.get_by_test_id("run-elapsed")).to_have_text(elapsed)  # progress stopped
    expect(page.get_by_test_id("run-progress")).to_be_visible()
    # The best seating found so far is a proposal; the plan itself is unchanged.
    expect(page.get_by_test_id("run-move").first).to_be_visible()
    expect(page.get_by_test_id("unassigned-count")).to_have_text("150")
    assert set(_seated(page)) == {"0/10"}
    _viewport_shot(page, "seating-run-stopped")
    page.get_by_test_id("run-discard").click()
    expect(page.get_by_test_id("seating-message")).to_have_text("Proposal discarded: nothing changed.")
    expect(page.get_by_test_id("run-optimizer")).to_be_visible()
    goto(page, f"{base_url}/w/{wid}/seating/{ev}")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("150", timeout=15_000)
    assert set(_seated(page)) == {"0/10"}


# ---- Repair -----------------------------------------------------------------------------------------


def test_repair_after_rsvp_changes_moves_only_what_must_change(page: Page, base_url: str, wedding, shoot):
    owner, wid, ev, plan_id, tables, ids = wedding
    p = owner.principal
    run(plans.assign, p, wid, plan_id, [str(ids[k]) for k in ("ana", "luis")], tables["1"])
    run(plans.assign, p, wid, plan_id, [str(ids[k]) for k in ("zoe", "max", "eva")], tables["2"])
    # After the seating: Zoe declines, Max now brings a plus-one, and Nora, a late guest, comes.
    run(guests.save_guest, p, wid, ids["zoe"], {f"invited_{ev}": "on", f"rsvp_{ev}": "declined"})
    run(
        guests.save_guest,
        p,
        wid,
        ids["max"],
        {"plus_one": "unnamed", f"invited_{ev}": "on", f"rsvp_{ev}": "attending", f"plusone_at_{ev}": "on"},
    )
    data = {"first_name": "Nora", "last_name": "Petit", "household_name": "Petit"}
    run(guests.save_guest, p, wid, None, {**data, f"invited_{ev}": "on", f"rsvp_{ev}": "attending"})

    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    expect(table_count(page, "1")).to_have_text("3/4")
    expect(table_count(page, "2")).to_have_text("3/4")  # Zoe's seat is still taken until the plan is repaired
    expect(page.get_by_test_id("violation").filter(has_text="Max Roux's plus-one has no seat yet at 2")).to_be_visible()
    expect(page.get_by_test_id("unassigned-count")).to_have_text("1")

    page.get_by_test_id("optimizer").get_by_label("Mode").select_option("repair")
    page.get_by_test_id("optimizer").get_by_label("Time").select_option("5")
    page.get_by_test_id("run-optimizer").click()
    expect(page.get_by_test_id("run-status")).to_have_text("Finished", timeout=20_000)
    moves = page.get_by_test_id("run-move")
    expect(moves.filter(has_text="Zoe Roux")).to_contain_text("2 → no seat")
    expect(moves.filter(has_text="Guest of Max Roux")).to_contain_text("no seat → 2")
    expect(moves.filter(has_text="Nora Petit")).to_contain_text("no seat →")
    expect(moves).to_have_count(3)  # nobody already seated and still coming changes tables
    expect(page.get_by_test_id("run-moved")).to_have_text("3 guests get a new seat.")
    expect(page.get_by_test_id("run-reseated")).to_have_text("0 guests already seated change tables.")
    shoot("repair")
    page.get_by_test_id("run-accept").click()
    expect(page.get_by_test_id("seating-message")).to_have_text("Proposal accepted: 3 guests moved.")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("0")
    expect(page.get_by_test_id("violation")).to_have_count(0)
    plan_table(page, "2").click()
    details = page.get_by_test_id("table-details")
    expect(details).not_to_contain_text("Zoe Roux")
    expect(details).to_contain_text("Guest of Max Roux")
    plan_table(page, "1").click()
    expect(details).to_contain_text("Ana Lopez")
    expect(details).to_contain_text("Marc Blanc")
    assert sum(int(t.split("/")[0]) for t in _seated(page)) == 8  # Lopez 3, Roux 3, Paul, Nora


# ---- Import -----------------------------------------------------------------------------------------


def _import(page: Page, path) -> None:
    """Open the Import dialog afresh (closing one left open, and waiting until it is gone), choose the file, import."""
    dialog = page.get_by_role("dialog")
    if dialog.count():
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
    page.get_by_role("button", name="Import").first.click()
    expect(dialog).to_have_attribute("data-state", "open")
    dialog.locator('input[type="file"]').set_input_files(str(path))
    expect(dialog.get_by_text(Path(path).name)).to_be_visible()  # the chosen file is listed
    dialog.get_by_role("button", name="Import").click()


def test_import_a_plan_file_and_a_bad_file_changes_nothing(page: Page, base_url: str, wedding, tmp_path, shoot):
    owner, wid, ev, _, tables, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    page.get_by_test_id("print-menu").click()
    export = page.get_by_test_id("export-plan").get_attribute("href")
    page.keyboard.press("Escape")
    spec = page.request.get(export).json()
    party = {p["name"]: p["id"] for p in spec["parties"]}
    assert {p["name"]: p["size"] for p in spec["parties"]} == {"Lopez family": 3, "Roux family": 3, "Martin": 1}

    # A solver's result in the spec format: Roux at 1, Lopez at 2, Paul stays.
    good = tmp_path / "result.json"
    result = {
        "status": "feasible",
        "objective": 0,
        "bound": None,
        "elapsed_s": 0.1,
        "conflicts": [],
        "assignment": {
            party["Roux family"]: tables["1"],
            party["Lopez family"]: tables["2"],
            party["Martin"]: tables["Small"],
        },
    }
    good.write_text(json.dumps(result))
    _import(page, good)
    expect(page.get_by_test_id("import-message")).to_have_text("Imported: 7 seated, 0 without a seat.")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(table_count(page, "1")).to_have_text("3/4")
    expect(table_count(page, "2")).to_have_text("3/4")  # Ana, Marc, Luis
    expect(table_count(page, "Small")).to_have_text("1/2")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("0")
    shoot("imported")

    # A file that names a table of another plan: refused with the reason, nothing changes.
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**result, "assignment": {party["Roux family"]: "t-unknown"}}))
    _import(page, bad)
    expect(page.get_by_test_id("import-error")).to_have_text(
        "The file names t-unknown, which is no table of this plan."
    )
    expect(page.get_by_test_id("import-message")).to_have_count(0)
    # Too many people for a table: refused as a whole.
    crowded = tmp_path / "crowded.json"
    crowded.write_text(json.dumps({**result, "assignment": {party["Roux family"]: tables["Small"]}}))
    _import(page, crowded)
    expect(page.get_by_test_id("import-error")).to_have_text("Small would seat 3 guests but has 2 seats.")
    # Not JSON at all.
    junk = tmp_path / "junk.json"
    junk.write_text("tables: 1, 2")
    _import(page, junk)
    expect(page.get_by_test_id("import-error")).to_have_text("This file is not JSON.")
    shoot("import-refused")
    page.keyboard.press("Escape")
    goto(page, f"{base_url}/w/{wid}/seating/{ev}")
    expect(table_count(page, "1")).to_have_text("3/4", timeout=15_000)
    expect(table_count(page, "2")).to_have_text("3/4")
    expect(table_count(page, "Small")).to_have_text("1/2")


# ---- pinch zoom ---------------------------------------------------------------------------------------


def _zoom(page: Page) -> float:
    return float(page.locator(".zoom-value").inner_text().rstrip("%"))


def test_two_fingers_pinch_zoom_around_their_centre_and_one_finger_still_drags(
    browser: Browser, base_url: str, wedding
):
    owner, wid, ev, _, _, _ = wedding
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    open_plan(page, base_url, owner, wid, ev)
    touch = context.new_cdp_session(page)

    def send(kind: str, points: list[tuple[float, float]]) -> None:
        touch.send(
            "Input.dispatchTouchEvent",
            {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]},
        )

    box = page.get_by_test_id("seating-viewport").bounding_box()
    table = plan_table(page, "2")
    before = _zoom(page)
    t0 = table.bounding_box()
    # Fingers either side of table 2's centre, moving apart: the view zooms in around that point.
    cx, cy = t0["x"] + t0["width"] / 2, t0["y"] + t0["height"] / 2
    assert box["x"] < cx < box["x"] + box["width"]
    send("touchStart", [(cx - 40, cy)])
    send("touchStart", [(cx - 40, cy), (cx + 40, cy)])
    for i in range(1, 11):
        d = 40 + 6 * i
        send("touchMove", [(cx - d, cy), (cx + d, cy)])
    send("touchEnd", [])
    after = _zoom(page)
    assert after > before * 1.3, (before, after)
    t1 = table.bounding_box()
    assert t1["width"] > t0["width"] * 1.3
    # The point between the fingers stayed put: table 2's centre is still under it.
    assert abs(t1["x"] + t1["width"] / 2 - cx) < 15 and abs(t1["y"] + t1["height"] / 2 - cy) < 15
    # The pinch moved no table (its first finger started on one): nothing was saved.
    expect(page.get_by_test_id("seating-message")).to_have_count(0)
    # Pinching in zooms out again.
    send("touchStart", [(cx - 100, cy)])
    send("touchStart", [(cx - 100, cy), (cx + 100, cy)])
    for i in range(1, 11):
        d = 100 - 8 * i
        send("touchMove", [(cx - d, cy), (cx + d, cy)])
    send("touchEnd", [])
    assert _zoom(page) < after * 0.7

    # One finger still drags a household onto a table.
    a = household(page, "Roux family").bounding_box()
    b = plan_table(page, "1").bounding_box()
    start = (a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    end = (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
    send("touchStart", [start])
    for i in range(1, 21):
        send("touchMove", [(start[0] + (end[0] - start[0]) * i / 20, start[1] + (end[1] - start[1]) * i / 20)])
    send("touchEnd", [])
    expect(table_count(page, "1")).to_have_text("3/4")
    # And one finger on the empty floor pans the view.
    t2 = table.bounding_box()
    fx, fy = box["x"] + box["width"] - 30, box["y"] + box["height"] - 30
    send("touchStart", [(fx, fy)])
    for i in range(1, 11):
        send("touchMove", [(fx - 10 * i, fy - 5 * i)])
    send("touchEnd", [])
    t3 = table.bounding_box()
    assert abs((t2["x"] - t3["x"]) - 100) < 3 and abs((t2["y"] - t3["y"]) - 50) < 3
    context.close()
