"""Inside a wedding, the sidebar names the couple and leads to the wedding's pages."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.ui import DEMO, DEMO_COUPLE, demo_wedding_id, goto, log_in


def test_wedding_sidebar_leads_to_details_and_team(page: Page, base_url: str):
    log_in(page, base_url, *DEMO)
    wedding_id = demo_wedding_id(page)
    goto(page, f"{base_url}/w/{wedding_id}")
    expect(page.get_by_test_id("countdown")).to_be_visible()

    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_text(DEMO_COUPLE), "the sidebar names the couple of this wedding").to_be_visible()
    expect(nav.get_by_role("link", name="Dashboard")).to_have_attribute("href", re.compile(rf"/w/{wedding_id}/?$"))

    nav.get_by_role("link", name="Wedding details").click()
    expect(page).to_have_url(re.compile(rf".*/w/{wedding_id}/settings/?$"))
    expect(page.get_by_label("First partner's name")).to_have_value("Camille")

    nav.get_by_role("link", name="Team").click()
    expect(page).to_have_url(re.compile(rf".*/w/{wedding_id}/team/?$"))
    expect(page.get_by_role("row").filter(has_text="demo@attitudes.vip")).to_contain_text("Owner")

    nav.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_test_id("guests-invited")).to_have_text("150")
