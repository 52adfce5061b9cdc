"""axe-core on every page: no serious or critical accessibility violation. Screenshots for people to look at.

axe-core is installed next to the app's tools (not in git):
    npm install --prefix .tools/axe --no-audit --no-fund axe-core@4.14.1
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.ui import ADMIN, DEMO, demo_wedding_id, goto, log_in

VENDOR = ("vendor@attitudes.vip", "vendor-photos-2027")  # the demo photographer (services/vendor_demo.py)

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools/axe/node_modules/axe-core/axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Screen:
    path: str  # {w} is the demo wedding's id
    account: tuple[str, str] | None
    ready: Callable[[Page], None]


def _heading(name: str) -> Callable[[Page], None]:
    return lambda page: expect(page.get_by_role("heading", name=name)).to_be_visible()


def _test_id(test_id: str) -> Callable[[Page], None]:
    return lambda page: expect(page.get_by_test_id(test_id)).to_be_visible()


def _locator(selector: str) -> Callable[[Page], None]:
    return lambda page: expect(page.locator(selector)).to_be_visible()


def _text(text: str) -> Callable[[Page], None]:
    return lambda page: expect(page.get_by_text(text)).to_be_visible()


SCREENS = {
    "landing": Screen("/", None, _heading("Plan the whole wedding in one place.")),
    "login": Screen("/login", None, _heading("Welcome back")),
    "signup": Screen("/signup", None, _heading("Create your account")),
    "forgot": Screen("/forgot", None, _heading("Reset your password")),
    "weddings": Screen("/weddings", DEMO, _heading("Camille & Alex")),
    "onboarding": Screen("/onboarding", DEMO, _heading("Tell us about your wedding")),
    "dashboard": Screen("/w/{w}", DEMO, _test_id("countdown")),
    "settings": Screen("/w/{w}/settings", DEMO, _locator("#settings-save")),
    "team": Screen("/w/{w}/team", DEMO, _locator("#invite-submit")),
    "guests": Screen("/w/{w}/guests", DEMO, _test_id("guest-total")),
    "guest-import": Screen("/w/{w}/guests/import", DEMO, _locator("#import-upload")),
    "checkin": Screen("/w/{w}/checkin", DEMO, _test_id("checkin-arrivals")),
    "budget": Screen("/w/{w}/budget", DEMO, _test_id("what-if")),
    "checklist": Screen("/w/{w}/checklist", DEMO, _test_id("checklist")),
    "timeline": Screen("/w/{w}/timeline", DEMO, _test_id("timeline-summary")),
    "timeline-bad-token": Screen("/timeline/not-a-real-token", None, _test_id("share-problem")),
    "outbox": Screen("/admin/outbox", ADMIN, _heading("Email outbox")),
    "rsvp": Screen("/rsvp/{rsvp}", None, _test_id("rsvp-couple")),  # a demo household's private link
    "rsvp-find": Screen("/rsvp/find/{w}", None, _locator("#find-submit")),
    "rsvp-bad-token": Screen("/rsvp/not-a-real-token", None, _test_id("rsvp-invalid")),
    "invite-bad-token": Screen("/invite/not-a-real-token", None,
                               _text("This invitation link is not valid. Ask for a new one.")),
    "bookings": Screen("/w/{w}/bookings", DEMO, _test_id("quotes")),  # the demo photographer, booked
    "vendor-requests": Screen("/vendor/requests", VENDOR, _locator("[data-testid=request-card] >> nth=0")),
    "vendor-messages": Screen("/vendor/messages", VENDOR, _locator("[data-testid=thread-item] >> nth=0")),
    "admin-reviews": Screen("/admin/reviews", ADMIN, _heading("Reviews")),
    # The vendor's own area (demo photographer) and the couple's marketplace, a vendor's page, the comparison.
    "vendor-profile": Screen("/vendor", VENDOR, _locator("#vendor-save")),
    "vendor-calendar": Screen("/vendor/calendar", VENDOR, _test_id("cal-month")),
    "vendor-team": Screen("/vendor/team", VENDOR, _locator("#vendor-invite")),
    "marketplace": Screen("/w/{w}/vendors", DEMO, _test_id("ranking-formula")),
    "vendor-detail": Screen("/w/{w}/vendors", DEMO, lambda page: _first_vendor_page(page)),
    "vendor-compare": Screen("/w/{w}/vendors/compare", DEMO, _test_id("compare-table")),
    # Seating: the plans of the demo wedding, and the canvas of its reception (opened from that list).
    "seating": Screen("/w/{w}/seating", DEMO, _test_id("plan-list")),
    "seating-plan": Screen("/w/{w}/seating", DEMO, lambda page: _demo_seating_plan(page)),
    # Contracts: the vendor's list and a contract, the admin queue and the review page (a diff), the couple's list.
    "vendor-contracts": Screen("/vendor/contracts", VENDOR, _test_id("upload-contract")),
    "vendor-contract": Screen("/vendor/contracts", VENDOR, lambda page: _first_contract(page, "Submitted")),
    "admin-contracts": Screen("/admin/contracts", ADMIN, _test_id("queue-count")),
    "admin-contract": Screen("/admin/contracts", ADMIN, lambda page: _first_contract(page, "In review")),
    "couple-contracts": Screen("/w/{w}/contracts", DEMO, _text("No contracts to sign yet.")),
}


def _first_contract(page: Page, status: str) -> None:
    page.get_by_role("row").filter(has_text=status).get_by_role("link").first.click()
    expect(page.get_by_test_id("contract-status")).to_have_text(status)


def _demo_seating_plan(page: Page) -> None:
    row = page.get_by_test_id("plan-row").filter(has_text="Open the seating plan").first
    row.get_by_test_id("open-plan").click()
    expect(page.get_by_test_id("seating-table").first).to_be_visible()


def _first_vendor_page(page: Page) -> None:
    page.get_by_test_id("vendor-link").first.click()
    expect(page.get_by_test_id("vendor-name")).to_be_visible()


@pytest.fixture(scope="module")
def sessions(browser: Browser, base_url: str) -> dict:
    """Log each account in once; every test then starts with those cookies (server-side sessions)."""
    out: dict = {}
    for account in (DEMO, ADMIN, VENDOR):
        context = browser.new_context()
        page = context.new_page()
        if account == VENDOR:  # a vendor-only account lands on /vendor, not /weddings
            goto(page, f"{base_url}/login")
            page.get_by_label("Email").fill(account[0])
            page.get_by_label("Password").fill(account[1])
            page.locator("#login-submit").click()
            page.wait_for_url(re.compile(r".*/vendor/?$"))
        else:
            log_in(page, base_url, *account)
        if account == DEMO:
            out["wedding_id"] = demo_wedding_id(page)
            goto(page, f"{base_url}/w/{out['wedding_id']}/guests")  # one household's RSVP link, as the couple copies it
            page.locator(".household-link").first.click()
            expect(page.get_by_test_id("link-url")).to_have_value(re.compile(r".*/rsvp/.{32}$"))
            out["rsvp"] = page.get_by_test_id("link-url").input_value().rsplit("/", 1)[1]
        out[account] = context.cookies()
        context.close()
    return out


def _open(page: Page, base_url: str, sessions: dict, screen: Screen) -> None:
    if screen.account:
        page.context.add_cookies(sessions[screen.account])
    goto(page, base_url + screen.path.format(w=sessions["wedding_id"], rsvp=sessions["rsvp"]))
    screen.ready(page)


def _axe(page: Page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: npm install --prefix .tools/axe --no-audit --no-fund axe-core@4.14.1 ({AXE})")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(SCREENS))
def test_no_serious_accessibility_violation(page: Page, base_url: str, sessions, shoot, name: str):
    page.set_viewport_size(DESKTOP)
    _open(page, base_url, sessions, SCREENS[name])
    shoot("desktop")
    violations = _axe(page)
    if violations:
        print(f"\naxe on {name}:\n{_describe(violations)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"serious or critical axe violations on {name}:\n{_describe(blocking)}"


@pytest.mark.parametrize("name", ["login", "dashboard", "budget", "checklist", "timeline", "guests", "guest-import", "checkin",
                                  "rsvp", "rsvp-find", "bookings", "vendor-requests", "marketplace", "vendor-detail",
                                  "vendor-profile", "vendor-calendar", "seating", "seating-plan",
                                  "admin-contracts", "admin-contract", "vendor-contract"])
def test_mobile_layout_fits_the_screen(page: Page, base_url: str, sessions, shoot, name: str):
    page.set_viewport_size(MOBILE)
    _open(page, base_url, sessions, SCREENS[name])
    shoot("mobile")
    overflow = page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
        .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].slice(0, 2).join('.'));
      return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
    }""")
    assert overflow["scroll"] <= overflow["width"], f"{name} scrolls horizontally at 390 px: {overflow}"
