"""The budget page: totals, what is due, charts, categories and their lines, what if, payers."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.cards import not_found_card, section, stat_card
from components.dialogs import confirm_dialog, form_dialog
from components.forms import field, form_error
from components.i18n import T
from components.shell import app_layout, empty_state, page_loading
from state.budget import BudgetState as S
from state.shell import ShellState

MONEY_INPUT = {"input_mode": "decimal", "autocomplete": "off"}


def _err(errors: rx.Var, name: str) -> rx.Component:
    return rx.text(errors[name].to(str), id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em")


def _general(errors: rx.Var) -> rx.Component:
    """A dialog's message that belongs to no single field (errors[""]), if any."""
    return rx.cond(errors.contains(""), form_error(errors[""].to(str)), rx.fragment())


def _checkbox(name: str, label: str, checked: rx.Var | bool, test_id: str) -> rx.Component:
    # A native checkbox: it submits "on" with the form, like any input (Radix's needs extra wiring).
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name=name,
            default_checked=checked,
            style={"width": "18px", "height": "18px", "accent_color": "var(--plum-9)"},
            data_testid=test_id,
        ),
        rx.text(T(label), size="2"),
        style={"display": "flex", "gap": "8px", "align_items": "center", "cursor": "pointer"},
    )


def _native_select(name: str, label: str, errors: rx.Var, options: rx.Component, default: rx.Var | str) -> rx.Component:
    return rx.box(
        rx.el.label(
            rx.el.span(T(label), class_name="field-label"),
            rx.el.select(
                options,
                name=name,
                default_value=default,
                aria_describedby=f"e-{name}",
                class_name="native-select",
            ),
            class_name="field",
        ),
        _err(errors, name),
        width="100%",
    )


def _money(label: str, value: rx.Var, test_id: str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(T(label), size="1", color_scheme="gray"),
        rx.text(value, size="2", weight="medium", class_name="stat-value", data_testid=test_id, **props),
        spacing="0",
        align="end",
        min_width="92px",
    )


# ---- totals --------------------------------------------------------------------------------


def _totals() -> rx.Component:
    v = S.summary
    return rx.grid(
        stat_card(
            "wallet",
            "Total budget",
            v["total"].to(str),
            rx.text(T("Forecast"), ": ", v["forecast"].to(str), size="1", color_scheme="gray"),
            "budget-total",
        ),
        stat_card(
            "clipboard_list",
            "Planned",
            v["planned"].to(str),
            rx.progress(
                value=v["planned_pct"].to(int),
                aria_label=T("Planned"),
                color_scheme=rx.cond(v["planned_over"].to(bool), "red", "plum"),
            ),
            "budget-planned",
        ),
        stat_card(
            "file_check",
            "Committed",
            v["committed"].to(str),
            rx.progress(value=v["committed_pct"].to(int), aria_label=T("Committed")),
            "budget-committed",
        ),
        stat_card(
            "banknote",
            "Paid",
            v["paid"].to(str),
            rx.progress(value=v["paid_pct"].to(int), aria_label=T("Paid"), color_scheme="green"),
            "budget-paid",
        ),
        columns=rx.breakpoints(initial="1", xs="2", lg="4"),
        spacing="4",
        width="100%",
    )


def _alerts() -> rx.Component:
    v = S.summary
    return rx.vstack(
        rx.cond(
            v["over_budget"].to(bool),
            rx.callout(
                rx.text(T("The forecast is over the total budget by"), " ", rx.text.strong(v["left"].to(str))),
                icon="triangle_alert",
                color_scheme="red",
                width="100%",
                data_testid="over-budget",
            ),
            rx.callout(
                rx.text(T("Still available after the forecast"), ": ", rx.text.strong(v["left"].to(str))),
                icon="piggy_bank",
                color_scheme="green",
                variant="surface",
                high_contrast=True,
                width="100%",
                data_testid="budget-left",
            ),
        ),
        rx.cond(
            v["has_overspent"].to(bool),
            rx.callout(
                rx.text(T("Categories over their planned amount"), ": ", v["overspent"].to(str)),
                icon="flame",
                color_scheme="orange",
                high_contrast=True,
                width="100%",
                data_testid="overspent-count",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.notice != "",
            rx.callout(S.notice, icon="check", color_scheme="green", high_contrast=True, width="100%"),
            rx.fragment(),
        ),
        rx.cond(
            S.error != "",
            rx.callout(S.error, icon="circle_alert", color_scheme="red", high_contrast=True, width="100%"),
            rx.fragment(),
        ),
        spacing="2",
        width="100%",
    )


def _due_row(d: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.icon(
            "calendar_clock",
            size=16,
            color=rx.cond(d["overdue"].to(bool), rx.color("red", 9), rx.color("plum", 9)),
            aria_hidden="true",
        ),
        rx.vstack(
            rx.text(d["name"].to(str), size="2", weight="medium"),
            rx.text(d["category"].to(str), " · ", d["due"].to(str), size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
            min_width="0",
        ),
        rx.cond(d["overdue"].to(bool), rx.badge(T("Overdue"), color_scheme="red"), rx.fragment()),
        rx.text(d["amount"].to(str), size="2", weight="bold", class_name="stat-value"),
        rx.cond(
            S.can_edit,
            rx.button(
                T("Pay"),
                size="1",
                variant="soft",
                on_click=S.open_pay(d["id"].to(str)),
            ),
            rx.fragment(),
        ),
        width="100%",
        align="center",
        spacing="3",
    )


def _due() -> rx.Component:
    return section(
        "Due in the next 30 days",
        rx.cond(
            S.due.length() > 0,
            rx.vstack(rx.foreach(S.due, _due_row), spacing="3", width="100%", data_testid="due-list"),
            rx.text(T("Nothing to pay in the next 30 days."), size="2", color_scheme="gray"),
        ),
    )


def _charts() -> rx.Component:
    axis = {"font_size": 12}
    return rx.grid(
        section(
            "Spend by category",
            rx.box(
                rx.recharts.bar_chart(
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
                    rx.recharts.x_axis(data_key="name", tick=axis, interval=0, angle=-30, text_anchor="end", height=70),
                    rx.recharts.y_axis(tick=axis, width=60),
                    rx.recharts.graphing_tooltip(),
                    rx.recharts.legend(),
                    rx.recharts.bar(data_key="paid", name=T("Paid"), stack_id="spend", fill=rx.color("green", 9)),
                    rx.recharts.bar(data_key="to_pay", name=T("To pay"), stack_id="spend", fill=rx.color("plum", 8)),
                    data=S.chart,
                    margin={"top": 8, "right": 8, "left": 0, "bottom": 8},
                    width="100%",
                    height=300,
                ),
                width="100%",
                data_testid="chart-spend",
            ),
        ),
        section(
            "Planned vs actual",
            rx.box(
                rx.recharts.bar_chart(
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
                    rx.recharts.x_axis(data_key="name", tick=axis, interval=0, angle=-30, text_anchor="end", height=70),
                    rx.recharts.y_axis(tick=axis, width=60),
                    rx.recharts.graphing_tooltip(),
                    rx.recharts.legend(),
                    rx.recharts.bar(data_key="planned", name=T("Planned"), fill=rx.color("gray", 8)),
                    rx.recharts.bar(data_key="forecast", name=T("Forecast"), fill=rx.color("plum", 9)),
                    data=S.chart,
                    margin={"top": 8, "right": 8, "left": 0, "bottom": 8},
                    width="100%",
                    height=300,
                ),
                width="100%",
                data_testid="chart-planned",
            ),
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


# ---- categories and lines ----------------------------------------------------------------


def _item_row(it: rx.Var) -> rx.Component:
    item_id = it["id"].to(str)
    name = it["name"].to(str)
    return rx.box(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.text(name, weight="medium", size="2"),
                    rx.cond(it["per_guest"].to(bool), rx.badge(T("Per guest"), variant="soft"), rx.fragment()),
                    rx.cond(
                        it["paid_in_full"].to(bool),
                        rx.badge(T("Paid in full"), color_scheme="green", variant="soft"),
                        rx.fragment(),
                    ),
                    rx.cond(it["overdue"].to(bool), rx.badge(T("Overdue"), color_scheme="red"), rx.fragment()),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                rx.text(
                    rx.cond(it["vendor"].to(str) != "", it["vendor"].to(str), ""),
                    rx.cond((it["vendor"].to(str) != "") & (it["unit"].to(str) != ""), " · ", ""),
                    it["unit"].to(str),
                    rx.cond(it["due"].to(str) != "", rx.fragment(" · ", T("due"), " ", it["due"].to(str)), ""),
                    size="1",
                    color_scheme="gray",
                ),
                rx.cond(
                    it["split"].to(str) != "",
                    rx.text(
                        rx.icon("users", size=12, aria_hidden="true"),
                        " ",
                        it["split"].to(str),
                        size="1",
                        color_scheme="plum",
                    ),
                    rx.fragment(),
                ),
                spacing="1",
                flex="1 1 220px",
                min_width="0",
            ),
            rx.flex(
                _money("Estimated", it["estimated"].to(str), "item-estimated"),
                _money("Actual", it["actual"].to(str), "item-actual"),
                _money("Paid", it["paid"].to(str), "item-paid"),
                _money("Remaining", it["remaining"].to(str), "item-remaining"),
                spacing="3",
                wrap="wrap",
                justify="end",
            ),
            rx.cond(
                S.can_edit,
                rx.hstack(
                    rx.button(
                        rx.icon("banknote", size=14, aria_hidden="true"),
                        T("Pay"),
                        size="1",
                        variant="soft",
                        on_click=S.open_pay(item_id),
                        data_testid="item-pay",
                    ),
                    rx.dropdown_menu.root(
                        rx.dropdown_menu.trigger(
                            rx.icon_button(
                                rx.icon("ellipsis", size=16),
                                size="1",
                                variant="ghost",
                                color_scheme="gray",
                                aria_label=T("More actions"),
                                data_testid="item-menu",
                            )
                        ),
                        rx.dropdown_menu.content(
                            rx.dropdown_menu.item(T("Edit"), on_click=S.open_edit_item(item_id)),
                            rx.dropdown_menu.item(T("Split between payers"), on_click=S.open_split(item_id)),
                            rx.dropdown_menu.item(T("Payments"), on_click=S.open_pay(item_id)),
                            rx.dropdown_menu.separator(),
                            rx.dropdown_menu.item(
                                T("Delete"), color_scheme="red", on_click=S.ask_delete("item", item_id, name)
                            ),
                        ),
                    ),
                    spacing="2",
                    align="center",
                ),
                rx.fragment(),
            ),
            gap="12px",
            wrap="wrap",
            align="center",
            width="100%",
        ),
        padding_y="10px",
        border_top=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        data_testid="budget-item",
    )


def _category(c: rx.Var) -> rx.Component:
    cat_id = c["id"].to(str)
    over = c["overspent"].to(bool)
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.vstack(
                    rx.hstack(
                        rx.heading(c["name"].to(str), size="4", as_="h3"),
                        rx.cond(c["per_guest"].to(bool), rx.badge(T("Per guest"), variant="soft"), rx.fragment()),
                        rx.cond(
                            over,
                            rx.badge(
                                rx.icon("flame", size=12, aria_hidden="true"),
                                T("Over by"),
                                " ",
                                c["over_by"].to(str),
                                color_scheme="red",
                                data_testid="overspent-badge",
                            ),
                            rx.fragment(),
                        ),
                        spacing="2",
                        align="center",
                        wrap="wrap",
                    ),
                    rx.text(
                        T("Planned"),
                        " ",
                        c["planned"].to(str),
                        rx.cond(
                            c["planned_detail"].to(str) != "", rx.fragment(" (", c["planned_detail"].to(str), ")"), ""
                        ),
                        " · ",
                        T("Forecast"),
                        " ",
                        c["forecast"].to(str),
                        " · ",
                        T("Paid"),
                        " ",
                        c["paid"].to(str),
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                    flex="1 1 260px",
                ),
                rx.cond(
                    S.can_edit,
                    rx.hstack(
                        rx.button(
                            rx.icon("plus", size=14, aria_hidden="true"),
                            T("Add a line"),
                            size="1",
                            variant="soft",
                            on_click=S.open_add_item(cat_id),
                            data_testid="category-add-item",
                        ),
                        rx.dropdown_menu.root(
                            rx.dropdown_menu.trigger(
                                rx.icon_button(
                                    rx.icon("ellipsis", size=16),
                                    size="1",
                                    variant="ghost",
                                    color_scheme="gray",
                                    aria_label=T("Category actions"),
                                )
                            ),
                            rx.dropdown_menu.content(
                                rx.dropdown_menu.item(T("Edit category"), on_click=S.open_edit_category(cat_id)),
                                rx.dropdown_menu.separator(),
                                rx.dropdown_menu.item(
                                    T("Delete category"),
                                    color_scheme="red",
                                    on_click=S.ask_delete("category", cat_id, c["name"].to(str)),
                                ),
                            ),
                        ),
                        spacing="2",
                    ),
                    rx.fragment(),
                ),
                gap="12px",
                wrap="wrap",
                width="100%",
                align="start",
            ),
            rx.progress(
                value=c["pct"].to(int),
                color_scheme=rx.cond(over, "red", "plum"),
                aria_label=T("Share of the planned amount"),
            ),
            rx.cond(
                c["count"].to(int) > 0,
                rx.box(rx.foreach(c["items"].to(list[dict[str, Any]]), _item_row), width="100%"),
                rx.text(T("No lines yet."), size="2", color_scheme="gray"),
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
        style=rx.cond(over, {"border_left": f"4px solid {rx.color('red', 9)}"}, {}),
        data_testid="budget-category",
    )


# ---- what if -------------------------------------------------------------------------------


def _wi_line(line: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.text(line["name"].to(str), size="2"), rx.text(line["category"].to(str), size="1", color_scheme="gray")
        ),
        rx.table.cell(line["before"].to(str), text_align="right"),
        rx.table.cell(
            rx.text(line["after"].to(str), weight=rx.cond(line["moved"].to(bool), "bold", "regular")),
            text_align="right",
        ),
    )


def _what_if() -> rx.Component:
    w = S.wi_view
    return section(
        "What if",
        rx.text(
            T("Try another guest count or catering price per head. Nothing changes until you save a scenario."),
            size="2",
            color_scheme="gray",
        ),
        rx.grid(
            rx.box(
                rx.el.label(
                    rx.el.span(T("Number of guests"), class_name="field-label"),
                    rx.input(
                        value=S.wi_guests,
                        on_change=S.what_if_guests,
                        debounce_timeout=300,
                        input_mode="numeric",
                        size="3",
                        aria_describedby="e-guests",
                        data_testid="whatif-guests",
                    ),
                    class_name="field",
                ),
                _err(S.wi_errors, "guests"),
            ),
            rx.box(
                rx.el.label(
                    rx.el.span(T("Catering price per guest"), class_name="field-label"),
                    rx.input(
                        value=S.wi_per_head,
                        on_change=S.what_if_per_head,
                        debounce_timeout=300,
                        placeholder=S.summary["catering_per_head"].to(str),
                        input_mode="decimal",
                        size="3",
                        aria_describedby="e-per_head",
                        data_testid="whatif-per-head",
                    ),
                    class_name="field",
                ),
                _err(S.wi_errors, "per_head"),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        rx.grid(
            rx.box(
                rx.text(T("Forecast now"), size="1", color_scheme="gray"),
                rx.text(w["before"].to(str), size="5", weight="bold", class_name="stat-value"),
            ),
            rx.box(
                rx.text(T("Forecast with this scenario"), size="1", color_scheme="gray"),
                rx.text(
                    w["after"].to(str), size="5", weight="bold", class_name="stat-value", data_testid="whatif-total"
                ),
            ),
            rx.box(
                rx.text(T("Difference"), size="1", color_scheme="gray"),
                rx.text(
                    w["delta"].to(str),
                    size="5",
                    weight="bold",
                    class_name="stat-value",
                    color_scheme=rx.cond(w["up"].to(bool), "red", rx.cond(w["down"].to(bool), "green", "gray")),
                    data_testid="whatif-delta",
                ),
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="4",
            width="100%",
        ),
        rx.cond(
            w["over_after"].to(bool),
            rx.callout(
                rx.text(T("This scenario is over the total budget by"), " ", w["left_after"].to(str)),
                icon="triangle_alert",
                color_scheme="red",
                size="1",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.wi_lines.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(T("Per-guest line")),
                            rx.table.column_header_cell(T("Now"), text_align="right"),
                            rx.table.column_header_cell(T("Scenario"), text_align="right"),
                        )
                    ),
                    rx.table.body(rx.foreach(S.wi_lines, _wi_line)),
                    size="1",
                    width="100%",
                ),
                overflow_x="auto",
                width="100%",
                data_testid="whatif-lines",
            ),
            rx.text(
                T("No per-guest lines yet: mark catering or favours lines as per guest to see them move."),
                size="2",
                color_scheme="gray",
            ),
        ),
        rx.cond(
            S.can_edit,
            rx.form(
                rx.flex(
                    rx.box(field("name", "Scenario name", S.scenario_errors, placeholder=""), flex="1 1 220px"),
                    rx.button(
                        rx.icon("save", size=16, aria_hidden="true"),
                        T("Save this scenario"),
                        type="submit",
                        size="3",
                        variant="soft",
                        data_testid="scenario-save",
                    ),
                    gap="12px",
                    align="center",
                    wrap="wrap",
                    width="100%",
                ),
                on_submit=S.save_scenario,
                key=S.scenario_key.to(str),
                width="100%",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.scenarios.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(T("Saved scenarios")),
                            rx.table.column_header_cell(T("Guests"), text_align="right"),
                            rx.table.column_header_cell(T("Catering per guest"), text_align="right"),
                            rx.table.column_header_cell(T("Forecast"), text_align="right"),
                            rx.table.column_header_cell(T("Compared with now"), text_align="right"),
                            rx.table.column_header_cell(rx.el.span(T("Actions"), class_name="sr-only")),
                        )
                    ),
                    rx.table.body(
                        rx.foreach(
                            S.scenarios,
                            lambda s: rx.table.row(
                                rx.table.cell(s["name"].to(str)),
                                rx.table.cell(s["guests"].to(str), text_align="right"),
                                rx.table.cell(s["per_head"].to(str), text_align="right"),
                                rx.table.cell(s["total"].to(str), text_align="right"),
                                rx.table.cell(s["diff"].to(str), text_align="right"),
                                rx.table.cell(
                                    rx.cond(
                                        S.can_edit,
                                        rx.icon_button(
                                            rx.icon("trash_2", size=14),
                                            size="1",
                                            variant="ghost",
                                            color_scheme="red",
                                            aria_label=T("Delete scenario"),
                                            on_click=S.ask_delete("scenario", s["id"].to(str), s["name"].to(str)),
                                        ),
                                        rx.fragment(),
                                    )
                                ),
                            ),
                        )
                    ),
                    size="1",
                    width="100%",
                ),
                overflow_x="auto",
                width="100%",
                data_testid="scenarios",
            ),
            rx.fragment(),
        ),
        data_testid="what-if",
    )


# ---- payers --------------------------------------------------------------------------------


def _payer_row(p: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(p["name"].to(str)),
        rx.table.cell(p["share"].to(str), text_align="right"),
        rx.table.cell(p["paid"].to(str), text_align="right"),
        rx.table.cell(
            rx.cond(
                p["ahead"].to(bool),
                rx.text(T("ahead by"), " ", p["balance"].to(str), color_scheme="green"),
                p["balance"].to(str),
            ),
            text_align="right",
        ),
        rx.table.cell(
            rx.cond(
                S.can_edit,
                rx.icon_button(
                    rx.icon("trash_2", size=14),
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                    aria_label=T("Remove payer"),
                    on_click=S.ask_delete("payer", p["id"].to(str), p["name"].to(str)),
                ),
                rx.fragment(),
            )
        ),
        data_testid="payer-row",
    )


def _payers() -> rx.Component:
    v = S.summary
    return section(
        "Who pays what",
        rx.cond(
            S.payers.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(T("Payer")),
                            rx.table.column_header_cell(T("Share"), text_align="right"),
                            rx.table.column_header_cell(T("Paid"), text_align="right"),
                            rx.table.column_header_cell(T("Still to pay"), text_align="right"),
                            rx.table.column_header_cell(rx.el.span(T("Actions"), class_name="sr-only")),
                        )
                    ),
                    rx.table.body(
                        rx.foreach(S.payers, _payer_row),
                        rx.cond(
                            v["has_unassigned"].to(bool),
                            rx.table.row(
                                rx.table.cell(rx.text(T("Not assigned"), color_scheme="gray")),
                                rx.table.cell(v["unassigned"].to(str), text_align="right"),
                                rx.table.cell(v["unassigned_paid"].to(str), text_align="right"),
                                rx.table.cell(""),
                                rx.table.cell(""),
                            ),
                            rx.fragment(),
                        ),
                    ),
                    size="1",
                    width="100%",
                ),
                overflow_x="auto",
                width="100%",
                data_testid="payers",
            ),
            rx.cond(
                S.can_edit,
                rx.button(T("Add the couple and both families"), variant="soft", on_click=S.add_usual_payers),
                rx.text(T("No payers yet."), size="2", color_scheme="gray"),
            ),
        ),
        rx.text(
            T("Share each line between payers from its menu (by percentage or amount)."),
            size="1",
            color_scheme="gray",
        ),
        rx.cond(
            S.can_edit,
            rx.form(
                rx.flex(
                    rx.box(field("name", "New payer", S.payer_errors), flex="1 1 220px"),
                    rx.button(T("Add payer"), type="submit", size="3", variant="soft"),
                    gap="12px",
                    align="center",
                    wrap="wrap",
                    width="100%",
                ),
                on_submit=S.add_payer,
                key=S.payer_key.to(str),
                width="100%",
            ),
            rx.fragment(),
        ),
    )


# ---- dialogs -------------------------------------------------------------------------------


def _save_button(label: str, test_id: str) -> rx.Component:
    return rx.button(T(label), type="submit", data_testid=test_id)


def _item_dialog() -> rx.Component:
    v, e = S.item_values, S.item_errors
    return form_dialog(
        rx.cond(S.item_editing, T("Edit line"), T("Add a line")),
        "For a per-guest line, enter prices per guest: they are multiplied by the guest count.",
        [
            _native_select(
                "category_id",
                "Category",
                e,
                rx.foreach(S.category_options, lambda o: rx.el.option(o["name"], value=o["id"])),
                v["category_id"].to(str),
            ),
            field("name", "What is it for?", e, default_value=v["name"].to(str), required=True),
            field("vendor", "Vendor", e, default_value=v["vendor"].to(str)),
            _checkbox("per_guest", "Priced per guest", v["per_guest"].to(str) == "on", "item-per-guest"),
            rx.grid(
                field("estimated", "Estimated cost", e, default_value=v["estimated"].to(str), **MONEY_INPUT),
                field("actual", "Actual cost (booked)", e, default_value=v["actual"].to(str), **MONEY_INPUT),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            field("due_date", "Due date", e, type="date", default_value=v["due_date"].to(str)),
        ],
        _save_button("Save", "item-save"),
        S.save_item,
        open=S.item_open,
        on_open_change=S.close_item,
        key=S.item_key.to(str),
        error=_general(e),
        max_width="560px",
        spacing="3",
    )


def _payment_row(p: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(p["amount"].to(str), " · ", p["date"].to(str), size="2", weight="medium"),
            rx.text(
                p["method"].to(str),
                rx.cond(p["payer"].to(str) != "", rx.fragment(" · ", p["payer"].to(str)), ""),
                rx.cond(p["note"].to(str) != "", rx.fragment(" · ", p["note"].to(str)), ""),
                size="1",
                color_scheme="gray",
            ),
            spacing="0",
            flex="1",
        ),
        rx.icon_button(
            rx.icon("trash_2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            aria_label=T("Delete payment"),
            type="button",
            on_click=S.ask_delete("payment", p["id"].to(str), p["amount"].to(str)),
        ),
        width="100%",
        align="center",
    )


def _pay_dialog() -> rx.Component:
    e = S.pay_errors
    it = S.pay_item
    return form_dialog(
        T("Record a payment"),
        rx.fragment(
            rx.text(it["name"].to(str), weight="bold"),
            rx.text(
                T("Cost"),
                " ",
                it["cost"].to(str),
                " · ",
                T("Paid"),
                " ",
                it["paid"].to(str),
                " · ",
                T("Remaining"),
                " ",
                rx.text.strong(it["remaining"].to(str), data_testid="pay-remaining"),
                size="2",
                color_scheme="gray",
            ),
        ),
        [
            rx.grid(
                field("amount", "Amount", e, required=True, **MONEY_INPUT),
                field("paid_on", "Date", e, type="date", default_value=S.pay_today, required=True),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.grid(
                _native_select(
                    "method",
                    "Method",
                    e,
                    rx.fragment(
                        rx.el.option(T("Bank transfer"), value="transfer"),
                        rx.el.option(T("Card"), value="card"),
                        rx.el.option(T("Cash"), value="cash"),
                        rx.el.option(T("Cheque"), value="cheque"),
                        rx.el.option(T("Other"), value="other"),
                    ),
                    "transfer",
                ),
                _native_select(
                    "payer_id",
                    "Paid by",
                    e,
                    rx.fragment(
                        rx.el.option(T("Not specified"), value=""),
                        rx.foreach(S.payers, lambda p: rx.el.option(p["name"].to(str), value=p["id"].to(str))),
                    ),
                    "",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            field("note", "Note", e),
            rx.cond(
                S.pay_confirm,
                rx.callout(
                    _checkbox("confirm", "Yes, record more than the remaining balance", False, "pay-confirm"),
                    icon="triangle_alert",
                    color_scheme="amber",
                    high_contrast=True,
                    width="100%",
                ),
                rx.fragment(),
            ),
        ],
        _save_button("Record payment", "pay-save"),
        S.save_payment,
        open=S.pay_open,
        on_open_change=S.close_pay,
        key=S.pay_key.to(str),
        error=_general(e),
        max_width="560px",
        spacing="3",
        after=rx.cond(
            S.pay_history.length() > 0,
            rx.vstack(
                rx.separator(),
                rx.text(T("Payments so far"), weight="bold", size="2"),
                rx.foreach(S.pay_history, _payment_row),
                spacing="2",
                width="100%",
                margin_top="12px",
                data_testid="pay-history",
            ),
            rx.fragment(),
        ),
    )


def _split_row(row: rx.Var) -> rx.Component:
    name = row["field"].to(str)
    return rx.box(
        rx.el.label(
            rx.el.span(row["name"].to(str), class_name="field-label"),
            rx.hstack(
                rx.input(
                    name=name,
                    default_value=row["value"].to(str),
                    input_mode="decimal",
                    size="3",
                    width="100%",
                    aria_invalid=rx.cond(S.split_errors[name].to(str) != "", "true", "false"),
                ),
                rx.text(rx.cond(S.split_mode == "percent", "%", ""), size="3", min_width="1em"),
                align="center",
                width="100%",
            ),
            class_name="field",
        ),
        rx.text(S.split_errors[name].to(str), size="2", color_scheme="red", role="alert"),
        width="100%",
    )


def _split_dialog() -> rx.Component:
    return form_dialog(
        T("Split between payers"),
        rx.fragment(
            rx.text(S.split_item["name"].to(str), weight="bold"),
            rx.text(T("Cost"), " ", S.split_item["total"].to(str), size="2", color_scheme="gray"),
        ),
        [
            rx.el.fieldset(
                rx.el.legend(T("Split by"), class_name="field-label"),
                rx.hstack(
                    *[
                        rx.el.label(
                            rx.el.input(
                                type="radio",
                                name="mode",
                                value=mode,
                                default_checked=S.split_mode == mode,
                                on_click=S.choose_split_mode(mode),
                                style={"accent_color": "var(--plum-9)", "width": "16px", "height": "16px"},
                                data_testid=f"split-mode-{mode}",
                            ),
                            rx.text(T(label), size="2"),
                            style={"display": "flex", "gap": "6px", "align_items": "center"},
                        )
                        for mode, label in (
                            ("percent", "Percentage"),
                            ("amount", "Amount"),
                            ("none", "Not split"),
                        )
                    ],
                    spacing="4",
                    wrap="wrap",
                ),
                style={"border": "none", "padding": 0, "margin": 0},
            ),
            rx.cond(
                S.split_mode != "none",
                rx.vstack(rx.foreach(S.split_rows, _split_row), spacing="2", width="100%"),
                rx.text(T("The whole line stays unassigned."), size="2", color_scheme="gray"),
            ),
            rx.text(S.split_errors["total"].to(str), id="e-total", size="2", color_scheme="red", role="alert"),
        ],
        _save_button("Save", "split-save"),
        S.save_split,
        open=S.split_open,
        on_open_change=S.close_split,
        key=S.split_key.to(str),
        max_width="480px",
        spacing="3",
    )


def _category_dialog() -> rx.Component:
    v, e = S.cat_values, S.cat_errors
    return form_dialog(
        rx.cond(S.cat_editing, T("Edit category"), T("Add a category")),
        None,
        [
            field("name", "Name", e, default_value=v["name"].to(str), required=True),
            _checkbox("per_guest", "Planned per guest", v["per_guest"].to(str) == "on", "category-per-guest"),
            field(
                "planned",
                "Planned amount",
                e,
                default_value=v["planned"].to(str),
                hint="Per guest when the category is planned per guest.",
                **MONEY_INPUT,
            ),
        ],
        _save_button("Save", "category-save"),
        S.save_category,
        open=S.cat_open,
        on_open_change=S.close_category,
        key=S.cat_key.to(str),
        error=_general(e),
        max_width="480px",
        spacing="3",
    )


def _confirm_dialog() -> rx.Component:
    return confirm_dialog(
        "Are you sure?",
        S.confirm_text,
        S.confirm_delete,
        confirm_label="Delete",
        open=S.confirm_open,
        on_open_change=S.close_confirm,
        data_testid="confirm-delete",
    )


# ---- the page ------------------------------------------------------------------------------


def _toolbar() -> rx.Component:
    v = S.summary
    return rx.flex(
        rx.text(
            T("Per-guest lines use"),
            " ",
            rx.text.strong(v["headcount"].to(str), data_testid="headcount"),
            " ",
            T("guests"),
            " (",
            v["headcount_basis"].to(str),
            ").",
            size="2",
            color_scheme="gray",
            flex="1 1 260px",
        ),
        rx.hstack(
            rx.cond(
                S.can_edit,
                rx.button(
                    rx.icon("folder_plus", size=16, aria_hidden="true"),
                    T("Add a category"),
                    variant="soft",
                    on_click=S.open_add_category,
                    data_testid="add-category",
                ),
                rx.fragment(),
            ),
            rx.button(
                rx.icon("download", size=16, aria_hidden="true"),
                "CSV",
                variant="outline",
                on_click=S.download_csv,
                aria_label=T("Download the budget as CSV"),
                data_testid="export-csv",
            ),
            rx.button(
                rx.icon("sheet", size=16, aria_hidden="true"),
                "Excel",
                variant="outline",
                on_click=S.download_xlsx,
                aria_label=T("Download the budget as an Excel workbook"),
                data_testid="export-xlsx",
            ),
            spacing="2",
            wrap="wrap",
        ),
        gap="12px",
        wrap="wrap",
        align="center",
        width="100%",
    )


def _budget() -> rx.Component:
    return rx.vstack(
        _toolbar(),
        _totals(),
        _alerts(),
        rx.cond(
            S.has_categories,
            rx.vstack(
                rx.grid(
                    _due(),
                    _payers(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
                _charts(),
                rx.heading(T("Categories"), size="5", as_="h2", margin_top="8px"),
                rx.vstack(rx.foreach(S.categories, _category), spacing="3", width="100%"),
                _what_if(),
                spacing="4",
                width="100%",
            ),
            empty_state(
                "wallet",
                "No budget categories yet",
                "Start with the usual wedding categories, planned from your total budget. You can rename, remove or add categories afterwards.",
                rx.cond(
                    S.can_edit,
                    rx.button(
                        T("Use the suggested categories"), size="3", on_click=S.setup, data_testid="budget-setup"
                    ),
                    rx.fragment(),
                ),
            ),
        ),
        _item_dialog(),
        _pay_dialog(),
        _split_dialog(),
        _category_dialog(),
        _confirm_dialog(),
        spacing="4",
        width="100%",
    )


def budget_page() -> rx.Component:
    return app_layout(
        rx.cond(~S.loaded, page_loading(), rx.cond(S.not_found, not_found_card(), _budget())),
        title="Budget",
    )


ON_LOAD = [ShellState.enter("budget"), S.load]
