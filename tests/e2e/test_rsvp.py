"""Guests' RSVP as people use it: the couple shares a private link, a household answers on a phone in
Spanish, the couple sees the new counts; find-your-invitation by first name; a revoked link; sending."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from models.guests import Guest
from services import guest_events, guests
from services.db import transaction
from tests.e2e.ui import goto, log_in
from tests.helpers import PASSWORD, configure_backend, new_wedding, signup, unique_email

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture(scope="module")
def couple(live_app):
    """Inés & Pablo's wedding (Spanish), a ceremony and a reception with three meals, three households."""
    with pytest.MonkeyPatch.context() as mp:
        configure_backend(mp, live_app.database_url, live_app.redis_url)
        account = signup("Inés Ortega", email=unique_email("ines"))
        p = account.principal
        wid = new_wedding(p, partner_a="Inés", partner_b="Pablo", locale="es", timezone="Europe/Madrid")
        day = (date.today() + timedelta(days=150)).isoformat()
        ceremony = _run(
            guest_events.save_event,
            p,
            wid,
            None,
            {"name": "Ceremonia", "kind": "ceremony", "date": day, "time": "17:00"},
        )
        reception = _run(
            guest_events.save_event,
            p,
            wid,
            None,
            {
                "name": "Banquete",
                "kind": "reception",
                "date": day,
                "time": "20:00",
                "meals": "Ternera\nLubina\nRisotto",
            },
        )
        both = {f"invited_{ceremony.id}": "on", f"invited_{reception.id}": "on"}
        carmen = _run(
            guests.save_guest,
            p,
            wid,
            None,
            {
                "first_name": "Carmen",
                "last_name": "Ortega",
                "email": "carmen@example.com",
                "language": "es",
                "household_name": "Familia Ortega",
                "plus_one": "unnamed",
                **both,
            },
        )
        with transaction() as s:
            ortega = s.get(Guest, carmen.id).household_id
        _run(
            guests.save_guest,
            p,
            wid,
            None,
            {"first_name": "Diego", "last_name": "Ortega", "household_id": str(ortega), **both},
        )
        _run(
            guests.save_guest,
            p,
            wid,
            None,
            {
                "first_name": "Christopher",
                "last_name": "Pérez",
                "email": "chris.perez@example.com",
                "household_name": "Los Pérez",
                **both,
            },
        )
        _run(
            guests.save_guest,
            p,
            wid,
            None,
            {
                "first_name": "Elena",
                "last_name": "Ruiz",
                "household_name": "Familia Ruiz",
                f"invited_{reception.id}": "on",
            },
        )
    return {"email": account.email, "wid": str(wid)}


@pytest.fixture(scope="module")
def couple_page(browser: Browser, base_url: str, couple):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base_url, couple["email"], PASSWORD)
    goto(page, f"{base_url}/w/{couple['wid']}/guests")
    expect(page.get_by_test_id("household-links")).to_be_visible()
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    """A full-page screenshot of this page (the guest's phone or the couple's desktop) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"test_rsvp-{name}.png"), full_page=True)


def _row(page: Page, household: str):
    return page.get_by_test_id("household-row").filter(has_text=household)


def _link_of(page: Page, household: str, snap: str = "") -> str:
    _row(page, household).locator(".household-link").click()
    url = page.get_by_test_id("link-url")
    expect(url).to_have_value(re.compile(r".*/rsvp/[A-Za-z0-9_-]{32}$"))
    expect(page.get_by_role("img", name="QR code of the invitation link")).to_be_visible()
    link = url.input_value()
    if snap:
        shot(page, snap)
    page.keyboard.press("Escape")
    return link


def test_a_household_answers_on_a_phone_in_spanish_and_the_couple_sees_it(
    browser: Browser, base_url: str, couple, couple_page: Page
):
    page = couple_page
    link = _link_of(page, "Familia Ortega", "couple-link-dialog")
    phone = browser.new_context(viewport=PHONE)
    guest = phone.new_page()
    goto(guest, link)
    expect(guest.get_by_test_id("rsvp-couple")).to_have_text("Inés & Pablo")
    expect(guest.locator("#lang-switcher")).to_have_value("es")  # the guest's language, switchable
    expect(guest.get_by_test_id("rsvp-date")).to_contain_text(" de ")  # formatted in Spanish
    members = guest.get_by_test_id("rsvp-member")
    expect(members).to_have_count(2)
    assert "Elena" not in guest.content() and "Christopher" not in guest.content()
    shot(guest, "phone-form")
    for n, meal in ((0, "Ternera"), (1, "Risotto")):
        events = members.nth(n).get_by_test_id("rsvp-event")
        expect(events).to_have_count(2)
        events.nth(0).get_by_test_id("rsvp-yes").click()
        events.nth(1).get_by_test_id("rsvp-yes").click()
        events.nth(1).get_by_test_id("rsvp-meal").select_option(label=meal)
    # Carmen brings a plus-one to the banquet, who chooses the sea bass.
    carmen_banquet = members.nth(0).get_by_test_id("rsvp-event").nth(1)
    carmen_banquet.get_by_label("Viene con acompañante").check()
    carmen_banquet.get_by_test_id("rsvp-plus-meal").select_option(label="Lubina")
    guest.locator('input[name="song"]').fill("Bailando")
    guest.locator("#rsvp-submit").click()
    expect(guest.get_by_test_id("rsvp-confirmation")).to_be_visible()
    summary = guest.get_by_test_id("rsvp-summary")
    expect(summary).to_contain_text("Carmen")
    expect(summary).to_contain_text("Ternera")
    expect(summary).to_contain_text("Risotto")
    expect(summary).to_contain_text("(Lubina)")
    shot(guest, "phone-confirmation")
    overflow = guest.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert overflow, "the RSVP page scrolls horizontally at 390 px"
    # The guest may switch language; the answers stay there to change until the deadline.
    guest.locator("#lang-switcher").select_option("en")
    expect(guest.locator("#lang-switcher")).to_have_value("en")
    expect(guest.get_by_test_id("rsvp-date")).not_to_contain_text(" de ")
    first = guest.get_by_test_id("rsvp-member").first.get_by_test_id("rsvp-event")
    expect(first.nth(0).get_by_test_id("rsvp-yes").locator("input")).to_be_checked()
    expect(first.nth(1).get_by_test_id("rsvp-meal")).to_have_value(re.compile(".+"))
    phone.close()

    goto(page, f"{base_url}/w/{couple['wid']}/guests")
    expect(page.get_by_test_id("count-attending")).to_have_text("2")
    expect(page.get_by_test_id("count-attending").locator("xpath=..")).to_contain_text("+1")  # Carmen's plus-one
    expect(_row(page, "Familia Ortega")).to_contain_text("Answered")
    shot(page, "couple-desktop")


def test_find_your_invitation_by_first_name(browser: Browser, base_url: str, couple):
    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    goto(page, f"{base_url}/rsvp/find/{couple['wid']}")
    page.locator('input[name="name"]').fill("Zoe")
    page.locator("#find-submit").click()
    expect(page.get_by_test_id("find-none")).to_be_visible()
    page.locator('input[name="name"]').fill("chris")
    page.locator("#find-submit").click()
    expect(page.get_by_test_id("find-household")).to_have_text("Los Pérez")
    expect(page.get_by_test_id("find-names")).to_have_text("Christopher")
    assert "Ortega" not in page.content()
    shot(page, "phone-find")
    page.locator("#find-confirm").click()
    expect(page).to_have_url(re.compile(r".*/rsvp/[A-Za-z0-9_-]{32}$"))
    expect(page.get_by_test_id("rsvp-household")).to_contain_text("Los Pérez")
    phone.close()


def test_a_revoked_link_shows_the_friendly_page(browser: Browser, base_url: str, couple_page: Page):
    page = couple_page
    link = _link_of(page, "Familia Ruiz")
    _row(page, "Familia Ruiz").get_by_role("button", name=re.compile("More actions")).click()
    page.get_by_role("menuitem", name="Revoke the link").click()
    page.locator("#link-confirm").click()
    expect(page.get_by_test_id("invite-notice")).to_contain_text("Familia Ruiz")
    phone = browser.new_context(viewport=PHONE)
    guest = phone.new_page()
    goto(guest, link)
    expect(guest.get_by_test_id("rsvp-invalid")).to_contain_text("not valid")
    assert "Elena" not in guest.content() and "Traceback" not in guest.content()
    shot(guest, "phone-revoked")
    phone.close()


def test_sending_invitations_shows_the_count_and_logs_each_household(couple_page: Page):
    page = couple_page
    page.locator("#send-open").click()
    expect(page.get_by_test_id("send-count")).to_have_text("2 households will receive an email.")
    page.get_by_test_id("send-audience").select_option("pending")
    expect(page.get_by_test_id("send-count")).to_have_text("1 household will receive an email.")  # Los Pérez
    shot(page, "send-dialog")
    page.locator("#send-confirm").click()
    expect(page.get_by_test_id("send-result")).to_have_text("1 email sent.")
    page.keyboard.press("Escape")
    expect(_row(page, "Los Pérez")).to_contain_text("Invitation sent")


def test_after_the_deadline_the_answers_are_read_only_with_the_couples_contact(
    browser: Browser, base_url: str, couple_page: Page
):
    page = couple_page
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    contact = page.locator('input[name="rsvp_contact_email"]')
    # The settings form is keyed on the loaded values: wait until they are in (the owner's address
    # shows as the placeholder) so a late load cannot remount it under what the user typed.
    expect(contact).to_have_attribute("placeholder", re.compile(r".+@example\.com"))
    deadline = page.locator('input[name="rsvp_deadline"]')
    # Both values must be in the inputs when the form is sent. The previous test's sending may still
    # refresh this page's data for a moment (which can remount the form and empty what was typed, as it
    # would for a person typing at that instant): type again until both values stay put.
    for _attempt in range(4):
        deadline.fill(yesterday)
        contact.fill("novios@example.com")
        page.wait_for_timeout(500)
        if deadline.input_value() == yesterday and contact.input_value() == "novios@example.com":
            break
    expect(deadline).to_have_value(yesterday)
    expect(contact).to_have_value("novios@example.com")
    page.locator("#rsvp-settings-save").click()
    expect(page.get_by_test_id("invite-notice")).to_have_text("RSVP settings saved.")
    expect(contact).to_have_value("novios@example.com")
    link = _link_of(page, "Familia Ortega")  # the same link as before: copying never replaces it
    phone = browser.new_context(viewport=PHONE)
    guest = phone.new_page()
    goto(guest, link)
    expect(guest.get_by_test_id("rsvp-closed")).to_contain_text("novios@example.com")
    expect(guest.locator("#rsvp-submit")).to_have_count(0)
    expect(guest.get_by_test_id("rsvp-yes").first.locator("input")).to_be_disabled()
    expect(guest.get_by_test_id("rsvp-yes").first.locator("input")).to_be_checked()  # the answer is still shown
    shot(guest, "phone-closed")
    phone.close()


def test_the_couple_renames_a_household_and_its_guests_see_the_new_name(browser: Browser, couple_page: Page):
    page = couple_page
    row = _row(page, "Familia Ruiz")
    row.get_by_role("button", name="More actions for Familia Ruiz").click()
    page.get_by_role("menuitem", name="Rename").click()
    dialog = page.get_by_role("dialog")
    name = dialog.get_by_label("Household name")
    expect(name).to_have_value("Familia Ruiz")
    name.fill("   ")
    dialog.locator("#rename-household-save").click()
    expect(dialog.locator("#e-household_name")).to_have_text("Enter a name for the household.")
    name.fill("Familia Ruiz García")
    shot(page, "rename-dialog")
    dialog.locator("#rename-household-save").click()
    expect(page.get_by_test_id("invite-notice")).to_have_text("Household renamed.")
    expect(_row(page, "Familia Ruiz García")).to_have_count(1)
    link = _link_of(page, "Familia Ruiz García")
    phone = browser.new_context(viewport=PHONE)
    guest = phone.new_page()
    goto(guest, link)
    expect(guest.get_by_text("Familia Ruiz García")).to_be_visible()
    phone.close()
