"""A couple books the demo photographer: request a quote, the vendor proposes (in another browser), the couple
accepts, the booking shows, and a message written on one side appears live on the other."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.ui import goto, new_couple_with_wedding, paris_today

VENDOR = ("vendor@attitudes.vip", "vendor-photos-2027")


def _demo_photographer_id(database_url: str) -> str:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return str(
                conn.execute(
                    sa.text(
                        "SELECT v.id FROM vendorprofile v JOIN membership m ON m.tenant_id = v.tenant_id "
                        "JOIN app_user u ON u.id = m.user_id WHERE u.email = :email"
                    ),
                    {"email": VENDOR[0]},
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _shot(page: Page, name: str) -> None:
    """Full-page screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"vendor-bookings-{name}.png"), full_page=True)


def _vendor_log_in(page: Page, base_url: str) -> None:
    goto(page, f"{base_url}/login")
    page.get_by_label("Email").fill(VENDOR[0])
    page.get_by_label("Password").fill(VENDOR[1])
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r".*/(vendor|weddings)/?(\?.*)?$"))


def test_couple_books_the_demo_photographer_and_messages_arrive_live(browser: Browser, base_url, live_app):
    couple_context, vendor_context = browser.new_context(), browser.new_context()
    couple, vendor = couple_context.new_page(), vendor_context.new_page()
    wedding_id, wedding = new_couple_with_wedding(couple, base_url, "booking", days_ahead=230)
    vendor_id = _demo_photographer_id(live_app.database_url)

    # The couple asks for a quote (the profile's "Request a quote" button leads here).
    goto(couple, f"{base_url}/w/{wedding_id}/bookings?quote={vendor_id}")
    dialog = couple.get_by_role("dialog")
    expect(dialog.get_by_label("Day")).to_have_value(wedding.wedding_date.isoformat())
    dialog.get_by_label("Message").fill("Hello! 120 guests, ceremony at 3 pm. Are you free?")
    dialog.get_by_test_id("send-request").click()
    card = couple.get_by_test_id("quote-card")
    expect(card.get_by_test_id("quote-status")).to_have_text("Waiting for the vendor")

    # The vendor sees the request (names, date, guest count) and answers with a proposal.
    _vendor_log_in(vendor, base_url)
    goto(vendor, f"{base_url}/vendor/requests")
    request = vendor.get_by_test_id("request-card").filter(has_text=wedding.couple)
    expect(request.get_by_test_id("guest-count")).to_have_text("120 guests")
    expect(request.get_by_test_id("request-message")).to_contain_text("Are you free?")
    request.get_by_test_id("start-proposal").click()
    form = vendor.get_by_role("dialog")
    form.get_by_label("Price").fill("1800")
    form.get_by_label("Deposit", exact=True).fill("500")
    form.get_by_label("Deposit due on").fill((paris_today() + timedelta(days=14)).isoformat())
    form.get_by_label("Balance due on").fill((paris_today() + timedelta(days=200)).isoformat())
    form.get_by_label("Note to the couple").fill("Full day with an album.")
    form.get_by_test_id("send-proposal").click()
    expect(form).to_be_hidden()
    vendor.get_by_test_id("filter-all").click()
    expect(request.get_by_test_id("quote-status")).to_have_text("Proposal sent")
    _shot(vendor, "vendor-requests")

    # The couple accepts: the booking shows.
    goto(couple, f"{base_url}/w/{wedding_id}/bookings")
    expect(card.get_by_test_id("proposal")).to_contain_text("1,800.00")
    card.get_by_test_id("accept-proposal").click()
    couple.get_by_test_id("confirm-action").click()
    expect(card.get_by_test_id("quote-status")).to_have_text("Booked")
    expect(couple.get_by_test_id("page-message")).to_contain_text("Booked!")

    # Both open the thread; the vendor writes, the couple sees it without reloading (and the other way round).
    card.get_by_test_id("open-thread").click()
    expect(couple.get_by_test_id("thread-title")).to_have_text(re.compile("."))
    goto(vendor, f"{base_url}/vendor/messages")
    vendor.get_by_test_id("thread-item").filter(has_text=wedding.couple).click()
    expect(vendor.get_by_test_id("thread-title")).to_have_text(wedding.couple)
    vendor.get_by_label("Your message").fill("Thank you! I will call you next week.")
    vendor.get_by_test_id("thread-send").click()
    expect(vendor.get_by_test_id("message-body").last).to_have_text("Thank you! I will call you next week.")
    expect(couple.get_by_test_id("message-body").last).to_have_text(
        "Thank you! I will call you next week.", timeout=8_000
    )
    couple.get_by_label("Your message").fill("Perfect, talk soon!")
    couple.get_by_test_id("thread-send").click()
    expect(vendor.get_by_test_id("message-body").last).to_have_text("Perfect, talk soon!", timeout=8_000)
    _shot(couple, "couple-bookings")
    _shot(vendor, "vendor-messages")
    couple_context.close()
    vendor_context.close()
