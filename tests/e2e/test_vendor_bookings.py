"""A couple books the demo photographer: request a quote, the vendor proposes (in another browser), the couple
accepts, the booking shows, and a message written on one side appears live on the other."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from models.vendors import VendorProfile
from services import bookings
from services.auth import principal_from_token
from services.db import transaction
from tests.booking_helpers import proposal
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.ui import ADMIN, goto, log_in, new_couple_with_wedding, paris_today, wait_hydrated
from tests.helpers import PASSWORD, configure_backend, login, new_wedding, reset_caches, signup

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

    # The couple asks for a quote from the photographer's profile.
    goto(couple, f"{base_url}/w/{wedding_id}/vendors/{vendor_id}")
    expect(couple.get_by_test_id("reviews-section")).to_be_visible()
    couple.get_by_test_id("request-quote").click()
    couple.wait_for_url(re.compile(r".*/bookings/?\?quote="))
    wait_hydrated(couple)
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


def _booked_couple_whose_day_has_passed(database_url: str) -> tuple[str, str]:
    """A new couple who booked the demo photographer (through the services), the booked day moved into the past.

    Returns (email, wedding id). The app reads the same database, so the browser sees this couple as it is.
    """
    with pytest.MonkeyPatch.context() as mp:
        configure_backend(mp, database_url)
        try:
            couple = signup("Rita Review")
            wedding_id = new_wedding(couple.principal, partner_a="Rita", partner_b="Rob")
            photographer = login(VENDOR[0], VENDOR[1])
            vendor_principal = principal_from_token(photographer)
            with transaction() as s:
                vendor_id = s.exec(
                    select(VendorProfile.id).where(VendorProfile.tenant_id.in_(vendor_principal.tenant_ids))
                ).one()
            day = date.today() + timedelta(days=290)
            with transaction() as s:
                quote = bookings.request_quote(
                    s,
                    couple.principal,
                    wedding_id,
                    vendor_id,
                    {"day": day.isoformat(), "message": "Hi"},
                    today=date.today(),
                )
            with transaction() as s:
                bookings.propose(s, vendor_principal, quote.id, proposal(), lang="en", today=date.today())
            with transaction() as s:
                booking = bookings.accept_proposal(s, couple.principal, quote.id)
                booking.day = date.today() - timedelta(days=3)  # time travel: the wedding day has passed
        finally:
            reset_caches()
    return couple.email, str(wedding_id)


def test_couple_reviews_after_the_day_vendor_replies_admin_hides(browser: Browser, base_url, live_app):
    email, wedding_id = _booked_couple_whose_day_has_passed(live_app.database_url)
    couple = browser.new_context().new_page()
    log_in(couple, base_url, email, PASSWORD)
    goto(couple, f"{base_url}/w/{wedding_id}/bookings")
    couple.get_by_test_id("start-review").click()
    form = couple.get_by_role("dialog")
    form.get_by_test_id("send-review").click()  # nothing chosen: every aspect asks for stars
    expect(form.get_by_text("Give 1 to 5 stars.").first).to_be_visible()
    for aspect, stars in (("Quality", "5"), ("Communication", "4"), ("Value for money", "4"), ("Professionalism", "5")):
        form.get_by_label(aspect).select_option(stars)
    form.get_by_label("How did it go?").fill("Beautiful pictures, delivered on time.")
    _shot(couple, "review-form")
    form.get_by_test_id("send-review").click()
    expect(couple.get_by_test_id("page-message")).to_contain_text("Your review is published")
    expect(couple.get_by_test_id("start-review")).to_have_count(0)  # one review per booking

    vendor = browser.new_context().new_page()
    _vendor_log_in(vendor, base_url)
    goto(vendor, f"{base_url}/vendor/requests")
    # The demo photographer also has the demo's past couples' reviews: this one is found by its text.
    review = vendor.get_by_test_id("own-review").filter(has_text="Beautiful pictures, delivered on time.")
    review.get_by_test_id("reply").click()
    vendor.get_by_role("dialog").get_by_label("Reply").fill("Thank you, it was a joy!")
    vendor.get_by_role("dialog").get_by_role("button", name="Publish reply").click()
    expect(review.get_by_text("Thank you, it was a joy!")).to_be_visible()
    expect(review.get_by_test_id("reply")).to_have_count(0)  # a vendor replies once

    admin = browser.new_context().new_page()
    log_in(admin, base_url, *ADMIN)
    goto(admin, f"{base_url}/admin/reviews")
    row = admin.get_by_test_id("admin-review").filter(has_text="Beautiful pictures")
    row.get_by_test_id("hide-review").click()
    admin.get_by_role("dialog").get_by_role("button", name="Hide").click()  # no reason: refused
    expect(admin.get_by_role("dialog").get_by_text("Say why this review is hidden.")).to_be_visible()
    admin.get_by_role("dialog").get_by_label("Reason").fill("Test of the moderation")
    admin.get_by_role("dialog").get_by_role("button", name="Hide").click()
    expect(row.get_by_text("Reason: Test of the moderation")).to_be_visible()
    _shot(admin, "admin-reviews")
    # The vendor's profile no longer shows it.
    goto(couple, f"{base_url}/w/{wedding_id}/vendors/{_demo_photographer_id(live_app.database_url)}")
    expect(couple.get_by_test_id("reviews-section")).to_be_visible()
    expect(couple.get_by_text("Beautiful pictures, delivered on time.")).to_have_count(0)
    for page in (couple, vendor, admin):
        page.context.close()
