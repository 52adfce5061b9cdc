"""One couple never sees another couple's wedding, even with its address; visitors must log in first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import LOGIN_URL, goto, new_couple_with_wedding


def test_another_couple_cannot_open_my_wedding(page: Page, base_url: str, new_context):
    wedding_id, wedding = new_couple_with_wedding(page, base_url, "isolation-a", venue="Secret Garden of A")
    dashboard_url = page.url

    intruder = new_context().new_page()
    new_couple_with_wedding(intruder, base_url, "isolation-b")
    for url in (dashboard_url, f"{base_url}/w/{wedding_id}/settings", f"{base_url}/w/{wedding_id}/team"):
        goto(intruder, url)
        expect(intruder.get_by_test_id("not-found"), url).to_be_visible()
        expect(intruder.get_by_test_id("not-found")).to_contain_text("This page does not exist or you do not have access")
        body = intruder.locator("body")
        for secret in (wedding.partner_a, wedding.partner_b, "Secret Garden of A"):
            expect(body, f"{secret!r} leaked on {url}").not_to_contain_text(secret)
        # No wedding navigation for a wedding that is not theirs.
        expect(intruder.get_by_role("link", name="Wedding details")).to_have_count(0)

    # The owner still sees everything.
    goto(page, f"{base_url}/w/{wedding_id}/settings")
    expect(page.get_by_label("First partner's name")).to_have_value(wedding.partner_a)


@pytest.mark.parametrize("path", ["/weddings", "/onboarding", "/admin/outbox"])
def test_logged_out_visitor_is_sent_to_log_in(page: Page, base_url: str, path: str):
    page.goto(f"{base_url}{path}")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    assert f"next={path}" in page.url
