import io
import re

from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.ui import PASSWORD, fill_signup, goto, unique_email, wait_hydrated


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (190, 120, 90)).save(out, "JPEG")
    return out.getvalue()


def test_debug(page: Page, base_url: str, live_app):
    goto(page, f"{base_url}/signup")
    fill_signup(page, "Vera Vendor", unique_email("vendor"), PASSWORD)
    page.get_by_label("Vendor business").check()
    page.locator("#signup-submit").click()
    page.wait_for_url(re.compile(r".*/vendor/?$"))
    wait_hydrated(page)
    expect(page.locator("#vendor-save")).to_be_visible()
    files = page.locator("#portfolio-files input[type=file]")
    files.set_input_files(files=[{"name": "sunset.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    page.locator("#portfolio-upload").click()
    page.wait_for_timeout(4000)
    page.screenshot(path="/tmp/v1_debug1.png", full_page=True)
    print(live_app.log_tail(80))
