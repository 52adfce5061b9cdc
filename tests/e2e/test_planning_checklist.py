"""Planning in the browser: a wedding from a template, ticking tasks, sharing the timeline, the calendar feed."""

from __future__ import annotations

from pathlib import Path

import httpx
import icalendar
from playwright.sync_api import Browser, Page, expect

from services.templates import template_tasks
from tests.e2e.ui import goto, new_wedding, onboard, sign_up, unique_email

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(el => el.tagName.toLowerCase() + '.' + [...el.classList].slice(0, 3).join('.') + '@' +
       Math.round(el.getBoundingClientRect().right) + ':' + (el.innerText || '').slice(0, 30)).slice(0, 8)"""
NO_OVERFLOW = """() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"""


def test_a_template_wedding_has_a_checklist_and_ticking_a_task_moves_the_progress(page: Page, base_url: str, shoot):
    sign_up(page, base_url, unique_email("checklist"))
    page.get_by_test_id("template-intimate").check()
    wedding_id = onboard(page, new_wedding(days_ahead=400))
    total = len(template_tasks("intimate"))

    goto(page, f"{base_url}/w/{wedding_id}/checklist")
    expect(page.get_by_test_id("checklist-progress")).to_have_text(f"0 of {total} done")
    expect(page.get_by_test_id("task-row")).to_have_count(total)
    expect(page.get_by_role("heading", name="12 months before")).to_be_visible()

    page.get_by_role("checkbox", name="Choose a wedding date").click()
    expect(page.get_by_test_id("checklist-progress")).to_have_text(f"1 of {total} done")
    page.get_by_test_id("filter-done").click()
    expect(page.get_by_test_id("task-row")).to_have_count(1)
    page.get_by_test_id("filter-all").click()

    # A new task with an empty title is refused next to the field; a real one is added.
    page.locator("#task-new").click()
    page.locator("#task-save").click()
    expect(page.locator("#e-title")).to_have_text("Enter what needs to be done.")
    page.get_by_label("Task", exact=True).fill("Taste the wedding cake")
    page.get_by_label("Due date").fill("2030-01-01")
    page.locator("#task-save").click()
    expect(page.get_by_test_id("checklist-progress")).to_have_text(f"1 of {total + 1} done")
    expect(page.get_by_text("Taste the wedding cake")).to_be_visible()
    shoot("checklist-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate(NO_OVERFLOW), "the checklist scrolls sideways on a phone"
    shoot("checklist-phone")


def test_share_the_timeline_open_it_logged_out_on_a_phone_and_subscribe(
    page: Page, browser: Browser, base_url: str, shoot
):
    sign_up(page, base_url, unique_email("timeline"))
    wedding = new_wedding(days_ahead=300)
    wedding_id = onboard(page, wedding)  # classic template: ceremony and reception with a draft timeline
    goto(page, f"{base_url}/w/{wedding_id}/timeline")
    expect(page.get_by_test_id("timeline-item").first).to_be_visible()

    # A negative duration is refused next to the field.
    page.locator("#timeline-new").click()
    page.get_by_label("What happens").fill("Fireworks")
    page.get_by_label("Starts at").fill("22:30")
    page.get_by_label("Duration (minutes)").fill("-10")
    page.locator("#timeline-save").click()
    expect(page.locator("#e-duration")).to_have_text("An item cannot end before it starts: enter 0 minutes or more.")
    page.get_by_label("Duration (minutes)").fill("15")
    page.locator("#timeline-save").click()
    expect(page.get_by_text("Fireworks")).to_be_visible()
    shoot("timeline-desktop")

    page.get_by_label("Who is it for?").fill("Photographer")
    page.locator("#share-create").click()
    link = page.get_by_test_id("share-link")
    expect(link).to_contain_text("/timeline/")
    url = link.inner_text().strip()

    # Logged out, on a phone: the shared, read-only timeline.
    visitor = browser.new_context(viewport=PHONE)
    phone = visitor.new_page()
    goto(phone, url)
    expect(phone.get_by_role("heading", name=wedding.couple)).to_be_visible()
    expect(phone.get_by_test_id("shared-timeline").get_by_text("Fireworks")).to_be_visible()
    expect(phone.get_by_role("button", name="Edit")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "planning-shared-timeline-phone.png"), full_page=True)
    assert phone.evaluate(NO_OVERFLOW), f"the shared timeline scrolls sideways at 390 px: {phone.evaluate(WIDE)}"

    # The personal calendar link serves a calendar that parses.
    page.locator("#feed-create").click()
    feed = page.get_by_test_id("feed-url")
    expect(feed).to_contain_text("/api/calendar/")
    response = httpx.get(feed.inner_text().strip(), timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert "Fireworks" in summaries and any(s.startswith("To do: ") for s in summaries)

    # Revoked: the same link shows a friendly page.
    page.get_by_test_id("share-row").get_by_role("button", name="Revoke").click()
    page.locator("#share-revoke-confirm").click()
    expect(page.get_by_test_id("share-row")).to_have_count(0)
    goto(phone, url)
    expect(phone.get_by_test_id("share-problem")).to_have_text(
        "This link is not valid any more. Ask the couple for a new one."
    )
    visitor.close()
