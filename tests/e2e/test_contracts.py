"""Contracts as people use them: a vendor uploads a contract PDF, an admin requests changes, the vendor
uploads a new version, the admin compares the versions and approves, the couple and the vendor sign,
and the executed PDF downloads with its signature page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from services import contract_pdf
from tests.contract_helpers import booking_for, sample_pdf, vendor_org
from tests.e2e.ui import ADMIN, goto, log_in
from tests.helpers import PASSWORD, configure_backend, signup, unique_email

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
CONTRACT_URL = re.compile(r".*/vendor/contracts/([0-9a-f-]{36})/?$")
V1 = sample_pdf("Photography services agreement", "Deposit 30 percent at signature", "Balance on the day")
V2 = sample_pdf("Photography services agreement", "Deposit 25 percent at signature", "Balance on the day")


@pytest.fixture(scope="module")
def parties(live_app):
    """A vendor organization (Lumière Photo) with a confirmed booking for Noor & Sami's wedding."""
    with pytest.MonkeyPatch.context() as mp:
        configure_backend(mp, live_app.database_url, live_app.redis_url)
        vendor = signup("Lucie Vendor", email=unique_email("vendor"))
        couple = signup("Noor Haddad", email=unique_email("noor"))
        org = vendor_org(vendor, name="Lumière Photo E2E")
        booking = booking_for(couple, org)
    return {"vendor": vendor, "couple": couple, "booking": booking}


def _context_page(browser: Browser, base_url: str, email: str, password: str) -> Page:
    context = browser.new_context(viewport=DESKTOP, base_url=base_url, accept_downloads=True)
    page = context.new_page()
    log_in(page, base_url, email, password)
    return page


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"contracts-{name}.png"), full_page=True)


def _upload(page: Page, upload_id: str, data: bytes, name: str) -> None:
    page.locator(f"#{upload_id} input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": data}]
    )
    expect(page.get_by_test_id("chosen-file")).to_have_text(name)


def test_contract_from_upload_to_signed_pdf(browser: Browser, base_url: str, parties):
    booking = parties["booking"]
    vendor = _context_page(browser, base_url, parties["vendor"].email, PASSWORD)
    admin = _context_page(browser, base_url, *ADMIN)
    couple = _context_page(browser, base_url, parties["couple"].email, PASSWORD)

    # The vendor attaches a PDF to the booking; a renamed program is refused first, nothing is stored.
    goto(vendor, f"{base_url}/vendor/contracts?booking={booking.id}")
    _shot(vendor, "vendor-new")
    title = vendor.get_by_label("Title", exact=True)
    title.fill("Photography contract · Noor & Sami")
    title.blur()
    _upload(vendor, "contract-file", b"MZ\x90\x00" + b"\x00" * 200, "contract.pdf")
    vendor.get_by_test_id("upload-contract").click()
    expect(vendor.locator("#e-file")).to_contain_text("Windows program")
    _upload(vendor, "contract-file", V1, "contract-v1.pdf")
    vendor.get_by_test_id("upload-contract").click()
    vendor.wait_for_url(CONTRACT_URL)
    contract_id = CONTRACT_URL.match(vendor.url).group(1)
    expect(vendor.get_by_test_id("contract-status")).to_have_text("Draft")
    _shot(vendor, "vendor-draft")
    vendor.get_by_test_id("submit-contract").click()
    expect(vendor.get_by_test_id("contract-status")).to_have_text("Submitted")

    # The version PDF is served inline, as a PDF, only through the authorized route.
    response = vendor.request.get(f"/api/v1/contracts/{contract_id}/versions/1.pdf")
    assert response.status == 200 and response.body() == V1
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("inline")
    assert couple.request.get(f"/api/v1/contracts/{contract_id}/versions/1.pdf").status == 404  # not approved yet

    # The admin finds it in the queue, opens the review and asks for changes.
    goto(admin, f"{base_url}/admin/contracts")
    admin.get_by_label("Vendor").fill("Lumière Photo E2E")
    admin.get_by_test_id("apply-filters").click()
    row = admin.get_by_role("row").filter(has_text="Photography contract · Noor & Sami")
    expect(row).to_contain_text("Submitted")
    expect(row).to_contain_text("€2,400.00")
    _shot(admin, "admin-queue")
    row.get_by_role("link").click()
    admin.wait_for_url(re.compile(rf".*/admin/contracts/{contract_id}/?$"))
    admin.get_by_test_id("start-review").click()
    expect(admin.get_by_test_id("contract-status")).to_have_text("In review")
    admin.get_by_label("Comment on this version").fill("Clause 2: the deposit must be 25 percent.")
    admin.get_by_test_id("add-comment").click()
    expect(admin.get_by_text("Clause 2: the deposit must be 25 percent.")).to_be_visible()
    admin.locator("select[name=decision]").select_option("request_changes")
    admin.get_by_test_id("decide").click()
    expect(admin.locator("#e-reason")).to_contain_text("Give a reason")
    admin.get_by_label("Reason (recorded with the decision and shown to the vendor)").fill("Deposit must be 25%")
    admin.get_by_test_id("decide").click()
    expect(admin.get_by_test_id("contract-status")).to_have_text("Changes requested")

    # The vendor sees why, uploads version 2 and submits again.
    vendor.reload()
    expect(vendor.get_by_test_id("contract-status")).to_have_text("Changes requested")
    expect(vendor.get_by_text("Deposit must be 25%")).to_be_visible()
    expect(vendor.get_by_text("Clause 2: the deposit must be 25 percent.")).to_be_visible()
    _shot(vendor, "vendor-changes-requested")
    _upload(vendor, "version-file", V2, "contract-v2.pdf")
    vendor.get_by_test_id("upload-version").click()
    expect(vendor.get_by_test_id("current-version")).to_contain_text("2")
    vendor.get_by_test_id("submit-contract").click()
    expect(vendor.get_by_test_id("contract-status")).to_have_text("Submitted")

    # The admin compares the two versions side by side and approves with a reason.
    admin.reload()
    admin.get_by_test_id("start-review").click()
    expect(admin.get_by_test_id("contract-status")).to_have_text("In review")
    changed = admin.locator(".diff-row[data-kind=changed]")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("Deposit 30 percent at signature")
    expect(changed).to_contain_text("Deposit 25 percent at signature")
    _shot(admin, "admin-review")
    admin.locator("select[name=decision]").select_option("approve")
    admin.get_by_label("Reason (recorded with the decision and shown to the vendor)").fill("Deposit fixed, terms fair")
    admin.get_by_test_id("decide").click()
    expect(admin.get_by_test_id("contract-status")).to_have_text("Approved")

    # The couple finds it under Contracts and signs: name and consent are both required.
    goto(couple, f"{base_url}/w/{booking.wedding_id}/contracts")
    couple.get_by_role("link", name="Photography contract · Noor & Sami").click()
    expect(couple.get_by_test_id("contract-status")).to_have_text("Approved")
    couple.get_by_label("Your full name").fill("Noor Haddad")
    couple.get_by_test_id("sign").click()
    expect(couple.locator("#e-consent")).to_contain_text("Tick the box")
    couple.get_by_label("I have read this contract and I agree to sign it electronically.").check()
    _shot(couple, "couple-sign")
    couple.get_by_test_id("sign").click()
    expect(couple.get_by_test_id("contract-status")).to_have_text("Signed by the couple")

    # The vendor countersigns: the contract is executed and the signed PDF downloads.
    vendor.reload()
    vendor.get_by_label("Your full name").fill("Lucie Vendor")
    vendor.get_by_label("I have read this contract and I agree to sign it electronically.").check()
    vendor.get_by_test_id("sign").click()
    expect(vendor.get_by_test_id("contract-status")).to_have_text("Executed")
    with vendor.expect_download() as info:
        vendor.get_by_test_id("download-executed").click()
    executed = open(info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    reader = PdfReader(io.BytesIO(executed))
    assert len(reader.pages) == len(PdfReader(io.BytesIO(V2)).pages) + 1
    last = " ".join((reader.pages[-1].extract_text() or "").split())
    assert "Noor Haddad" in last and "Lucie Vendor" in last
    assert contract_pdf.sha256(V2) in last.replace(" ", "")
    vendor.get_by_test_id("verify").click()
    expect(vendor.get_by_test_id("verified")).to_have_text("Unchanged since signing")

    # The couple downloads the same executed PDF.
    couple.reload()
    expect(couple.get_by_test_id("contract-status")).to_have_text("Executed")
    _shot(couple, "couple-executed")
    same = couple.request.get(f"/api/v1/contracts/{contract_id}/executed.pdf")
    assert same.status == 200 and same.body() == executed
