"""Contract documents: content checks, hashing, template rendering, signature page and tamper check."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader, PdfWriter

from services import contract_pdf as cp
from services.errors import ValidationError

WHEN = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
FIELDS = {
    "parties": "Lumière Photo (vendor) and Ana Müller & Ben Okafor (couple)",
    "date": "2027-06-12",
    "services": "Full-day coverage\nOnline gallery",
    "price": "€2,400.00",
    "payment_schedule": "30% deposit at signature, balance 14 days before",
    "cancellation_terms": "Deposit kept if cancelled within 90 days",
}


def _pdf(text: str = "Contract body") -> bytes:
    return cp.render_template({**FIELDS, "services": text}, title="Photo contract", lang="en", created_at=WHEN)


def _error(data: bytes) -> str:
    with pytest.raises(ValidationError) as err:
        cp.check_pdf(data)
    return err.value.field_errors["file"].id


def test_valid_pdf_is_accepted_with_its_hash():
    data = _pdf()
    info = cp.check_pdf(data)
    assert info.pages == 1 and info.size == len(data)
    assert info.sha256 == cp.sha256(data) and len(info.sha256) == 64


def test_renamed_windows_program_is_refused():
    assert "Windows program" in _error(b"MZ\x90\x00\x03" + b"\x00" * 500)


def test_zip_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("contract.pdf", _pdf())  # a real PDF inside does not make the zip a PDF
    assert "ZIP archive" in _error(buf.getvalue())


def test_text_file_named_pdf_is_refused():
    assert "not a PDF" in _error(b"I am a contract, trust me")


def test_pdf_header_without_a_document_is_refused():
    assert "damaged" in _error(b"%PDF-1.7\n%garbage that is no PDF structure\n")


def test_too_large_is_refused_before_parsing():
    big = _pdf() + b"\n%" + b"x" * (cp.MAX_PDF_BYTES)
    assert "15 MB" in _error(big)


def test_empty_file_is_refused():
    assert "empty" in _error(b"")


def test_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert "password" in _error(out.getvalue())


def test_hash_changes_with_any_byte():
    data = _pdf()
    flipped = data[:100] + bytes([data[100] ^ 1]) + data[101:]
    assert cp.sha256(data) != cp.sha256(flipped)
    assert cp.sha256(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_template_renders_every_field_and_is_reproducible():
    a = cp.render_template(FIELDS, title="Photo contract", lang="en", created_at=WHEN)
    b = cp.render_template(dict(FIELDS), title="Photo contract", lang="en", created_at=WHEN)
    assert cp.sha256(a) == cp.sha256(b)
    text = " ".join(" ".join(cp.page_texts(a)).split())
    for heading in ("Parties", "Services", "Price", "Payment schedule", "Cancellation terms"):
        assert heading in text
    assert "Ana Müller" in text and "€2,400.00" in text and "Deposit kept" in text
    changed = cp.render_template({**FIELDS, "price": "€2,500.00"}, title="Photo contract", lang="en", created_at=WHEN)
    assert cp.sha256(changed) != cp.sha256(a)


def test_field_diff_marks_changed_fields():
    rows = cp.field_diff(FIELDS, {**FIELDS, "price": "€2,500.00"})
    changed = [r for r in rows if r.kind == "changed"]
    assert [(r.label, r.left, r.right) for r in changed] == [("price", "€2,400.00", "€2,500.00")]


def test_text_diff_between_versions():
    rows = cp.text_diff(["Line one\nDeposit 30%\nEnd"], ["Line one\nDeposit 40%\nEnd", "Annex"])
    kinds = [(r.kind, r.left, r.right, r.label) for r in rows]
    assert ("changed", "Deposit 30%", "Deposit 40%", "1") in kinds
    assert ("added", "", "Annex", "2") in kinds
    assert ("same", "Line one", "Line one", "1") in kinds


def _signed() -> tuple[bytes, bytes]:
    doc = _pdf("Two pages?\n" * 3)
    digest = cp.sha256(doc)
    sigs = [
        cp.SignatureLine("couple", "Ana Müller", WHEN, "203.0.113.7", "Mozilla/5.0 Test", digest),
        cp.SignatureLine("vendor", "Jo Lumière", WHEN.replace(hour=15), "198.51.100.2", "Firefox", digest),
    ]
    page = cp.signature_page(sigs, title="Photo contract", document_sha256=digest, timezone="Europe/Paris", lang="en")
    return doc, cp.append_pages(doc, page)


def test_signature_page_is_appended_with_every_signer():
    doc, executed = _signed()
    assert len(PdfReader(io.BytesIO(executed)).pages) == len(PdfReader(io.BytesIO(doc)).pages) + 1
    last = " ".join(cp.page_texts(executed)[-1].split())
    assert "Ana Müller" in last and "Jo Lumière" in last
    assert "203.0.113.7" in last and "Mozilla/5.0 Test" in last
    assert "2026-11-29 12:00:00 UTC" in last and "13:00:00 CET" in last  # UTC and the wedding's zone
    assert cp.sha256(doc) in last.replace(" ", "")
    # The original pages are carried over unchanged in content.
    assert cp.page_texts(executed)[0] == cp.page_texts(doc)[0]


def test_verify_detects_tampering():
    _, executed = _signed()
    digest = cp.sha256(executed)
    assert cp.verify(executed, digest)
    tampered = executed.replace(b"Ana", b"Eve", 1) if b"Ana" in executed else executed[:-10] + b"0" * 10
    assert not cp.verify(tampered, digest)
    assert not cp.verify(executed + b"\n", digest)
    assert not cp.verify(executed, "")
