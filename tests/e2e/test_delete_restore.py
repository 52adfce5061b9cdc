"""Deleting a wedding asks for the couple's names; a deleted wedding can be restored."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.ui import WEDDINGS_URL, goto, new_couple_with_wedding


def test_delete_needs_the_names_then_restore_brings_it_back(page: Page, base_url: str):
    wedding_id, wedding = new_couple_with_wedding(page, base_url, "delete")
    goto(page, f"{base_url}/w/{wedding_id}/settings")
    expect(page.get_by_role("heading", name="Danger zone")).to_be_visible()

    page.locator("#delete-open").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(wedding.couple)
    dialog.get_by_label("Couple's names").fill("Someone & Else")
    page.locator("#delete-confirm").click()
    error = dialog.locator("#e-confirmation")
    expect(error).not_to_have_text("")
    expect(dialog).to_be_visible()
    expect(page).to_have_url(re.compile(rf".*/w/{wedding_id}/settings/?$"))

    # Cancelled: the wedding is still there.
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    goto(page, f"{base_url}/weddings")
    expect(page.get_by_role("heading", name=wedding.couple)).to_be_visible()
    expect(page.get_by_role("link", name="Open dashboard")).to_be_visible()
    expect(page.get_by_text("Deleted", exact=True)).to_have_count(0)

    goto(page, f"{base_url}/w/{wedding_id}/settings")
    page.locator("#delete-open").click()
    expect(dialog).to_be_visible()
    expect(dialog.locator("#e-confirmation")).to_have_text("")  # the previous error is gone
    dialog.get_by_label("Couple's names").fill(wedding.couple)
    page.locator("#delete-confirm").click()
    expect(page).to_have_url(WEDDINGS_URL)

    expect(page.get_by_role("heading", name=wedding.couple)).to_be_visible()
    expect(page.get_by_text("Deleted", exact=True)).to_be_visible()
    expect(page.get_by_text("Can be restored for 30 days.")).to_be_visible()
    expect(page.get_by_role("link", name="Open dashboard")).to_have_count(0)
    # Its pages are gone while it is deleted.
    goto(page, f"{base_url}/w/{wedding_id}")
    expect(page.get_by_test_id("not-found")).to_be_visible()

    goto(page, f"{base_url}/weddings")
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("The wedding is restored.")).to_be_visible()
    expect(page.get_by_text("Deleted", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Open dashboard").click()
    expect(page.get_by_role("heading", name=wedding.couple)).to_be_visible()
    expect(page.get_by_test_id("budget-total")).to_have_text("€25,000.00")
