"""The demo couple's budget, as they use it: add a line, pay it, try a smaller wedding, download the CSV."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.ui import DEMO, demo_wedding_id, goto, log_in, unique

MONEY = re.compile(r"€[\d,]+\.\d\d")


def _euros(text: str) -> float:
    return float(MONEY.search(text).group(0)[1:].replace(",", ""))


def test_budget_add_line_pay_what_if_and_csv(page: Page, base_url: str, shoot):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base_url, *DEMO)
    wid = demo_wedding_id(page)
    goto(page, f"{base_url}/w/{wid}")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Budget").click()
    page.wait_for_url(re.compile(rf".*/w/{wid}/budget/?$"))
    expect(page.get_by_test_id("budget-total")).to_have_text("€40,000.00")
    expect(page.get_by_test_id("headcount")).to_have_text("150")
    expect(page.get_by_test_id("overspent-badge").first).to_be_visible()  # catering and music are over plan
    expect(page.get_by_test_id("due-list")).to_contain_text("Guest shuttle")
    shoot("desktop")

    # Add a line to the venue category.
    name = unique("Lighting ")
    venue = page.get_by_test_id("budget-category").filter(has=page.get_by_role("heading", name="Venue"))
    venue.get_by_test_id("category-add-item").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("What is it for?").fill(name)
    dialog.get_by_label("Vendor").fill("Lumières du Sud")
    dialog.get_by_label("Estimated cost").fill("-600")
    dialog.get_by_test_id("item-save").click()
    expect(dialog.locator("#e-estimated")).to_have_text("An amount cannot be negative.")
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.screenshot(path=str(ARTIFACTS / "budget-item-dialog.png"))
    dialog.get_by_label("Estimated cost").fill("600")
    dialog.get_by_test_id("item-save").click()
    expect(dialog).to_be_hidden()
    line = page.get_by_test_id("budget-item").filter(has_text=name)
    expect(line.get_by_test_id("item-estimated")).to_have_text("€600.00")
    committed_before = page.get_by_test_id("budget-paid").inner_text()

    # Pay more than it costs: a warning and a box to tick, then it goes through.
    line.get_by_test_id("item-pay").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("pay-remaining")).to_have_text("€600.00")
    dialog.get_by_label("Amount").fill("650")
    dialog.get_by_test_id("pay-save").click()
    expect(dialog.locator("#e-amount")).to_contain_text("more than the remaining balance (€600.00)")
    expect(dialog.get_by_test_id("pay-confirm")).to_be_visible()
    dialog.screenshot(path=str(ARTIFACTS / "budget-overpay-dialog.png"))
    dialog.get_by_label("Amount").fill("200")
    dialog.get_by_label("Paid by").select_option(label="Camille's family")
    dialog.get_by_test_id("pay-save").click()
    expect(dialog).to_be_hidden()
    expect(line.get_by_test_id("item-paid")).to_have_text("€200.00")
    expect(line.get_by_test_id("item-remaining")).to_have_text("€400.00")
    assert _euros(page.get_by_test_id("budget-paid").inner_text()) == _euros(committed_before) + 200

    # Share it between the families: the percentages must add up to 100.
    line.get_by_test_id("item-menu").click()
    page.get_by_role("menuitem", name="Split between payers").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("The couple").fill("50")
    dialog.get_by_label("Camille's family").fill("30")
    dialog.get_by_label("Alex's family").fill("10")
    dialog.get_by_test_id("split-save").click()
    expect(dialog.locator("#e-total")).to_have_text("The percentages add up to 90%. They must add up to 100%.")
    dialog.screenshot(path=str(ARTIFACTS / "budget-split-dialog.png"))
    dialog.get_by_label("Alex's family").fill("20")
    dialog.get_by_test_id("split-save").click()
    expect(dialog).to_be_hidden()
    expect(line).to_contain_text("The couple €300.00 · Camille's family €180.00 · Alex's family €120.00")

    # What if only 100 guests came: the per-guest lines and the total go down.
    what_if = page.get_by_test_id("what-if")
    what_if.scroll_into_view_if_needed()
    before = _euros(page.get_by_test_id("whatif-total").inner_text())
    page.get_by_test_id("whatif-guests").fill("100")
    expect(page.get_by_test_id("whatif-delta")).to_have_text(re.compile(r"^−€"))
    after = _euros(page.get_by_test_id("whatif-total").inner_text())
    assert after == before - 50 * (70 + 12)  # dinner at €70 and wine at €12 a head, 50 guests fewer
    expect(page.get_by_test_id("whatif-lines")).to_contain_text("€7,000.00")  # dinner for 100
    page.get_by_test_id("whatif-guests").fill("abc")
    expect(page.locator("#e-guests")).to_have_text("Enter a whole number of guests.")
    page.get_by_test_id("whatif-guests").fill("100")
    what_if.get_by_label("Scenario name").fill("Just 100")
    page.get_by_test_id("scenario-save").click()
    expect(page.get_by_test_id("scenarios")).to_contain_text("Just 100")
    shoot("after")

    # The CSV comes from the session's own handler, as a download.
    with page.expect_download() as info:
        page.get_by_test_id("export-csv").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8-sig").read()
    assert name in text and "Lumières du Sud" in text and "600.00" in text and "200.00" in text

    # On a phone, the page fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    goto(page, f"{base_url}/w/{wid}/budget")
    expect(page.get_by_test_id("budget-total")).to_have_text("€40,000.00")
    shoot("phone")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
