"""Check-in on the day, on a staff phone, and the live counts on the couple's dashboard."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import segno
from playwright.sync_api import Browser, BrowserType, Page, expect
from sqlmodel import select

from models.guests import Household
from services import guest_events, guests
from services.db import transaction
from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tests.e2e.ui import goto, log_in
from tests.helpers import BASE_URL, PASSWORD, configure_backend, invite_member, new_wedding, signup

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(live_app, monkeypatch):
    """A couple and their planner; a reception; the Lopez household (Ana +1 vegan, Luis undecided) and Paul Martin."""
    configure_backend(monkeypatch, live_app.database_url, live_app.redis_url)
    owner = signup("Camille Martin")
    wid = new_wedding(owner.principal)
    planner = invite_member(owner, wid, "planner", name="Sam Planner")
    p = owner.principal
    day = (date.today() + timedelta(days=200)).isoformat()
    ev = run(guest_events.save_event, p, wid, None, {"name": "Reception", "kind": "reception", "date": day}).id

    def add(first, last, status, **extra):
        data = {"first_name": first, "last_name": last, f"invited_{ev}": "on", f"rsvp_{ev}": status, **extra}
        return run(guests.save_guest, p, wid, None, data)

    ana = add(
        "Ana",
        "Lopez",
        "attending",
        household_name="Lopez family",
        diet_vegan="on",
        plus_one="named",
        plus_one_name="Marc",
        **{f"plusone_at_{ev}": "on"},
    )
    add("Luis", "Lopez", "pending", household_id=str(ana.household_id))
    add("Paul", "Martin", "attending", household_name="Martin")
    return owner, planner, wid


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _counter(page: Page):
    return page.get_by_test_id("checkin-arrivals")


def _station(page: Page, name: str) -> None:
    page.get_by_label("Station name").fill(name)
    page.get_by_test_id("station-save").click()
    expect(page.get_by_test_id("station-name")).to_have_text(name)


def _open_household(page: Page, typed: str, name: str) -> None:
    page.get_by_test_id("checkin-search").fill(typed)
    page.get_by_test_id("checkin-hit").filter(has_text=name).click()
    expect(page.get_by_test_id("household-name")).to_have_text(name)


def test_check_in_by_name_on_a_phone_then_a_second_station_sees_when_and_where(
    page: Page, browser: Browser, base_url: str, wedding, shoot
):
    owner, planner, wid = wedding
    page.set_viewport_size(PHONE)
    log_in(page, base_url, owner.email, PASSWORD)
    goto(page, f"{base_url}/w/{wid}/checkin")
    _station(page, "Door 1")
    expect(_counter(page)).to_have_text("0 / 4")  # Ana, her plus-one Marc, Luis, Paul

    # A typo still finds the household; the card says who is expected, their diet, no table yet.
    _open_household(page, "lopz", "Lopez family")
    members = page.get_by_test_id("member")
    expect(members).to_have_count(2)
    expect(members.first).to_contain_text("Ana Lopez")
    expect(members.first).to_contain_text("+1: Marc")
    expect(members.first).to_contain_text("Vegan")
    expect(members.first).to_contain_text("Table: —")
    expect(members.nth(1)).to_contain_text("Pending")
    shoot("household")

    page.get_by_test_id("checkin-all").click()
    expect(page.get_by_test_id("checkin-message")).to_have_text("Ana Lopez, Luis Lopez checked in.")
    expect(_counter(page)).to_have_text("3 / 4")
    expect(page.get_by_test_id("arrived-label")).to_have_count(2)
    expect(page.get_by_test_id("checkin-all")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot("checked-in")

    # The planner at the other door looks the household up: already in, when and where.
    other = browser.new_context(viewport=PHONE)
    door2 = other.new_page()
    log_in(door2, base_url, planner.email, PASSWORD)
    goto(door2, f"{base_url}/w/{wid}/checkin")
    _station(door2, "Door 2")
    expect(_counter(door2)).to_have_text("3 / 4")
    _open_household(door2, "Ana", "Lopez family")
    notices = door2.get_by_test_id("checkin-notice")
    expect(notices).to_have_count(2)
    expect(notices.first).to_contain_text(
        re.compile(r"Ana Lopez: already checked in at \d{1,2}:\d{2}.* by station Door 1")
    )
    _shot(door2, "checkin-second-station")
    other.close()

    # Undo asks first, then the counter goes back.
    page.get_by_test_id("undo-member").nth(1).click()
    expect(page.get_by_role("alertdialog")).to_contain_text("Luis Lopez will count as not arrived again.")
    page.get_by_test_id("undo-confirm").click()
    expect(page.get_by_test_id("checkin-message")).to_have_text("Check-in of Luis Lopez undone.")
    expect(_counter(page)).to_have_text("2 / 4")


def test_dashboard_counts_update_live_from_another_browser(browser: Browser, base_url: str, wedding):
    owner, planner, wid = wedding
    couple = browser.new_context(viewport=DESKTOP)
    dashboard = couple.new_page()
    log_in(dashboard, base_url, owner.email, PASSWORD)
    goto(dashboard, f"{base_url}/w/{wid}")
    expect(dashboard.get_by_test_id("guests-attending")).to_have_text("2")
    expect(dashboard.get_by_test_id("live-badge")).to_be_visible()
    expect(dashboard.get_by_test_id("arrivals-card")).to_have_count(0)  # nobody checked in yet
    dashboard.evaluate("window.__no_reload = true")

    staff = browser.new_context(viewport=DESKTOP)
    planner_page = staff.new_page()
    log_in(planner_page, base_url, planner.email, PASSWORD)
    # An answer changes through the guest page's inline RSVP edit...
    goto(planner_page, f"{base_url}/w/{wid}/guests")
    row = planner_page.get_by_test_id("guest-row").filter(has_text="Luis Lopez")
    row.locator(".row-edit").click()
    planner_page.get_by_test_id("inline-edit").get_by_label("Reception").select_option("attending")
    expect(dashboard.get_by_test_id("guests-attending")).to_have_text("3", timeout=8_000)

    # ...and a check-in at the door shows up as arrivals.
    goto(planner_page, f"{base_url}/w/{wid}/checkin")
    _station(planner_page, "Door 2")
    _open_household(planner_page, "martin", "Martin")
    planner_page.get_by_test_id("checkin-member").first.click()
    expect(planner_page.get_by_test_id("checkin-message")).to_have_text("Paul Martin checked in.")
    expect(dashboard.get_by_test_id("dashboard-arrivals")).to_have_text("1 / 4", timeout=8_000)
    assert dashboard.evaluate("window.__no_reload === true"), "the dashboard must not have reloaded"
    _shot(dashboard, "checkin-dashboard-live")
    staff.close()
    couple.close()


def _qr_video(text: str, path: Path) -> Path:
    """A few grey frames showing the QR code of `text`, as Chromium's fake camera plays them (YUV4MPEG2)."""
    width, height, scale = 640, 480, 8
    matrix = segno.make(text, error="m").matrix
    size = len(matrix) * scale
    left, top = (width - size) // 2, (height - size) // 2
    luma = bytearray([235]) * (width * height)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                for y in range(top + r * scale, top + (r + 1) * scale):
                    start = y * width + left + c * scale
                    luma[start : start + scale] = bytes(scale)
    chroma = bytes([128]) * (width * height // 4)
    with path.open("wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F5:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(5):
            f.write(b"FRAME\n" + bytes(luma) + chroma + chroma)
    return path


def test_the_camera_reads_the_invitation_qr_code(browser_type: BrowserType, base_url: str, wedding, tmp_path):
    owner, planner, wid = wedding
    with transaction() as s:
        household = s.exec(select(Household).where(Household.wedding_id == wid, Household.name == "Lopez family")).one()
    token = run(guests.issue_household_token, owner.principal, wid, household.id)
    video = _qr_video(f"{BASE_URL}/rsvp/{token}", tmp_path / "qr.y4m")
    camera = browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(viewport=PHONE, permissions=["camera"])
        page = context.new_page()
        log_in(page, base_url, owner.email, PASSWORD)
        goto(page, f"{base_url}/w/{wid}/checkin")
        _station(page, "Door 1")
        page.get_by_test_id("scan-toggle").click()
        expect(page.get_by_test_id("household-name")).to_have_text("Lopez family", timeout=10_000)
        expect(page.get_by_test_id("member")).to_have_count(2)
        page.get_by_test_id("scan-toggle").click()  # camera off
        _shot(page, "checkin-scanned")
    finally:
        camera.close()
