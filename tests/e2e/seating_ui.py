"""The seating canvas as the browser tests drive it: open a plan, find a table and its count, drag with a pointer."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.e2e.ui import goto, log_in
from tests.helpers import PASSWORD


def open_plan(page: Page, base_url: str, account, wid, ev, tables: int = 3) -> None:
    """Log in and open the event's plan, waiting until its tables are drawn."""
    log_in(page, base_url, account.email, PASSWORD)
    goto(page, f"{base_url}/w/{wid}/seating/{ev}")
    expect(page.get_by_test_id("seating-table")).to_have_count(tables, timeout=15_000)


def plan_table(page: Page, label: str) -> Locator:
    return page.locator(f'[data-testid="seating-table"][data-label="{label}"]')


def table_count(page: Page, label: str) -> Locator:
    return plan_table(page, label).get_by_test_id("table-count")


def drag(page: Page, source: Locator, target: Locator) -> None:
    """Pointer drag as a mouse does it: press, move in steps, release (the same events a finger sends)."""
    a, b = source.bounding_box(), target.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=20)
    page.mouse.up()


def household(page: Page, name: str) -> Locator:
    return page.get_by_test_id("household-grip").filter(has_text=name)
