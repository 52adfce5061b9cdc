"""The guest list as a couple uses it: counts, search and filters, inline edit, import, bulk actions."""

from __future__ import annotations

import csv as csv_module
import io
import re

from playwright.sync_api import Page, expect

from tests.e2e.ui import DEMO, demo_wedding_id, goto, log_in, new_couple_with_wedding

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _rows(page: Page):
    return page.get_by_test_id("guest-row")


def test_demo_list_counts_searches_filters_and_edits_inline(page: Page, base_url: str, shoot):
    page.set_viewport_size(DESKTOP)
    log_in(page, base_url, *DEMO)
    wedding_id = demo_wedding_id(page)
    goto(page, f"{base_url}/w/{wedding_id}")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guests").click()
    expect(page).to_have_url(re.compile(rf".*/w/{wedding_id}/guests/?$"))
    expect(page.get_by_test_id("count-guests")).to_have_text("150")
    expect(page.get_by_test_id("event-card")).to_have_count(4)
    expect(page.get_by_test_id("guest-total")).to_have_text("150 guests")
    expect(_rows(page)).to_have_count(50)
    expect(page.get_by_test_id("page-label")).to_have_text("Page 1 of 3")
    shoot("desktop")

    # Search runs on the server as the couple types.
    page.get_by_test_id("guest-search").fill("martin")
    expect(page.get_by_test_id("guest-total")).not_to_have_text("150 guests")
    for text in _rows(page).all_inner_texts():
        assert "martin" in text.lower()
    page.get_by_test_id("guest-search").fill("")
    expect(page.get_by_test_id("guest-total")).to_have_text("150 guests")

    # Filters combine: declined answers to the reception, then children only.
    page.get_by_test_id("filter-rsvp").select_option("declined")
    expect(page.get_by_test_id("guest-total")).not_to_have_text("150 guests")
    for text in _rows(page).all_inner_texts():
        assert "Reception: Declined" in text
    page.get_by_test_id("filter-age_group").select_option("child")
    page.locator("#filters-clear").click()
    expect(page.get_by_test_id("guest-total")).to_have_text("150 guests")

    # Inline edit: a wrong phone is explained next to the field and nothing changes; a right one is saved.
    first = _rows(page).first
    name = first.locator(".guest-name").inner_text()
    first.locator(".row-edit").click()
    form = page.get_by_test_id("inline-edit")
    form.get_by_label("Phone").fill("+1 555")
    form.locator("#inline-save").click()
    expect(form.locator("#e-phone")).to_have_text("+1 555 is not a valid phone number.")
    form.get_by_label("Phone").fill("06 11 22 33 44")
    form.locator("#inline-save").click()
    expect(page.get_by_test_id("inline-edit")).to_have_count(0)
    expect(_rows(page).filter(has_text=name).first).to_contain_text("+33 6 11 22 33 44")

    # Export: the whole list, in the columns the import reads back; only for members of the wedding.
    csv = page.request.get(f"{base_url}/api/v1/weddings/{wedding_id}/guests.csv")
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")
    rows = list(csv_module.reader(io.StringIO(csv.text().lstrip("\ufeff"))))
    assert rows[0][:4] == ["First name", "Last name", "Email", "Phone"] and "Reception RSVP" in rows[0]
    assert len(rows) == 151
    xlsx = page.request.get(f"{base_url}/api/v1/weddings/{wedding_id}/guests.xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"
    anonymous = page.context.browser.new_context()
    assert anonymous.request.get(f"{base_url}/api/v1/weddings/{wedding_id}/guests.csv").status == 401
    anonymous.close()

    page.set_viewport_size(PHONE)
    goto(page, f"{base_url}/w/{wedding_id}/guests")
    expect(page.get_by_test_id("count-guests")).to_have_text("150")
    shoot("phone")
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"the guest list scrolls sideways on a phone: {width}"


CSV = (
    "Prénom;Nom;Contact;Portable;Foyer;Régime\n"
    "Zoé;Müller;zoe@example.com;06 12 34 56 78;Müller;végétarien\n"
    "Hugo;Müller;hugo@example.com;;Müller;\n"
    "Léa;Dubois;lea@example.com;+1 555;Dubois;sans gluten\n"
    "Paul;Roux;paul@example.com;;;\n"
)


def test_import_a_csv_with_errors_fix_the_mapping_confirm_then_bulk_edit(page: Page, base_url: str, shoot):
    page.set_viewport_size(DESKTOP)
    wedding_id, _ = new_couple_with_wedding(page, base_url, "guests-import")
    goto(page, f"{base_url}/w/{wedding_id}/guests")
    expect(page.get_by_test_id("count-guests")).to_have_text("0")
    if page.locator("#add-standard-events").count():
        page.locator("#add-standard-events").click()
        expect(page.get_by_test_id("event-card")).to_have_count(2)
    page.get_by_role("link", name="Import a file").click()
    expect(page).to_have_url(re.compile(rf".*/w/{wedding_id}/guests/import/?$"))

    page.locator("input[type=file]").set_input_files(
        files=[{"name": "invites.csv", "mimeType": "text/csv", "buffer": CSV.encode("cp1252")}]
    )
    expect(page.get_by_test_id("chosen-file")).to_have_text("invites.csv")
    page.locator("#import-upload").click()

    # "Contact" was not recognized: no email column yet; row 4's phone is wrong.
    expect(page.get_by_test_id("count-total")).to_have_text("4")
    expect(page.get_by_test_id("count-invalid")).to_have_text("1")
    expect(page.get_by_text("Row 4: phone +1 555 is not a valid number")).to_be_visible()
    contact = page.get_by_test_id("map-Contact")
    expect(contact).to_have_value("")
    contact.select_option(label="Email")
    expect(contact).to_have_value("email")
    # And the phone column is ignored: every row is fine now.
    page.get_by_test_id("map-Portable").select_option(label="Do not import")
    expect(page.get_by_test_id("count-invalid")).to_have_text("0")
    shoot("import-preview")
    page.locator("#import-confirm").click()
    expect(page.get_by_test_id("import-result")).to_contain_text("4 guests added")
    page.locator("#import-done").click()

    expect(page).to_have_url(re.compile(rf".*/w/{wedding_id}/guests/?$"))
    expect(page.get_by_test_id("count-guests")).to_have_text("4")
    expect(_rows(page)).to_have_count(4)
    expect(_rows(page).filter(has_text="Zoé Müller")).to_contain_text("zoe@example.com")
    expect(page.get_by_test_id("diet-summary")).to_contain_text("Vegetarian 1")

    # Bulk: tag two guests, then filter by that tag.
    _rows(page).filter(has_text="Zoé Müller").get_by_role("checkbox").click()
    _rows(page).filter(has_text="Hugo Müller").get_by_role("checkbox").click()
    expect(page.get_by_test_id("selected-count")).to_have_text("2 selected")
    page.get_by_test_id("bulk-tag-input").fill("Family")
    page.locator("#bulk-tag").click()
    expect(page.get_by_test_id("guest-message")).to_have_text("2 guests updated.")
    page.get_by_test_id("filter-tag").select_option("Family")
    expect(_rows(page)).to_have_count(2)
    page.locator("#filters-clear").click()

    # Bulk delete asks first.
    _rows(page).filter(has_text="Paul Roux").get_by_role("checkbox").click()
    page.locator("#bulk-delete").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("Delete the selected guests?")
    page.locator("#bulk-delete-confirm").click()
    expect(page.get_by_test_id("guest-message")).to_have_text("1 guest deleted.")
    expect(_rows(page)).to_have_count(3)
    expect(page.get_by_test_id("count-guests")).to_have_text("3")


def test_add_a_guest_with_the_dialog_and_answers_per_event(page: Page, base_url: str, shoot):
    page.set_viewport_size(DESKTOP)
    wedding_id, _ = new_couple_with_wedding(page, base_url, "guests-dialog")
    goto(page, f"{base_url}/w/{wedding_id}/guests")
    expect(page.get_by_test_id("count-guests")).to_have_text("0")
    if page.locator("#add-standard-events").count():
        page.locator("#add-standard-events").click()
    page.locator("#guest-add-empty").click()
    dialog = page.get_by_test_id("guest-dialog")
    dialog.get_by_label("First name *").fill("Grace")
    dialog.get_by_label("Last name").fill("Hopper")
    dialog.get_by_label("Email").fill("grace@example.com")
    dialog.get_by_label("Phone").fill("12")
    dialog.locator("#guest-save").click()
    expect(dialog.locator("#e-phone")).to_have_text("12 is not a valid phone number.")
    dialog.get_by_label("Phone").fill("")
    dialog.get_by_label("Gluten-free").check()
    shoot("guest-dialog")
    dialog.locator("#guest-save").click()
    expect(page.get_by_test_id("guest-dialog")).to_have_count(0)
    row = _rows(page).filter(has_text="Grace Hopper")
    expect(row).to_contain_text("Gluten-free")
    expect(row).to_contain_text("Pending")
    expect(page.get_by_test_id("count-guests")).to_have_text("1")
