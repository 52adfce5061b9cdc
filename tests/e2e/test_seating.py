"""The seating canvas in Chromium: dragging households onto tables, live collaboration, refusals, keyboard, optimizer.

Every test builds its own wedding through the services (a couple, their planner, a reception with a few
households and three tables) and then works only through the browser, as a planner would.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from services import guest_events, guests
from services.db import transaction
from services.seating import plans
from tests.e2e.seating_ui import drag, household, open_plan, plan_table, table_count
from tests.e2e.ui import goto
from tests.helpers import configure_backend, invite_member, new_wedding, signup

DESKTOP = {"width": 1600, "height": 1000}
TABLET = {"width": 1024, "height": 768}


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(live_app, monkeypatch):
    """Camille (owner) and Sam (planner); a reception: Lopez (Ana, Luis), Roux (Zoe, Max, Eva), Paul Martin;
    tables "1" (4 seats), "2" (4 seats) and "Small" (1 seat, Paul already there)."""
    configure_backend(monkeypatch, live_app.database_url, live_app.redis_url)
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    planner = invite_member(owner, wid, "planner", name="Sam Planner")
    p = owner.principal
    day = (date.today() + timedelta(days=200)).isoformat()
    ev = run(guest_events.save_event, p, wid, None, {"name": "Reception", "kind": "reception", "date": day}).id

    def add(first, last, **extra):
        data = {"first_name": first, "last_name": last, f"invited_{ev}": "on", f"rsvp_{ev}": "attending", **extra}
        return run(guests.save_guest, p, wid, None, data)

    ana = add("Ana", "Lopez", household_name="Lopez family")
    add("Luis", "Lopez", household_id=str(ana.household_id))
    zoe = add("Zoe", "Roux", household_name="Roux family")
    add("Max", "Roux", household_id=str(zoe.household_id))
    add("Eva", "Roux", household_id=str(zoe.household_id))
    paul = add("Paul", "Martin", household_name="Martin")
    plan_id = run(plans.open_plan, p, wid, ev)
    tables = {}
    for label, capacity, x in (("1", 4, 400), ("2", 4, 900), ("Small", 1, 1400)):
        tables[label] = run(
            plans.add_table,
            p,
            wid,
            plan_id,
            {"label": label, "shape": "round", "capacity": capacity, "x": x, "y": 500, "width": 180, "height": 180},
        )
    run(plans.assign, p, wid, plan_id, [str(paul.id)], tables["Small"])
    return owner, planner, wid, ev, plan_id, tables


def test_drag_a_household_onto_a_table_is_saved_and_seen_live_with_presence(
    page: Page, browser: Browser, base_url: str, wedding, shoot
):
    owner, planner, wid, ev, _, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    expect(page.get_by_test_id("unassigned-count")).to_have_text("5")

    other = browser.new_context(viewport=TABLET)
    sam = other.new_page()
    open_plan(sam, base_url, planner, wid, ev)
    expect(table_count(sam, "1")).to_have_text("0/4")
    # Each sees the other one looking at the plan.
    expect(sam.get_by_test_id("presence")).to_contain_text("Camille Martin", timeout=5_000)
    expect(page.get_by_test_id("presence")).to_contain_text("Sam Planner", timeout=5_000)

    drag(page, household(page, "Lopez family"), plan_table(page, "1"))
    expect(table_count(page, "1")).to_have_text("2/4")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("3")
    expect(page.get_by_test_id("seating-message")).to_contain_text("2 guests are now at 1.")

    # The planner's canvas follows within a couple of seconds, and shows Camille's cursor.
    expect(table_count(sam, "1")).to_have_text("2/4", timeout=2_500)
    expect(sam.get_by_test_id("unassigned-count")).to_have_text("3")
    page.mouse.move(700, 500)
    page.mouse.move(760, 540, steps=5)
    expect(sam.get_by_test_id("peer-cursor")).to_contain_text("Camille Martin", timeout=5_000)
    sam.screenshot(path=str(shoot("owner").parent / "seating-planner-tablet.png"), full_page=True)

    # The planner moves table 2: Camille sees it move.
    before = page.evaluate("() => document.querySelector('[data-label=\"2\"]').style.left")
    plan_table(sam, "2").focus()
    sam.keyboard.press("ArrowRight")
    sam.keyboard.press("ArrowRight")
    expect(plan_table(page, "2")).not_to_have_attribute(
        "style", re.compile(rf"left: {re.escape(before)}"), timeout=2_500
    )
    other.close()

    # Saved: a reload shows the same seating.
    goto(page, f"{base_url}/w/{wid}/seating/{ev}")
    expect(table_count(page, "1")).to_have_text("2/4")
    plan_table(page, "1").click()
    expect(page.get_by_test_id("table-guest")).to_have_count(2)
    expect(page.get_by_test_id("table-details")).to_contain_text("Ana Lopez")
    shoot("owner")


def _left(page: Page, label: str) -> float:
    return float(plan_table(page, label).evaluate("el => parseFloat(el.style.left)"))


def test_dragged_tables_keep_their_guests_and_place_and_drops_follow_moves_without_conflicts(
    page: Page, browser: Browser, base_url: str, wedding
):
    """A move sends only the floor (the guests travel apart): the moved table still shows who sits there, the
    next drag of the same table is not refused as stale, and another browser sees the move."""
    owner, planner, wid, ev, _, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    other = browser.new_context(viewport=DESKTOP)
    sam = other.new_page()
    open_plan(sam, base_url, planner, wid, ev)
    expect(plan_table(page, "Small").locator(".seat.taken")).to_have_attribute("title", "Paul Martin")

    start = _left(page, "Small")
    for _ in range(3):  # three drags in a row, at a person's pace: each one saved from the version the last left
        box = plan_table(page, "Small").locator(".table-top").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 + 60, steps=10)
        page.mouse.up()
        expect(page.get_by_test_id("seating-message")).to_have_count(0)
        expect(plan_table(page, "Small").locator(".seat.taken")).to_have_attribute("title", "Paul Martin")
        page.wait_for_timeout(400)
    expect(page.get_by_test_id("seating-error")).to_have_count(0)
    drag(page, household(page, "Roux family"), plan_table(page, "2"))
    expect(table_count(page, "2")).to_have_text("3/4")
    expect(page.get_by_test_id("seating-error")).to_have_count(0)
    moved_top = float(plan_table(page, "Small").evaluate("el => parseFloat(el.style.top)"))
    assert _left(page, "Small") == start and moved_top > 500 - 90  # the drags went down, not sideways

    # The planner's canvas follows: the table moved and Roux sit at table 2.
    expect(table_count(sam, "2")).to_have_text("3/4", timeout=2_500)
    expect(plan_table(sam, "Small")).to_have_attribute("style", re.compile(rf"top: {moved_top:g}px"), timeout=2_500)
    other.close()

    goto(page, f"{base_url}/w/{wid}/seating/{ev}")  # saved
    expect(table_count(page, "2")).to_have_text("3/4")
    expect(plan_table(page, "Small")).to_have_attribute("style", re.compile(rf"top: {moved_top:g}px"))
    expect(plan_table(page, "Small").locator(".seat.taken")).to_have_attribute("title", "Paul Martin")


def test_a_drop_on_a_full_table_is_refused_with_the_reason(page: Page, base_url: str, wedding):
    owner, _, wid, ev, _, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    drag(page, household(page, "Roux family"), plan_table(page, "Small"))
    expect(page.get_by_test_id("seating-error")).to_have_text("Small is full.")
    expect(table_count(page, "Small")).to_have_text("1/1")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("5")

    drag(page, household(page, "Lopez family"), plan_table(page, "1"))
    expect(table_count(page, "1")).to_have_text("2/4")
    expect(page.get_by_test_id("seating-error")).to_have_count(0)
    # Three guests on a table with two free seats: refused as a whole, with the numbers.
    drag(page, household(page, "Roux family"), plan_table(page, "1"))
    expect(page.get_by_test_id("seating-error")).to_have_text("1 has 2 free seats; these 3 guests need 3.")
    expect(table_count(page, "1")).to_have_text("2/4")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("3")


def test_keyboard_seats_a_guest_and_undo_redo_restore(page: Page, base_url: str, wedding):
    owner, _, wid, ev, _, _ = wedding
    page.set_viewport_size(TABLET)
    open_plan(page, base_url, owner, wid, ev)
    page.get_by_label("Select Zoe Roux").check()
    page.get_by_label("Seat the selected guests at").select_option(label="2 (4 free)")
    page.get_by_test_id("seat-at-submit").click()
    expect(table_count(page, "2")).to_have_text("1/4")
    expect(page.get_by_test_id("unassigned-guest").filter(has_text="Zoe Roux")).to_have_count(0)

    # A ticked guest and Enter on a focused table.
    page.get_by_label("Select Max Roux").check()
    plan_table(page, "1").focus()
    page.keyboard.press("Enter")
    expect(table_count(page, "1")).to_have_text("1/4")

    page.get_by_test_id("undo").click()
    expect(table_count(page, "1")).to_have_text("0/4")
    expect(page.get_by_test_id("seating-message")).to_contain_text("Undone: Seat Max Roux at 1")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+z")
    expect(table_count(page, "2")).to_have_text("0/4")
    page.keyboard.press("Control+Shift+z")
    expect(table_count(page, "2")).to_have_text("1/4")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("4")


def test_optimizer_shows_progress_and_a_diff_then_accept_changes_the_plan(page: Page, base_url: str, wedding, shoot):
    owner, _, wid, ev, _, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    optimizer = page.get_by_test_id("optimizer")
    optimizer.get_by_label("Time").select_option("5")
    page.get_by_test_id("run-optimizer").click()
    expect(page.get_by_test_id("run-progress")).to_be_visible()
    expect(page.get_by_test_id("run-status")).to_have_text("Finished", timeout=20_000)
    expect(page.get_by_test_id("run-best")).to_have_text(re.compile(r"\d"))
    moves = page.get_by_test_id("run-move")
    expect(moves.filter(has_text="Ana Lopez")).to_contain_text("no seat →")
    expect(moves.filter(has_text="Eva Roux")).to_contain_text("no seat →")
    count = moves.count()
    assert count >= 5  # every unseated guest gets a seat (Paul may change tables too)
    expect(page.get_by_test_id("run-moved")).to_have_text(f"{count} guests get a new seat.")
    shoot("proposal")
    page.get_by_test_id("run-accept").click()
    expect(page.get_by_test_id("seating-message")).to_have_text(f"Proposal accepted: {count} guests moved.")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("0")
    seated = sum(int(t.split("/")[0]) for t in page.get_by_test_id("table-count").all_inner_texts())
    assert seated == 6
    # One undo takes the whole proposal back.
    page.get_by_test_id("undo").click()
    expect(page.get_by_test_id("unassigned-count")).to_have_text("5")

    # The export and the printouts behind the "Print and export" menu answer with the plan's data.
    page.get_by_test_id("print-menu").click()
    export = page.get_by_test_id("export-plan").get_attribute("href")
    chart = page.get_by_test_id("chart-pdf").get_attribute("href")
    data = page.request.get(export).json()
    assert len(data["tables"]) == 3 and sum(p["size"] for p in data["parties"]) == 6
    assert page.request.get(chart).body().startswith(b"%PDF")


def test_a_broken_rule_shows_a_red_link_and_in_the_list_until_removed(page: Page, base_url: str, wedding):
    owner, _, wid, ev, _, _ = wedding
    page.set_viewport_size(DESKTOP)
    open_plan(page, base_url, owner, wid, ev)
    drag(page, household(page, "Lopez family"), plan_table(page, "1"))
    expect(table_count(page, "1")).to_have_text("2/4")
    drag(
        page,
        page.get_by_test_id("unassigned-guest").filter(has_text="Zoe Roux").locator(".guest-grip"),
        plan_table(page, "1"),
    )
    expect(table_count(page, "1")).to_have_text("3/4")
    expect(page.get_by_test_id("violation-link")).to_have_count(0)

    rules = page.get_by_test_id("rules")
    rules.get_by_label("Rule").select_option(label="Must sit apart")
    rules.get_by_label("Who").select_option(label="Lopez family")
    rules.get_by_label("With").select_option(label="Zoe Roux")
    page.get_by_test_id("add-rule").click()
    rule = page.get_by_test_id("rule")
    expect(rule).to_contain_text("Lopez family · Zoe Roux")
    expect(rule).to_contain_text("Broken")
    expect(page.get_by_test_id("violation").filter(has_text="should sit apart but both sit at 1")).to_be_visible()
    expect(page.get_by_test_id("violation-link")).to_have_count(1)

    # Lock Ana to table 1 from the table's details: the optimizer and drags keep her there.
    plan_table(page, "1").click()
    ana = page.get_by_test_id("table-guest").filter(has_text="Ana Lopez")
    ana.get_by_role("button", name="Lock to this table").click()
    expect(ana.get_by_role("button", name="Unlock")).to_be_visible()
    ana.get_by_label("Move to another table").select_option(label="2 (4)")
    expect(page.get_by_test_id("seating-error")).to_have_text("Ana Lopez is locked to 1. Unlock them first.")

    rule.get_by_role("button", name="Remove the rule").click()
    expect(page.get_by_test_id("rule")).to_have_count(0)
    expect(page.get_by_test_id("violation-link")).to_have_count(0)

    # A seated guest dragged from table 1 to table 2: the Lopez household is now split (a red link).
    drag(page, plan_table(page, "1").locator('.seat.taken[title="Luis Lopez"]'), plan_table(page, "2"))
    expect(table_count(page, "2")).to_have_text("1/4")
    expect(table_count(page, "1")).to_have_text("2/4")
    expect(page.get_by_test_id("violation").filter(has_text="Lopez family is split between 1 and 2")).to_be_visible()
    expect(page.get_by_test_id("violation-link")).to_have_count(1)


def test_a_finger_drags_a_household_onto_a_table_on_a_tablet(browser: Browser, base_url: str, wedding):
    owner, _, wid, ev, _, _ = wedding
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    open_plan(page, base_url, owner, wid, ev)
    a = household(page, "Roux family").bounding_box()
    b = plan_table(page, "2").bounding_box()
    start = (a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    end = (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
    touch = context.new_cdp_session(page)  # real touch input: the browser turns it into pointer events
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for i in range(1, 21):
        x = start[0] + (end[0] - start[0]) * i / 20
        y = start[1] + (end[1] - start[1]) * i / 20
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    expect(table_count(page, "2")).to_have_text("3/4")
    expect(page.get_by_test_id("unassigned-count")).to_have_text("2")
    context.close()
