"""A vendor signs up, fills the profile and a package, publishes; a couple finds them by word and type, shortlists
two vendors and compares them side by side."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.ui import (
    PASSWORD,
    fill_signup,
    goto,
    log_out,
    new_couple_with_wedding,
    paris_today,
    unique,
    unique_email,
    wait_hydrated,
)

VENDOR_URL = re.compile(r".*/vendor/?$")


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (190, 120, 90)).save(out, "JPEG")
    return out.getvalue()


def test_vendor_publishes_and_a_couple_finds_shortlists_and_compares(
    page: Page, browser: Browser, base_url: str, shoot
):
    word = unique("zeppelin")  # a word only this vendor's package uses
    business = f"Sky {unique('Studio')}"

    # The vendor signs up as a vendor business and lands in the vendor area.
    goto(page, f"{base_url}/signup")
    fill_signup(page, "Vera Vendor", unique_email("vendor"), PASSWORD)
    page.get_by_label("Vendor business").check()
    page.get_by_label("Agency or business name (optional)").fill(business)
    page.locator("#signup-submit").click()
    page.wait_for_url(VENDOR_URL)
    wait_hydrated(page)
    expect(page.get_by_text("Draft: not visible to couples")).to_be_visible()

    # Profile: type, description, base city, prices; saved with a confirmation.
    page.get_by_test_id("type-photographer").click()
    page.get_by_label("Description").first.fill(
        "Aerial wedding photographer for vineyards and châteaux, calm and discreet."
    )
    # The base city: any town (Libourne was not in the former short list), typed with suggestions.
    city = page.get_by_label("Base city")
    city.fill("Libourn")
    expect(page.locator("#base_city-suggestions option[value='Libourne, France']")).to_have_count(1)
    expect(page.get_by_test_id("base_city-match")).to_have_text("Pick a place from the suggestions.")
    city.fill("Libourne, France")
    expect(page.get_by_test_id("base_city-match")).to_have_text("Will be saved as Libourne, France")
    page.get_by_label("Prices from").fill("1200")
    page.get_by_label("Prices up to").fill("3400")
    page.locator("#vendor-save").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()

    # Publishing is refused until there is a package; the page says why.
    page.locator("#vendor-publish").click()
    expect(page.get_by_role("alert").filter(has_text="Add at least one package.")).to_be_visible()

    page.locator("#package-add").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Package name").fill("Sky high")
    dialog.get_by_label("Description").fill(f"Full day with a {word} flight over the venue")
    dialog.get_by_label("Price").fill("2400")
    dialog.get_by_label("What is included (one per line)").fill("Album\nDrone film")
    dialog.locator("#package-save").click()
    expect(page.get_by_test_id("package-card")).to_contain_text("Sky high")

    # Portfolio: a renamed .exe is refused with a clear message; a real photo appears as a thumbnail.
    files = page.locator("#portfolio-files input[type=file]")
    files.set_input_files(
        files=[{"name": "holiday.jpg", "mimeType": "image/jpeg", "buffer": b"MZ\x90\x00" + b"\x00" * 500}]
    )
    page.locator("#portfolio-upload").click()
    expect(page.get_by_role("alert").filter(has_text="This file is not a picture")).to_be_visible()
    expect(page.get_by_test_id("portfolio-image")).to_have_count(0)
    files.set_input_files(files=[{"name": "sunset.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    page.locator("#portfolio-upload").click()
    expect(page.get_by_test_id("portfolio-image")).to_have_count(1)
    expect(page.get_by_test_id("portfolio-image").locator("img")).to_have_js_property("naturalWidth", 400)

    page.locator("#vendor-publish").click()
    expect(page.get_by_text("Your profile is live in the marketplace.")).to_be_visible()
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
    shoot("vendor-profile")

    # Calendar: block a day next month; it is listed with its reason.
    page.get_by_role("link", name="Calendar").click()
    page.wait_for_url(re.compile(r".*/vendor/calendar/?$"))
    page.get_by_role("button", name="Next month").click()
    first = paris_today().replace(day=1)
    day = (first + timedelta(days=40)).replace(day=15)
    page.get_by_test_id(f"cal-{day.isoformat()}").click()
    page.get_by_label("Reason (only you see it)").fill("Family wedding")
    page.locator("#cal-toggle").click()
    expect(page.get_by_text("is blocked.")).to_be_visible()
    expect(page.get_by_text("Family wedding", exact=True)).to_be_visible()  # in the upcoming list
    shoot("vendor-calendar")
    log_out(page)

    # A couple (wedding in Bordeaux), in their own browser, searches by the package word and the type.
    context = browser.new_context()
    page = couple_page = context.new_page()
    wedding_id, _ = new_couple_with_wedding(page, base_url, "market")
    goto(page, f"{base_url}/w/{wedding_id}/vendors")
    expect(page.get_by_test_id("ranking-formula")).to_contain_text("No vendor can pay to rank higher.")
    page.get_by_placeholder("Words: style, package, city…").fill(word)
    page.get_by_label("Type").select_option("photographer")
    page.locator("#market-search").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 vendor found")
    card = page.get_by_test_id("vendor-card").filter(has_text=business)
    expect(card).to_be_visible()
    expect(card.get_by_test_id("why-score")).to_contain_text("= 0.6 ×")
    card.get_by_test_id("shortlist-toggle").click()
    expect(card.get_by_test_id("shortlist-toggle")).to_contain_text("On your shortlist")
    ARTIFACTS.mkdir(exist_ok=True)
    couple_page.screenshot(path=str(ARTIFACTS / "vendors-marketplace-search.png"), full_page=True)

    # A second vendor, from its own page, with a note.
    page.get_by_placeholder("Words: style, package, city…").fill("drone album")
    page.locator("#market-search").click()
    other = page.get_by_test_id("vendor-card").filter(has_text="Lumière Photo")
    other.get_by_test_id("vendor-link").click()
    expect(page.get_by_test_id("vendor-name")).to_have_text("Lumière Photo")
    expect(page.get_by_test_id("availability")).to_be_visible()
    page.get_by_label("Your note (only your team sees it)").fill("Ask about the album paper")
    page.locator("#detail-shortlist").click()
    expect(page.get_by_text("Saved to your shortlist.")).to_be_visible()
    couple_page.screenshot(path=str(ARTIFACTS / "vendors-marketplace-detail.png"), full_page=True)

    # Compare the two side by side.
    goto(page, f"{base_url}/w/{wedding_id}/vendors/compare")
    table = page.get_by_test_id("compare-table")
    expect(table).to_contain_text(business)
    expect(table).to_contain_text("Lumière Photo")
    expect(table).to_contain_text("Sky high")
    expect(table).to_contain_text("Ask about the album paper")
    couple_page.screenshot(path=str(ARTIFACTS / "vendors-marketplace-compare.png"), full_page=True)

    # The area filter needs the wedding's town: the page says so and links to the wedding details, where the couple
    # picks it with suggestions; then the filter keeps the vendors who travel there.
    goto(page, f"{base_url}/w/{wedding_id}/vendors")
    page.get_by_text("Serves the wedding's area").click()
    page.get_by_test_id("choose-wedding-town").click()
    page.wait_for_url(re.compile(r".*/settings/?$"))
    wait_hydrated(page)
    town = page.get_by_label("Town or city")
    town.fill("nowhere-sur-mer")
    expect(page.get_by_test_id("city-match")).to_have_text(
        "No town or city of that name. Check the spelling, or try a nearby town."
    )
    page.locator("#settings-save").click()
    expect(page.get_by_text("We do not know this place.")).to_be_visible()
    town.fill("libourne")
    expect(page.get_by_test_id("city-match")).to_have_text("Will be saved as Libourne, France")
    couple_page.screenshot(path=str(ARTIFACTS / "wedding-settings-town.png"), full_page=True)
    page.locator("#settings-save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    goto(page, f"{base_url}/w/{wedding_id}/vendors")
    page.get_by_text("Serves the wedding's area").click()
    expect(page.get_by_text("Serves the wedding's area (Libourne, France)")).to_be_visible()
    page.get_by_placeholder("Words: style, package, city…").fill(word)
    page.locator("#market-search").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 vendor found")
    expect(page.get_by_test_id("vendor-card").filter(has_text=business)).to_contain_text("Libourne, France")
    couple_page.screenshot(path=str(ARTIFACTS / "vendors-marketplace-area.png"), full_page=True)
