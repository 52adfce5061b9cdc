"""What the browser tests share: accounts, and the steps a user takes to sign up, log in, create a wedding."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

DEMO = ("demo@attitudes.vip", "demo-wedding-2027")
ADMIN = ("admin@attitudes.vip", "admin-attitudes-2027")
DEMO_COUPLE = "Camille & Alex"
PASSWORD = "a long enough passphrase 42"

WEDDINGS_URL = re.compile(r".*/weddings/?(\?.*)?$")
DASHBOARD_URL = re.compile(r".*/w/([0-9a-f-]{36})/?$")
LOGIN_URL = re.compile(r".*/login/?(\?.*)?$")

# React has attached its handlers to the page (submitting earlier would be a plain HTML form GET).
_HYDRATED = """() => {
  const el = document.querySelector('#main');
  return !!el && Object.keys(el).some(k => k.startsWith('__reactFiber') || k.startsWith('__reactProps'));
}"""


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def unique_email(tag: str) -> str:
    return f"e2e-{tag}-{uuid.uuid4().hex[:10]}@example.com"


def wait_hydrated(page: Page) -> None:
    page.wait_for_function(_HYDRATED, polling=100, timeout=15_000)


def goto(page: Page, url: str) -> None:
    page.goto(url)
    wait_hydrated(page)


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    goto(page, f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(WEDDINGS_URL)


def log_out(page: Page) -> None:
    page.locator("#logout").click()
    expect(page, "the log-out button should end the session and show the log-in page").to_have_url(
        LOGIN_URL, timeout=10_000)
    expect(page.get_by_text("You are logged out. See you soon!")).to_be_visible()


def fill_signup(page: Page, name: str, email: str, password: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)


def sign_up(page: Page, base_url: str, email: str, name: str = "E2E Tester", password: str = PASSWORD) -> None:
    """A new couple account; lands on the onboarding form."""
    goto(page, f"{base_url}/signup")
    fill_signup(page, name, email, password)
    page.locator("#signup-submit").click()
    page.wait_for_url(re.compile(r".*/onboarding/?$"))
    wait_hydrated(page)


@dataclass(frozen=True)
class NewWedding:
    partner_a: str
    partner_b: str
    wedding_date: date
    venue: str = "Château de Test"
    guests: int = 120
    budget: str = "25000"
    currency: str = "EUR"
    language: str = "English"
    timezone: str = "Europe/Paris"

    @property
    def couple(self) -> str:
        return f"{self.partner_a} & {self.partner_b}"


def paris_today() -> date:
    return datetime.now(ZoneInfo("Europe/Paris")).date()


def new_wedding(days_ahead: int = 200, **overrides) -> NewWedding:
    return NewWedding(partner_a=unique("Ada"), partner_b=unique("Bo"),
                      wedding_date=paris_today() + timedelta(days=days_ahead), **overrides)


def fill_wedding_form(page: Page, w: NewWedding) -> None:
    page.get_by_label("First partner's name").fill(w.partner_a)
    page.get_by_label("Second partner's name").fill(w.partner_b)
    page.get_by_label("Wedding date").fill(w.wedding_date.isoformat())
    page.get_by_label("Expected number of guests").fill(str(w.guests))
    page.get_by_label("Venue name").fill(w.venue)
    page.get_by_label("Total budget").fill(w.budget)
    page.get_by_label("Currency").select_option(w.currency)
    page.get_by_label("Language of the wedding").select_option(label=w.language)
    page.get_by_label("Time zone").select_option(w.timezone)


def onboard(page: Page, w: NewWedding) -> str:
    """Fill the onboarding form, land on the new dashboard; returns the wedding id."""
    fill_wedding_form(page, w)
    page.locator("#onboarding-submit").click()
    page.wait_for_url(DASHBOARD_URL)
    expect(page.get_by_role("heading", name=w.couple)).to_be_visible()
    return DASHBOARD_URL.match(page.url).group(1)


def new_couple_with_wedding(page: Page, base_url: str, tag: str, **overrides) -> tuple[str, NewWedding]:
    """Sign up a fresh couple and create their wedding; returns (wedding id, wedding)."""
    sign_up(page, base_url, unique_email(tag))
    w = new_wedding(**overrides)
    return onboard(page, w), w


def demo_wedding_id(page: Page) -> str:
    """From /weddings (logged in as the demo couple): the id behind "Open dashboard"."""
    link = page.get_by_role("link", name="Open dashboard").first
    expect(link).to_be_visible()
    return re.search(r"/w/([0-9a-f-]{36})", link.get_attribute("href")).group(1)
