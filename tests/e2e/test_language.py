"""The demo couple reads their dashboard in French, then goes back to English."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from tests.e2e.ui import DASHBOARD_URL, DEMO, DEMO_COUPLE, log_in, wait_hydrated

SPACE = r"[\s\u202f\u00a0]"  # French groups thousands with a narrow no-break space, then a no-break space before €


@pytest.fixture
def demo_language_restored(live_app):
    """The language is saved on the account: whatever happens here, later tests see the demo in English."""
    yield
    engine = sa.create_engine(live_app.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE app_user SET locale = 'en' WHERE email = :email"), {"email": DEMO[0]})
    finally:
        engine.dispose()


def _switch_language(page: Page, code: str) -> None:
    with page.expect_navigation():  # the switch reloads the page so server-formatted values follow
        page.locator("#lang-switcher").select_option(code)
    wait_hydrated(page)


def test_demo_dashboard_in_french_and_back(page: Page, base_url: str, demo_language_restored):
    log_in(page, base_url, *DEMO)
    page.get_by_role("link", name="Open dashboard").click()
    page.wait_for_url(DASHBOARD_URL)
    expect(page.get_by_test_id("budget-total")).to_have_text("€40,000.00")
    expect(page.get_by_test_id("countdown")).to_contain_text("days to go")

    _switch_language(page, "fr")
    expect(page.locator("#lang-switcher")).to_have_value("fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.get_by_role("heading", name=DEMO_COUPLE)).to_be_visible()
    expect(page.get_by_test_id("countdown")).to_have_text(re.compile(r"^Encore \d+ jours$"))
    expect(page.get_by_text("Personnes invitées")).to_be_visible()
    expect(page.get_by_test_id("guests-invited")).to_have_text("150")
    expect(page.get_by_test_id("budget-total")).to_have_text(re.compile(rf"^40{SPACE}000,00{SPACE}€$"))
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The choice is saved: the next page of the app is in French too.
    page.get_by_role("link", name="Mes mariages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes mariages")

    _switch_language(page, "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My weddings")
    page.get_by_role("link", name="Open dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_test_id("countdown")).to_have_text(re.compile(r"^\d+ days to go$"))
    expect(page.get_by_test_id("budget-total")).to_have_text("€40,000.00")
    expect(page.locator("html")).to_have_attribute("lang", "en")
