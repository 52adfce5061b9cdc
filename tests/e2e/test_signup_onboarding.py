"""A new couple signs up, describes their wedding, and finds the same dashboard after logging in again."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.ui import (
    DASHBOARD_URL,
    LOGIN_URL,
    PASSWORD,
    NewWedding,
    goto,
    log_in,
    log_out,
    new_wedding,
    onboard,
    paris_today,
    sign_up,
    unique_email,
)


def _back_on_the_same_dashboard(page: Page, base_url: str, email: str, wedding_id: str, wedding: NewWedding) -> None:
    log_in(page, base_url, email, PASSWORD)
    expect(page.get_by_role("heading", name=wedding.couple)).to_be_visible()
    page.get_by_role("link", name="Open dashboard").click()
    page.wait_for_url(DASHBOARD_URL)
    assert DASHBOARD_URL.match(page.url).group(1) == wedding_id
    expect(page.get_by_role("heading", name=wedding.couple)).to_be_visible()
    days = (wedding.wedding_date - paris_today()).days
    expect(page.get_by_test_id("countdown")).to_have_text(f"{days} days to go")
    expect(page.get_by_test_id("budget-total")).to_have_text("€25,000.00")


def test_new_couple_signs_up_onboards_and_finds_the_dashboard_again(page: Page, base_url: str, new_context):
    email = unique_email("signup")
    sign_up(page, base_url, email, name="Ada Lovelace")
    expect(page.get_by_role("heading", name="Tell us about your wedding")).to_be_visible()

    wedding = new_wedding(days_ahead=200, venue="Domaine des Tests", guests=120, budget="25000", currency="EUR",
                          language="English", timezone="Europe/Paris")
    wedding_id = onboard(page, wedding)
    days = (wedding.wedding_date - paris_today()).days
    assert days == 200

    expect(page.get_by_test_id("countdown")).to_have_text("200 days to go")
    expect(page.get_by_test_id("days-to-go")).to_have_text("200")
    expect(page.get_by_text("· Domaine des Tests")).to_be_visible()  # under the couple's names
    expect(page.get_by_test_id("guests-invited")).to_have_text("0")
    expect(page.get_by_text("120 expected")).to_be_visible()
    expect(page.get_by_text("No guests yet")).to_be_visible()
    expect(page.get_by_role("link", name="Invite your partner")).to_be_visible()
    expect(page.get_by_test_id("budget-total")).to_have_text("€25,000.00")
    expect(page.get_by_test_id("budget-committed")).to_have_text("€0.00")

    # Logging in again (here from another browser) leads back to the same wedding.
    _back_on_the_same_dashboard(new_context().new_page(), base_url, email, wedding_id, wedding)


def test_log_out_then_log_back_in(page: Page, base_url: str):
    email = unique_email("logout")
    sign_up(page, base_url, email)
    wedding = new_wedding()
    wedding_id = onboard(page, wedding)

    log_out(page)
    page.goto(f"{base_url}/weddings")
    expect(page).to_have_url(LOGIN_URL)  # the session really ended: the guard sends the visitor away
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()

    _back_on_the_same_dashboard(page, base_url, email, wedding_id, wedding)


def test_login_page_shows_a_notice_only_when_the_address_asks_for_it(page: Page, base_url: str):
    expired = page.get_by_text("Your log-in link expired. Please log in again.")
    bye = page.get_by_text("You are logged out. See you soon!")

    goto(page, f"{base_url}/login")
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    expect(expired, "plain /login must not say the link expired").to_have_count(0)
    expect(bye, "plain /login must not say the visitor logged out").to_have_count(0)

    goto(page, f"{base_url}/login?bye=1")
    expect(bye).to_be_visible()
    expect(expired).to_have_count(0)

    goto(page, f"{base_url}/login?expired=1")
    expect(expired).to_be_visible()
    expect(bye).to_have_count(0)
