"""The printable run sheet: the day-of timeline as a PDF (fpdf2), in the viewer's language.

Text is set in DejaVu Sans (Debian package `fonts-dejavu-core`), which covers accents and most
scripts. Without it, the core Helvetica font is used and text is transliterated to Latin-1.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from fpdf import FPDF

from services import i18n

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
PLUM = (110, 40, 110)
GRAY = (110, 110, 110)


def dejavu() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


def _latin1(text: str) -> str:
    """Last resort without a Unicode font: keep what Latin-1 has, strip accents from the rest."""
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out).replace("\u2013", "-")


class _Sheet(FPDF):
    def __init__(self, footer_text: str, unicode: bool):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.unicode = unicode

    def t(self, text: str) -> str:
        return text if self.unicode else _latin1(text)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_family, "", 8)
        self.set_text_color(*GRAY)
        self.cell(0, 6, self.t(f"{self.footer_text} · {self.page_no()}/{{nb}}"), align="C")


def run_sheet_pdf(view: dict[str, Any], lang: str) -> bytes:
    """`view` is services.timeline.public_timeline()'s shape: couple, date, venue, timezone, groups."""
    tr = lambda msgid, **kw: i18n.gettext(lang, msgid, **kw)  # noqa: E731
    fonts = dejavu()
    pdf = _Sheet(tr("Run sheet · {couple}", couple=view["couple"]), unicode=fonts is not None)
    if fonts:
        pdf.add_font("DejaVu", "", str(fonts[0]))
        pdf.add_font("DejaVu", "B", str(fonts[1]))
        family = "DejaVu"
    else:
        family = "Helvetica"
    pdf.set_title(pdf.t(tr("Run sheet · {couple}", couple=view["couple"])))
    pdf.set_creator("Attitudes.vip")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(14, 14, 14)
    pdf.add_page()
    pdf.set_font(family, "B", 18)
    pdf.set_text_color(*PLUM)
    pdf.cell(0, 10, pdf.t(view["couple"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.set_text_color(*GRAY)
    subtitle = " · ".join(x for x in (view["date"], view["venue"], tr("Times in {tz}", tz=view["timezone"])) if x)
    pdf.multi_cell(0, 5, pdf.t(subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    col_time, col_who = 30, 52
    col_what = width - col_time - col_who
    for group in view["groups"]:
        if pdf.will_page_break(24):
            pdf.add_page()
        pdf.set_font(family, "B", 13)
        pdf.set_text_color(30, 30, 30)
        pdf.cell(0, 8, pdf.t(group["name"]), new_x="LMARGIN", new_y="NEXT")
        meta = " · ".join(x for x in (group["day"], group["location"]) if x)
        if meta:
            pdf.set_font(family, "", 9)
            pdf.set_text_color(*GRAY)
            pdf.cell(0, 5, pdf.t(meta), new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(220, 200, 220)
        pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.l_margin + width, pdf.get_y() + 1)
        pdf.ln(2)
        if not group["items"]:
            pdf.set_font(family, "", 9)
            pdf.set_text_color(*GRAY)
            pdf.cell(0, 6, pdf.t(tr("Nothing scheduled yet.")), new_x="LMARGIN", new_y="NEXT")
        for item in group["items"]:
            what = item["title"]
            details = [x for x in (item["location"], item["notes"]) if x]
            who = "\n".join(x for x in (item["people"], item["vendors"]) if x)
            lines = 1 + len(details)
            if pdf.will_page_break(6 + 4.5 * lines):
                pdf.add_page()
            top = pdf.get_y()
            pdf.set_font(family, "B", 10)
            pdf.set_text_color(30, 30, 30)
            pdf.set_xy(pdf.l_margin, top)
            pdf.multi_cell(col_time, 5, pdf.t(f"{item['start']}–{item['end']}"))
            pdf.set_font(family, "", 8)
            pdf.set_text_color(*GRAY)
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(col_time, 4, pdf.t(item["duration"]))
            bottom = pdf.get_y()
            pdf.set_xy(pdf.l_margin + col_time, top)
            pdf.set_font(family, "B", 10)
            pdf.set_text_color(30, 30, 30)
            pdf.multi_cell(col_what, 5, pdf.t(what))
            if item["overlap"]:
                pdf.set_x(pdf.l_margin + col_time)
                pdf.set_font(family, "", 8)
                pdf.set_text_color(180, 60, 20)
                pdf.multi_cell(col_what, 4, pdf.t(tr("Overlaps with {titles}", titles=item["overlap_with"])))
            for detail in details:
                pdf.set_x(pdf.l_margin + col_time)
                pdf.set_font(family, "", 9)
                pdf.set_text_color(*GRAY)
                pdf.multi_cell(col_what, 4.5, pdf.t(detail))
            bottom = max(bottom, pdf.get_y())
            if who:
                pdf.set_xy(pdf.l_margin + col_time + col_what, top)
                pdf.set_font(family, "", 9)
                pdf.set_text_color(60, 60, 60)
                pdf.multi_cell(col_who, 4.5, pdf.t(who))
                bottom = max(bottom, pdf.get_y())
            pdf.set_y(bottom + 2)
        pdf.ln(3)
    return bytes(pdf.output())
