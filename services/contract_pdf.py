"""Contract documents: PDF checks by content, SHA-256, template rendering, the signature page.

Pure functions over bytes (no database, no storage): services.contracts stores what they return.
- check_pdf(): the upload must *be* a PDF (magic bytes, parsed by pypdf, not encrypted, has
  pages), whatever its file name says, and at most MAX_PDF_BYTES.
- render_template(): the template fields as a PDF (fpdf2), reproducible for the same fields.
- executed_pdf(): the approved document with a signature page appended (pypdf), built once.
"""

from __future__ import annotations

import difflib
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError

from services import i18n
from services.errors import N_, ValidationError
from services.runsheet import GRAY, PLUM, _latin1, dejavu

MAX_PDF_BYTES = 15 * 1024 * 1024
TEMPLATE_FIELDS = ("parties", "date", "services", "price", "payment_schedule", "cancellation_terms")
_SIGNATURES: dict[bytes, Any] = {
    b"MZ": N_("This file is a Windows program, not a PDF. Upload the contract as a PDF document."),
    b"\x7fELF": N_("This file is a program, not a PDF. Upload the contract as a PDF document."),
    b"PK\x03\x04": N_("This file is a ZIP archive (or an Office document), not a PDF. Export the contract as PDF."),
    b"PK\x05\x06": N_("This file is a ZIP archive (or an Office document), not a PDF. Export the contract as PDF."),
    b"\x89PNG": N_("This file is an image, not a PDF. Upload the contract as a PDF document."),
    b"\xff\xd8\xff": N_("This file is an image, not a PDF. Upload the contract as a PDF document."),
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    size: int
    sha256: str


def _refuse(msg) -> ValidationError:
    return ValidationError({"file": msg})


def check_pdf(data: bytes) -> PdfInfo:
    """Accept only a readable, unencrypted PDF of at most 15 MB; a clear error otherwise."""
    if not data:
        raise _refuse(N_("The file is empty. Choose the contract PDF."))
    if len(data) > MAX_PDF_BYTES:
        raise _refuse(N_("The file is larger than 15 MB. Compress the PDF or split the annexes."))
    if not data.startswith(b"%PDF-"):
        for magic, msg in _SIGNATURES.items():
            if data.startswith(magic):
                raise _refuse(msg)
        raise _refuse(N_("This file is not a PDF (whatever its name says). Upload the contract as a PDF document."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(N_("This PDF is password-protected. Upload a copy without a password."))
        pages = len(reader.pages)
        for page in reader.pages[:3]:  # make sure the page tree is really readable
            page.mediabox  # noqa: B018
    except ValidationError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        raise _refuse(N_("This PDF is damaged and cannot be read. Export it again and upload the new file.")) from None
    if pages < 1:
        raise _refuse(N_("This PDF has no pages."))
    return PdfInfo(pages=pages, size=len(data), sha256=sha256(data))


def page_texts(data: bytes) -> list[str]:
    """The text of every page (for the review diff), best effort."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    out = []
    for page in reader.pages:
        try:
            out.append(page.extract_text() or "")
        except Exception:  # noqa: BLE001 - a page whose text cannot be extracted diffs as empty
            out.append("")
    return out


# ---------- diffs for the review page ----------


@dataclass(frozen=True)
class DiffRow:
    kind: str  # same | changed | added | removed
    left: str
    right: str
    label: str = ""


def text_diff(old_pages: Sequence[str], new_pages: Sequence[str]) -> list[DiffRow]:
    """Line diff of extracted text, page by page, as side-by-side rows."""
    rows: list[DiffRow] = []
    for n in range(max(len(old_pages), len(new_pages))):
        a = (old_pages[n] if n < len(old_pages) else "").splitlines()
        b = (new_pages[n] if n < len(new_pages) else "").splitlines()
        label = str(n + 1)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                rows.extend(
                    DiffRow("same", a[i], b[j], label) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                )
                continue
            left, right = a[i1:i2], b[j1:j2]
            for k in range(max(len(left), len(right))):
                lt = left[k] if k < len(left) else ""
                rt = right[k] if k < len(right) else ""
                kind = "changed" if lt and rt else ("removed" if lt else "added")
                rows.append(DiffRow(kind, lt, rt, label))
    return rows


def field_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[DiffRow]:
    """Template contracts: one row per field, marked when its value changed."""
    rows = []
    for name in TEMPLATE_FIELDS:
        a, b = str(old.get(name, "") or ""), str(new.get(name, "") or "")
        rows.append(DiffRow("same" if a == b else "changed", a, b, name))
    return rows


# ---------- PDF generation ----------


class _Doc(FPDF):
    def __init__(self, unicode: bool, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode = unicode
        self.footer_text = footer_text

    def t(self, text: str) -> str:
        return text if self.unicode else _latin1(text)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_family, "", 8)
        self.set_text_color(*GRAY)
        self.cell(0, 6, self.t(f"{self.footer_text} · {self.page_no()}/{{nb}}"), align="C")


def _new_doc(title: str, footer: str, when: datetime) -> tuple[_Doc, str]:
    fonts = dejavu()
    pdf = _Doc(unicode=fonts is not None, footer_text=footer)
    if fonts:
        pdf.add_font("DejaVu", "", str(fonts[0]))
        pdf.add_font("DejaVu", "B", str(fonts[1]))
        family = "DejaVu"
    else:
        family = "Helvetica"
    pdf.set_title(pdf.t(title))
    pdf.set_creator("Attitudes.vip")
    pdf.set_creation_date(when.astimezone(UTC))  # same fields and time -> the same bytes
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(16, 16, 16)
    pdf.add_page()
    return pdf, family


def render_template(fields: Mapping[str, str], *, title: str, lang: str, created_at: datetime) -> bytes:
    """A template contract as PDF: title, then each field under its heading."""
    headings = {
        "parties": i18n.gettext(lang, "Parties"),
        "date": i18n.gettext(lang, "Date of the event"),
        "services": i18n.gettext(lang, "Services"),
        "price": i18n.gettext(lang, "Price"),
        "payment_schedule": i18n.gettext(lang, "Payment schedule"),
        "cancellation_terms": i18n.gettext(lang, "Cancellation terms"),
    }
    pdf, family = _new_doc(title, i18n.gettext(lang, "Contract · {title}", title=title), created_at)
    pdf.set_font(family, "B", 18)
    pdf.set_text_color(*PLUM)
    pdf.multi_cell(0, 9, pdf.t(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for name in TEMPLATE_FIELDS:
        pdf.set_font(family, "B", 12)
        pdf.set_text_color(*PLUM)
        pdf.cell(0, 8, pdf.t(headings[name]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 11)
        pdf.set_text_color(20, 20, 20)
        pdf.multi_cell(0, 6, pdf.t(str(fields.get(name, "") or "-")), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


@dataclass(frozen=True)
class SignatureLine:
    role: str  # couple | vendor
    full_name: str
    signed_at: datetime
    ip: str
    user_agent: str
    document_sha256: str


def signature_page(
    signatures: Sequence[SignatureLine], *, title: str, document_sha256: str, timezone: str, lang: str
) -> bytes:
    """One PDF page listing each signature: name, time (UTC and the wedding's zone), IP, browser, hash."""
    first = min((s.signed_at for s in signatures), default=datetime.now(UTC))
    pdf, family = _new_doc(
        i18n.gettext(lang, "Signatures"), i18n.gettext(lang, "Signatures · {title}", title=title), first
    )
    pdf.set_font(family, "B", 18)
    pdf.set_text_color(*PLUM)
    pdf.cell(0, 10, pdf.t(i18n.gettext(lang, "Signatures")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.set_text_color(*GRAY)
    pdf.multi_cell(0, 5, pdf.t(title), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        5,
        pdf.t(i18n.gettext(lang, "Signed document SHA-256: {sha}", sha=document_sha256)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    roles = {"couple": i18n.gettext(lang, "For the couple"), "vendor": i18n.gettext(lang, "For the vendor")}
    tz = ZoneInfo(timezone)
    for sig in signatures:
        pdf.set_font(family, "B", 13)
        pdf.set_text_color(20, 20, 20)
        pdf.cell(0, 8, pdf.t(f"{roles.get(sig.role, sig.role)}: {sig.full_name}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)
        utc = sig.signed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        local = sig.signed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %Z")
        lines = (
            i18n.gettext(lang, "Signed at: {utc} ({local}, {tz})", utc=utc, local=local, tz=timezone),
            i18n.gettext(lang, "IP address: {ip}", ip=sig.ip or "-"),
            i18n.gettext(lang, "Browser: {ua}", ua=(sig.user_agent or "-")[:300]),
            i18n.gettext(lang, "Document SHA-256: {sha}", sha=sig.document_sha256),
            i18n.gettext(lang, "Signed by typing the full name and ticking the consent box."),
        )
        for line in lines:
            pdf.multi_cell(0, 5, pdf.t(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    return bytes(pdf.output())


def append_pages(document: bytes, extra: bytes) -> bytes:
    """The document with `extra`'s pages appended; the original pages are copied unchanged."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document), strict=False))
    for page in PdfReader(io.BytesIO(extra)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def verify(data: bytes, expected_sha256: str) -> bool:
    """True when the stored bytes still hash to the recorded value."""
    return bool(expected_sha256) and sha256(data) == expected_sha256
