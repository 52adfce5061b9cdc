"""Wrong input is explained next to the field it concerns, and nothing is created."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.e2e.ui import PASSWORD, fill_signup, fill_wedding_form, goto, new_wedding, sign_up, unique_email


def _skip_browser_checks(page: Page) -> None:
    """We test the server's messages: the browser's own type=email / required checks must not block the submit."""
    page.evaluate("() => document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")


def test_signup_explains_an_invalid_email_and_a_weak_password(page: Page, base_url: str):
    goto(page, f"{base_url}/signup")
    fill_signup(page, "Val Idation", "not-an-email@", "short")
    _skip_browser_checks(page)
    page.locator("#signup-submit").click()

    email_error = page.locator("#e-email")
    expect(email_error).to_have_text("Enter a valid email address, like name@example.com.")
    expect(email_error).to_have_attribute("role", "alert")
    expect(page.locator("#e-password")).to_have_text("Use at least 10 characters.")
    expect(page.locator("#e-display_name")).to_have_text("")
    # The errors are wired to their inputs for screen readers.
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Email")).to_have_attribute("aria-describedby", "e-email")
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r".*/signup/?$"))

    # Fixing both fields lets the couple in.
    page.get_by_label("Email").fill(unique_email("validation"))
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("#signup-submit").click()
    page.wait_for_url(re.compile(r".*/onboarding/?$"))


def test_onboarding_refuses_a_past_date_and_a_negative_budget(page: Page, base_url: str):
    sign_up(page, base_url, unique_email("onboarding-errors"))
    wedding = new_wedding()
    wedding = wedding.__class__(**{**wedding.__dict__, "wedding_date": wedding.wedding_date - timedelta(days=231),
                                   "budget": "-5"})
    fill_wedding_form(page, wedding)
    _skip_browser_checks(page)
    page.locator("#onboarding-submit").click()

    expect(page.locator("#e-wedding_date")).to_have_text("The wedding date cannot be in the past.")
    expect(page.locator("#e-budget_total")).to_have_text("The budget cannot be negative.")
    expect(page.locator("#e-partner_a")).to_have_text("")
    expect(page.locator("#e-expected_guests")).to_have_text("")
    expect(page.get_by_label("Wedding date")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Total budget")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r".*/onboarding/?$"))

    # Nothing was created.
    goto(page, f"{base_url}/weddings")
    expect(page.get_by_text("No wedding yet")).to_be_visible()
    expect(page.get_by_role("link", name="Create your wedding")).to_be_visible()
    expect(page.get_by_role("link", name="Open dashboard")).to_have_count(0)


def test_fields_without_an_error_are_not_marked_invalid(page: Page, base_url: str):
    """Screen readers announce aria-invalid="true" as "invalid entry": only fields with an error may carry it."""
    goto(page, f"{base_url}/signup")
    for label in ("Your name", "Email", "Password"):
        expect(page.get_by_label(label), f"{label!r} on a fresh sign-up form").to_have_attribute("aria-invalid", "false")

    fill_signup(page, "Val Idation", "not-an-email@", PASSWORD)
    _skip_browser_checks(page)
    page.locator("#signup-submit").click()
    expect(page.locator("#e-email")).to_have_text("Enter a valid email address, like name@example.com.")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    for label in ("Your name", "Password"):
        expect(page.get_by_label(label), f"{label!r} has no error").to_have_attribute("aria-invalid", "false")
