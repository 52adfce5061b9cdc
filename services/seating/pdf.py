"""Printable seating: the chart (room drawing + every table with its guests and meal counts) and the
alphabetical escort list (guest -> table) for the entrance. fpdf2, DejaVu Sans like services.runsheet.

Both take plans.plan_view()'s render-ready dict; the service functions in plans.py check access. Plus-ones
are listed like guests (in their own seat, with their meal); a named plus-one says whose guest they are.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from fpdf import FPDF

from services import i18n
from services.runsheet import GRAY, PLUM, _latin1, dejavu

ELEMENT_FILL = {
    "dance_floor": (235, 225, 245),
    "stage": (225, 225, 225),
    "bar": (245, 230, 210),
    "exit": (215, 240, 220),
    "pillar": (200, 200, 200),
}


class _Doc(FPDF):
    def __init__(self, footer_text: str, orientation: str):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        fonts = dejavu()
        self.unicode = fonts is not None
        if fonts:
            self.add_font("DejaVu", "", str(fonts[0]))
            self.add_font("DejaVu", "B", str(fonts[1]))
            self.family_name = "DejaVu"
        else:
            self.family_name = "Helvetica"
        self.footer_text = footer_text
        self.set_creator("Attitudes.vip")
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(12, 12, 12)

    def t(self, text: str) -> str:
        return text if self.unicode else _latin1(text)

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = (30, 30, 30)) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.set_text_color(*color)

    def footer(self) -> None:
        self.set_y(-10)
        self.font(7, color=GRAY)
        self.cell(0, 5, self.t(f"{self.footer_text} · {self.page_no()}/{{nb}}"), align="C")

    def title_block(self, title: str, subtitle: str) -> None:
        self.font(16, bold=True, color=PLUM)
        self.cell(0, 9, self.t(title), new_x="LMARGIN", new_y="NEXT")
        self.font(9, color=GRAY)
        self.cell(0, 5, self.t(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def _rotated_rect(pdf: _Doc, cx: float, cy: float, w: float, h: float, deg: int, style: str) -> None:
    a = math.radians(deg)
    pts = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        pts.append((cx + dx * math.cos(a) - dy * math.sin(a), cy + dx * math.sin(a) + dy * math.cos(a)))
    pdf.polygon(pts, style=style)


def _room(pdf: _Doc, view: dict[str, Any]) -> None:
    """The room from above, scaled to the page: elements, then tables with their labels and seat counts."""
    left, top = pdf.l_margin, pdf.get_y()
    avail_w = pdf.w - pdf.l_margin - pdf.r_margin
    avail_h = pdf.h - top - 16
    scale = min(avail_w / max(1, view["width"]), avail_h / max(1, view["height"]))
    pdf.set_draw_color(180, 180, 180)
    pdf.set_line_width(0.3)
    pdf.rect(left, top, view["width"] * scale, view["height"] * scale)
    for e in view["elements"]:
        pdf.set_fill_color(*ELEMENT_FILL.get(e["kind"], (230, 230, 230)))
        _rotated_rect(
            pdf,
            left + e["x"] * scale,
            top + e["y"] * scale,
            e["width"] * scale,
            e["height"] * scale,
            e["rotation"],
            "DF",
        )
        pdf.font(6, color=GRAY)
        pdf.set_xy(left + (e["x"] - e["width"] / 2) * scale, top + e["y"] * scale - 2)
        pdf.cell(e["width"] * scale, 4, pdf.t(e["label"]), align="C")
    pdf.set_draw_color(*PLUM)
    for t in view["tables"]:
        cx, cy = left + t["x"] * scale, top + t["y"] * scale
        pdf.set_fill_color(250, 245, 250)
        if t["shape"] == "round":
            r = t["width"] * scale / 2
            pdf.ellipse(cx - r, cy - r, 2 * r, 2 * r, style="DF")
        else:
            _rotated_rect(pdf, cx, cy, t["width"] * scale, t["height"] * scale, t["rotation"], "DF")
        pdf.font(6.5, bold=True)
        pdf.set_xy(cx - 15, cy - 3)
        pdf.cell(30, 3, pdf.t(t["label"]), align="C")
        pdf.font(5.5, color=GRAY)
        pdf.set_xy(cx - 15, cy)
        pdf.cell(30, 3, f"{t['seated']}/{t['capacity']}", align="C")


def chart_pdf(view: dict[str, Any], couple: str, lang: str) -> bytes:
    title = i18n.gettext(lang, "Seating chart · {event}", event=view["event_name"])
    pdf = _Doc(f"{couple} · {title}", "L")
    pdf.set_title(pdf.t(title))
    pdf.add_page()
    totals = view["totals"]
    pdf.title_block(
        f"{couple} · {view['event_name']}",
        i18n.gettext(
            lang,
            "{seated} of {guests} guests seated at {tables} tables",
            seated=totals["seated"],
            guests=totals["guests"],
            tables=totals["tables"],
        ),
    )
    if view["tables"] or view["elements"]:
        _room(pdf, view)
    # Tables in three columns, each block: label, guests by seat, meals and dietary counts.
    pdf.add_page()
    pdf.title_block(title, couple)
    cols, gap = 3, 6
    col_w = (pdf.w - pdf.l_margin - pdf.r_margin - gap * (cols - 1)) / cols
    col, y_top = 0, pdf.get_y()
    ys = [y_top] * cols
    for t in view["tables"]:
        lines = 2 + len(t["guests"]) + (1 if t["meals"] else 0) + (1 if t["dietary"] else 0)
        height = lines * 4.6 + 4
        col = min(range(cols), key=lambda c: ys[c])
        if ys[col] + height > pdf.h - 16:
            pdf.add_page()
            ys = [pdf.get_y()] * cols
            col = 0
        x = pdf.l_margin + col * (col_w + gap)
        pdf.set_xy(x, ys[col])
        pdf.font(10, bold=True, color=PLUM)
        pdf.cell(col_w, 5.5, pdf.t(f"{t['label']}  ({t['seated']}/{t['capacity']})"), new_x="LEFT", new_y="NEXT")
        pdf.set_draw_color(220, 200, 220)
        pdf.line(x, pdf.get_y(), x + col_w, pdf.get_y())
        pdf.ln(0.8)
        for g in t["guests"]:
            pdf.set_x(x)
            pdf.font(8.5)
            extra = " · ".join(v for v in (g["meal"], ", ".join(g["dietary"])) if v)
            name = g["name"]
            if g.get("companion") and g.get("guest_of") and g["guest_of"] not in name:  # a named plus-one
                name = i18n.gettext(lang, "{name} (guest of {guest})", name=name, guest=g["guest_of"])
            text = f"{g['seat'] + 1}. {name}" + (f" — {extra}" if extra else "")
            pdf.cell(col_w, 4.4, pdf.t(text[:80]), new_x="LEFT", new_y="NEXT")
        if not t["guests"]:
            pdf.set_x(x)
            pdf.font(8, color=GRAY)
            pdf.cell(col_w, 4.4, pdf.t(i18n.gettext(lang, "No guests yet.")), new_x="LEFT", new_y="NEXT")
        pdf.font(7.5, color=GRAY)
        if t["meals"]:
            pdf.set_x(x)
            pdf.multi_cell(
                col_w,
                4,
                pdf.t(" · ".join(f"{m['count']}× {m['name']}" for m in t["meals"])),
                new_x="LEFT",
                new_y="NEXT",
            )
        if t["dietary"]:
            pdf.set_x(x)
            pdf.multi_cell(
                col_w,
                4,
                pdf.t(" · ".join(f"{d['count']}× {d['label']}" for d in t["dietary"])),
                new_x="LEFT",
                new_y="NEXT",
            )
        ys[col] = pdf.get_y() + 4
    if not view["tables"]:
        pdf.font(10, color=GRAY)
        pdf.cell(0, 8, pdf.t(i18n.gettext(lang, "No tables yet.")), new_x="LMARGIN", new_y="NEXT")
    else:
        _caterer(pdf, view, lang, max(ys))
    return bytes(pdf.output())


def _caterer(pdf: _Doc, view: dict[str, Any], lang: str, top: float) -> None:
    """The whole room's meal and dietary counts, for the caterer."""
    meals: Counter = Counter()
    diets: Counter = Counter()
    for t in view["tables"]:
        meals.update({m["name"]: m["count"] for m in t["meals"]})
        diets.update({d["label"]: d["count"] for d in t["dietary"]})
    if top > pdf.h - 40:
        pdf.add_page()
        top = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top + 2)
    pdf.font(11, bold=True, color=PLUM)
    pdf.cell(0, 6, pdf.t(i18n.gettext(lang, "For the caterer: the whole room")), new_x="LMARGIN", new_y="NEXT")
    pdf.font(9)
    for counts in (meals, diets):
        if counts:
            text = " · ".join(f"{n}× {name}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            pdf.multi_cell(0, 5, pdf.t(text), new_x="LMARGIN", new_y="NEXT")


def escort_pdf(view: dict[str, Any], rows: list[tuple[str, str]], couple: str, lang: str) -> bytes:
    """Alphabetical list of guests with their table, in two columns, for the entrance."""
    title = i18n.gettext(lang, "Find your table · {event}", event=view["event_name"])
    pdf = _Doc(f"{couple} · {title}", "P")
    pdf.set_title(pdf.t(title))
    pdf.add_page()
    pdf.title_block(title, couple)
    cols, gap = 2, 8
    col_w = (pdf.w - pdf.l_margin - pdf.r_margin - gap) / cols
    name_w = col_w - 28
    line = 6.2
    top = pdf.get_y()
    per_col = int((pdf.h - top - 16) // line)
    letter = ""
    col, row = 0, 0
    for name, table in rows:
        initial = name[:1].upper()
        block = 2 if initial != letter else 1
        if row + block > per_col:
            col, row = col + 1, 0
            if col == cols:
                pdf.add_page()
                top, col = pdf.t_margin, 0
                per_col = int((pdf.h - top - 16) // line)
        x = pdf.l_margin + col * (col_w + gap)
        if initial != letter:
            letter = initial
            pdf.set_xy(x, top + row * line)
            pdf.font(11, bold=True, color=PLUM)
            pdf.cell(col_w, line, pdf.t(letter))
            row += 1
        pdf.set_xy(x, top + row * line)
        pdf.font(10)
        pdf.cell(name_w, line, pdf.t(name[:48]))
        pdf.font(10, bold=True, color=PLUM)
        pdf.cell(28, line, pdf.t(table), align="R")
        row += 1
    if not rows:
        pdf.font(10, color=GRAY)
        pdf.cell(0, 8, pdf.t(i18n.gettext(lang, "Nobody is seated yet.")), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
