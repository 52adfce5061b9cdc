"""The demo account's dashboard, as a returning user sees it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

DEMO = ("demo@attitudes.vip", "demo-wedding-2027")


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r".*/weddings/?$"))


def test_demo_couple_sees_their_dashboard(page: Page, base_url: str, shoot):
    log_in(page, base_url, *DEMO)
    page.get_by_role("link", name="Open dashboard").click()
    expect(page.get_by_test_id("guests-invited")).to_have_text("150")
    expect(page.get_by_test_id("countdown")).to_contain_text("days to go")
    expect(page.get_by_test_id("budget-total")).to_have_text("€40,000.00")
    shoot("dashboard")
