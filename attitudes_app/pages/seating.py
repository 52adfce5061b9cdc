"""Seating: the plans of a wedding (one per event) and the canvas of one plan."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card
from components.i18n import T
from components.seating_canvas import canvas_labels, seating_canvas
from components.shell import app_layout, empty_state, page_loading
from services.config import get_settings
from state.seating import TIME_LIMITS, UPLOAD_ID, SeatingListState, SeatingState
from state.shell import ShellState

S = SeatingState
SHAPES = (("round", "Round"), ("rect", "Rectangular"), ("banquet", "Banquet"))
ELEMENTS = (
    ("dance_floor", "Dance floor"),
    ("stage", "Stage"),
    ("bar", "Bar"),
    ("exit", "Exit"),
    ("pillar", "Pillar"),
)
RULE_KINDS = (
    ("together", "Must sit together"),
    ("apart", "Must sit apart"),
    ("prefer_together", "Prefer together"),
    ("prefer_apart", "Prefer apart"),
)


# ---- /w/<wedding>/seating ----
def _plan_row(row: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.heading(row["event_name"].to(str), size="4", as_="h2"),
                rx.text(row["summary"].to(str), size="2", color_scheme="gray", data_testid="plan-summary"),
                rx.progress(value=row["pct"].to(int), aria_label=row["event_name"].to(str), width="100%"),
                spacing="2",
                flex="1",
                min_width="220px",
            ),
            rx.link(
                rx.button(
                    rx.icon("armchair", size=16, aria_hidden="true"),
                    rx.cond(row["has_plan"].to(bool), T("Open the seating plan"), T("Start the seating plan")),
                    size="3",
                ),
                href="/w/" + ShellState.current_wedding_id + "/seating/" + row["event_id"].to(str),
                data_testid="open-plan",
            ),
            align="center",
            spacing="4",
            width="100%",
            wrap="wrap",
        ),
        width="100%",
        data_testid="plan-row",
    )


def seating_list_page() -> rx.Component:
    L = SeatingListState
    return app_layout(
        rx.cond(
            ~L.loaded,
            page_loading(),
            rx.cond(
                L.not_found,
                not_found_card(),
                rx.cond(
                    L.rows.length() == 0,
                    empty_state(
                        "calendar_plus",
                        "No event yet",
                        "A seating plan belongs to an event. Add the reception on the guest page first.",
                        rx.link(
                            rx.button(T("Go to the guest list"), variant="soft"),
                            href="/w/" + ShellState.current_wedding_id + "/guests",
                        ),
                    ),
                    rx.vstack(
                        rx.text(
                            T("One floor plan per event: drag guests onto tables, set rules, let the optimizer help."),
                            color_scheme="gray",
                        ),
                        rx.foreach(L.rows, _plan_row),
                        spacing="3",
                        width="100%",
                        data_testid="plan-list",
                    ),
                ),
            ),
        ),
        title="Seating",
    )


# ---- /w/<wedding>/seating/<event> ----
def _api(path: str) -> rx.Var:
    return (
        f"{get_settings().api_url}/api/v1/weddings/" + ShellState.current_wedding_id + "/seating/" + S.plan_key + path
    )


def _native_select(name: str, label: str, options, **props) -> rx.Component:
    return rx.el.label(
        rx.el.span(T(label), class_name="field-label"),
        rx.el.select(
            *[rx.el.option(T(text), value=value) for value, text in options],
            name=name,
            class_name="native-select",
            **props,
        ),
        class_name="field",
        width="100%",
    )


def _messages() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.error != "",
            rx.callout(
                S.error,
                icon="triangle_alert",
                color_scheme="red",
                role="alert",
                width="100%",
                data_testid="seating-error",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.message != "",
            rx.callout(
                S.message,
                icon="circle_check",
                color_scheme="green",
                role="status",
                width="100%",
                data_testid="seating-message",
            ),
            rx.fragment(),
        ),
        width="100%",
        spacing="2",
    )


def _presence() -> rx.Component:
    return rx.hstack(
        rx.badge(
            rx.box(class_name=rx.cond(S.live, "live-dot on", "live-dot")),
            T("Live"),
            color_scheme=rx.cond(S.live, "green", "gray"),
            variant="soft",
            high_contrast=True,
            radius="full",
            title=T("Changes by others show up here within a second."),
            data_testid="seating-live",
        ),
        rx.foreach(
            S.presence,
            lambda p: rx.badge(
                rx.el.span(class_name="presence-dot", style={"background": p["color"].to(str)}),
                p["name"].to(str),
                variant="surface",
                color_scheme="gray",
                radius="full",
                data_testid="presence",
            ),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def _totals() -> rx.Component:
    t = S.totals
    return rx.hstack(
        rx.badge(
            T("Seated"), ": ", t["seated"].to(str), " / ", t["guests"].to(str), size="2", data_testid="total-seated"
        ),
        rx.badge(T("Unassigned"), ": ", t["unassigned"].to(str), size="2", color_scheme="amber", high_contrast=True),
        rx.badge(T("Tables"), ": ", t["tables"].to(str), size="2", color_scheme="gray"),
        rx.badge(T("Seats"), ": ", t["seats"].to(str), size="2", color_scheme="gray"),
        spacing="2",
        wrap="wrap",
    )


def _add_table() -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(rx.icon("circle_plus", size=16, aria_hidden="true"), T("Add a table"), data_testid="add-table")
        ),
        rx.popover.content(
            rx.form(
                rx.vstack(
                    rx.el.label(
                        rx.el.span(T("Table name"), class_name="field-label"),
                        rx.input(name="label", placeholder="12", max_length=60, required=True, width="100%"),
                        class_name="field",
                        width="100%",
                    ),
                    _native_select("shape", "Shape", SHAPES),
                    rx.el.label(
                        rx.el.span(T("Seats"), class_name="field-label"),
                        rx.input(name="capacity", type="number", min=1, max=30, default_value="10", width="100%"),
                        class_name="field",
                        width="100%",
                    ),
                    rx.cond(
                        S.table_error != "",
                        rx.text(S.table_error, color_scheme="red", size="2", role="alert"),
                        rx.fragment(),
                    ),
                    rx.button(T("Add"), type="submit", width="100%", data_testid="add-table-submit"),
                    spacing="3",
                    width="240px",
                ),
                on_submit=S.add_table,
                reset_on_submit=True,
            ),
        ),
    )


def _add_element() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(rx.icon("shapes", size=16, aria_hidden="true"), T("Add to the room"), variant="soft")
        ),
        rx.menu.content(*[rx.menu.item(T(text), on_click=S.add_element(kind)) for kind, text in ELEMENTS]),
    )


def _more_menu() -> rx.Component:
    return rx.hstack(
        rx.menu.root(
            rx.menu.trigger(
                rx.button(
                    rx.icon("printer", size=16, aria_hidden="true"),
                    T("Print and export"),
                    variant="soft",
                    color_scheme="gray",
                    data_testid="print-menu",
                )
            ),
            rx.menu.content(
                rx.menu.item(
                    rx.link(
                        T("Print seating chart"), href=_api("/chart.pdf"), is_external=True, data_testid="chart-pdf"
                    )
                ),
                rx.menu.item(
                    rx.link(
                        T("Escort cards"), href=_api("/escort-cards.pdf"), is_external=True, data_testid="escort-pdf"
                    )
                ),
                rx.menu.item(
                    rx.el.a(
                        T("Export (JSON)"),
                        href=_api("/instance.json"),
                        download="seating.json",
                        data_testid="export-plan",
                    )
                ),
            ),
        ),
        _import_dialog(),
        spacing="2",
        wrap="wrap",
    )


def _import_dialog() -> rx.Component:
    zone = rx.upload(
        rx.vstack(
            rx.icon("file_json", size=28, color=rx.color("plum", 9), aria_hidden="true"),
            rx.text(T("Drop a JSON file here, or click to choose it"), size="2"),
            rx.foreach(rx.selected_files(UPLOAD_ID), lambda f: rx.badge(f, variant="soft")),
            align="center",
            spacing="2",
        ),
        id=UPLOAD_ID,
        multiple=False,
        max_files=1,
        accept={"application/json": [".json"]},
        border=f"2px dashed {rx.color('plum', 7)}",
        border_radius="12px",
        padding="24px",
        width="100%",
    )
    zone.children[0].children[0].custom_attrs["aria-label"] = T("Seating file (JSON)")
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(rx.icon("upload", size=16, aria_hidden="true"), T("Import"), variant="soft", color_scheme="gray")
        ),
        rx.dialog.content(
            rx.dialog.title(T("Import a seating")),
            rx.dialog.description(
                T(
                    "A seating exported from here or a solver's result. Every guest and table must belong to this plan; "
                    "nothing changes unless the whole file is valid."
                ),
                size="2",
            ),
            rx.vstack(
                zone,
                rx.cond(  # a refused file says why here too (nothing was changed)
                    S.error != "",
                    rx.callout(S.error, color_scheme="red", role="alert", width="100%", data_testid="import-error"),
                    rx.fragment(),
                ),
                rx.cond(
                    S.import_message != "",
                    rx.callout(S.import_message, color_scheme="green", width="100%", data_testid="import-message"),
                    rx.fragment(),
                ),
                rx.hstack(
                    rx.dialog.close(rx.button(T("Close"), variant="soft", color_scheme="gray")),
                    rx.button(T("Import"), on_click=S.import_file(rx.upload_files(upload_id=UPLOAD_ID))),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                margin_top="12px",
            ),
        ),
    )


def _toolbar() -> rx.Component:
    can_edit = S.can_edit
    return rx.hstack(
        rx.cond(
            can_edit,
            rx.hstack(
                rx.icon_button(
                    rx.icon("undo_2", size=18),
                    variant="soft",
                    on_click=S.undo,
                    aria_label=T("Undo (Ctrl+Z)"),
                    title=T("Undo (Ctrl+Z)"),
                    data_testid="undo",
                ),
                rx.icon_button(
                    rx.icon("redo_2", size=18),
                    variant="soft",
                    on_click=S.redo,
                    aria_label=T("Redo (Ctrl+Shift+Z)"),
                    title=T("Redo (Ctrl+Shift+Z)"),
                    data_testid="redo",
                ),
                _add_table(),
                _add_element(),
                rx.el.label(
                    rx.switch(
                        checked=S.keep_together,
                        on_change=S.keep_households,
                        data_testid="keep-households",
                    ),
                    rx.text(T("Keep households together"), size="2"),
                    class_name="radio-label",
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.badge(T("Read only"), color_scheme="gray"),
        ),
        rx.spacer(),
        _more_menu(),
        spacing="2",
        wrap="wrap",
        width="100%",
        class_name="seating-toolbar",
    )


def _legend() -> rx.Component:
    return rx.box(
        rx.el.span(rx.el.span(class_name="legend-swatch"), T("Free seat")),
        rx.el.span(rx.el.span(class_name="legend-swatch taken"), T("Taken seat")),
        rx.el.span(rx.el.span(class_name="legend-swatch locked"), T("Locked")),
        rx.el.span(rx.el.span(class_name="legend-line"), T("Broken rule")),
        rx.el.span(
            T("Drag guests onto tables; drag tables to move them; arrows and R move and rotate the focused table.")
        ),
        class_name="seating-legend",
    )


def _guest_line(g: rx.Var) -> rx.Component:
    companion = g["companion"].to(bool)
    can_edit = S.can_edit & ~companion  # a plus-one moves, locks and leaves with their guest
    return rx.vstack(
        rx.hstack(
            rx.text(g["name"].to(str), weight="medium", size="2"),
            rx.cond(companion, rx.badge(T("Plus-one"), variant="soft", size="1"), rx.fragment()),
            rx.cond(
                g["locked"].to(bool), rx.icon("lock", size=14, aria_label=T("Locked to this table")), rx.fragment()
            ),
            rx.spacer(),
            rx.text(g["meal"].to(str), size="1", color_scheme="gray"),
            align="center",
            width="100%",
        ),
        rx.cond(
            can_edit,
            rx.hstack(
                rx.el.select(
                    rx.el.option(T("Move to…"), value=""),
                    rx.foreach(
                        S.table_options,
                        lambda t: rx.el.option(t["label"] + " (" + t["free"] + ")", value=t["id"]),
                    ),
                    value="",
                    on_change=lambda v: S.move_guest(g["id"].to(str), v),
                    aria_label=T("Move to another table"),
                    class_name="native-select",
                    height="32px",
                    font_size="13px",
                    flex="1",
                ),
                rx.icon_button(
                    rx.cond(g["locked"].to(bool), rx.icon("lock_open", size=14), rx.icon("lock", size=14)),
                    size="1",
                    variant="soft",
                    color_scheme="amber",
                    on_click=S.toggle_lock(g["id"].to(str), ~g["locked"].to(bool)),
                    aria_label=rx.cond(g["locked"].to(bool), T("Unlock"), T("Lock to this table")),
                    title=rx.cond(g["locked"].to(bool), T("Unlock"), T("Lock to this table")),
                ),
                rx.icon_button(
                    rx.icon("user_minus", size=14),
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    on_click=S.unseat(g["id"].to(str)),
                    aria_label=T("Unseat"),
                    title=T("Unseat"),
                ),
                spacing="1",
                width="100%",
                align="center",
            ),
            rx.fragment(),
        ),
        spacing="1",
        class_name="guest-line",
        data_testid="table-guest",
    )


def _counts(items: rx.Var, name_key: str, title: str) -> rx.Component:
    return rx.cond(
        items.to(list).length() > 0,
        rx.vstack(
            rx.text(T(title), size="1", weight="bold", color_scheme="gray"),
            rx.hstack(
                rx.foreach(
                    items.to(list[dict]),
                    lambda c: rx.badge(
                        c[name_key].to(str), ": ", c["count"].to(str), variant="soft", color_scheme="grass"
                    ),
                ),
                wrap="wrap",
                spacing="1",
            ),
            spacing="1",
            width="100%",
        ),
        rx.fragment(),
    )


def _table_details() -> rx.Component:
    t = S.selected_table
    can_edit = S.can_edit
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(T("Table"), " ", t["label"].to(str), size="4", as_="h2", data_testid="details-title"),
                rx.spacer(),
                rx.badge(t["seated"].to(str), " / ", t["capacity"].to(str), size="2"),
                align="center",
                width="100%",
            ),
            _counts(t["meals"], "name", "Meals"),
            _counts(t["dietary"], "label", "Dietary"),
            rx.cond(
                t["guests"].to(list).length() > 0,
                rx.vstack(rx.foreach(t["guests"].to(list[dict]), _guest_line), spacing="0", width="100%"),
                rx.text(T("Nobody sits here yet: drag guests onto the table."), size="2", color_scheme="gray"),
            ),
            rx.cond(
                can_edit,
                rx.form(
                    rx.vstack(
                        rx.hstack(
                            rx.el.label(
                                rx.el.span(T("Table name"), class_name="field-label"),
                                rx.input(name="label", default_value=t["label"].to(str), max_length=60, width="100%"),
                                class_name="field",
                                flex="2",
                            ),
                            rx.el.label(
                                rx.el.span(T("Seats"), class_name="field-label"),
                                rx.input(
                                    name="capacity",
                                    type="number",
                                    min=1,
                                    max=30,
                                    default_value=t["capacity"].to(str),
                                    width="100%",
                                ),
                                class_name="field",
                                flex="1",
                            ),
                            rx.el.label(
                                rx.el.span(T("Angle"), class_name="field-label"),
                                rx.input(
                                    name="rotation",
                                    type="number",
                                    min=0,
                                    max=359,
                                    step=15,
                                    default_value=t["rotation"].to(str),
                                    width="100%",
                                ),
                                class_name="field",
                                flex="1",
                            ),
                            spacing="2",
                            width="100%",
                        ),
                        rx.cond(
                            S.table_error != "",
                            rx.text(S.table_error, color_scheme="red", size="2", role="alert"),
                            rx.fragment(),
                        ),
                        rx.hstack(
                            rx.button(T("Save"), type="submit", size="2", data_testid="save-table"),
                            rx.button(
                                rx.cond(t["locked"].to(bool), T("Unlock table"), T("Lock table")),
                                type="button",
                                size="2",
                                variant="soft",
                                color_scheme="amber",
                                on_click=S.toggle_table_lock,
                            ),
                            rx.spacer(),
                            rx.button(
                                rx.icon("trash_2", size=14, aria_hidden="true"),
                                T("Delete"),
                                type="button",
                                size="2",
                                variant="soft",
                                color_scheme="red",
                                on_click=S.ask_delete_table,
                                data_testid="delete-table",
                            ),
                            width="100%",
                            wrap="wrap",
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    on_submit=S.save_table,
                    key=t["id"].to(str) + "-" + t["version"].to(str),
                    width="100%",
                ),
                rx.fragment(),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="table-details",
    )


def _element_details() -> rx.Component:
    e = S.selected_element
    return rx.card(
        rx.hstack(
            rx.text(rx.cond(e["label"].to(str) != "", e["label"].to(str), T("Room element")), weight="bold"),
            rx.spacer(),
            rx.cond(
                S.can_edit,
                rx.button(T("Remove"), size="1", variant="soft", color_scheme="red", on_click=S.delete_element),
                rx.fragment(),
            ),
            align="center",
            width="100%",
        ),
        width="100%",
    )


def _optimizer() -> rx.Component:
    r = S.run
    return rx.card(
        rx.vstack(
            rx.heading(T("Optimizer"), size="4", as_="h2"),
            rx.cond(
                ~S.has_run,
                rx.form(
                    rx.vstack(
                        rx.text(
                            T(
                                "Optimize seats everyone by the rules; Repair only fixes what broke and moves as few guests as it can."
                            ),
                            size="2",
                            color_scheme="gray",
                        ),
                        rx.hstack(
                            _native_select("mode", "Mode", (("optimize", "Optimize"), ("repair", "Repair"))),
                            rx.el.label(
                                rx.el.span(T("Time"), class_name="field-label"),
                                rx.el.select(
                                    *[rx.el.option(f"{s} s", value=str(s)) for s in TIME_LIMITS],
                                    name="time_limit",
                                    default_value="10",
                                    class_name="native-select",
                                ),
                                class_name="field",
                                width="100%",
                            ),
                            spacing="2",
                            width="100%",
                        ),
                        rx.button(
                            rx.icon("sparkles", size=16, aria_hidden="true"),
                            T("Run"),
                            type="submit",
                            width="100%",
                            data_testid="run-optimizer",
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    on_submit=S.optimize,
                    width="100%",
                ),
                rx.vstack(
                    rx.hstack(
                        rx.badge(
                            r["status_label"].to(str),
                            data_testid="run-status",
                            color_scheme=rx.cond(r["running"].to(bool), "blue", "green"),
                        ),
                        rx.spacer(),
                        rx.text(r["elapsed"].to(str), size="1", color_scheme="gray", data_testid="run-elapsed"),
                        width="100%",
                    ),
                    rx.progress(
                        value=r["pct"].to(int),
                        aria_label=T("Optimizer progress"),
                        width="100%",
                        data_testid="run-progress",
                    ),
                    rx.hstack(
                        rx.text(
                            T("Best score"), ": ", rx.el.strong(r["best"].to(str), data_testid="run-best"), size="2"
                        ),
                        rx.text(T("Bound"), ": ", rx.el.strong(r["bound"].to(str)), size="2"),
                        rx.text(T("Now"), ": ", rx.el.strong(r["current"].to(str)), size="2"),
                        spacing="3",
                        wrap="wrap",
                    ),
                    rx.cond(
                        r["running"].to(bool),
                        rx.button(
                            T("Stop"),
                            color_scheme="red",
                            variant="soft",
                            on_click=S.stop_run,
                            width="100%",
                            data_testid="run-stop",
                        ),
                        rx.fragment(),
                    ),
                    rx.foreach(r["conflicts"].to(list[str]), lambda c: rx.callout(c, color_scheme="red", width="100%")),
                    rx.cond(
                        r["stale"].to(bool),
                        rx.callout(T("The plan changed since the run started."), color_scheme="amber", width="100%"),
                        rx.fragment(),
                    ),
                    rx.cond(
                        r["reviewable"].to(bool),
                        rx.vstack(
                            rx.text(r["moved"].to(str), weight="bold", size="2", data_testid="run-moved"),
                            rx.text(r["reseated"].to(str), size="2", color_scheme="gray", data_testid="run-reseated"),
                            rx.box(
                                rx.foreach(
                                    r["moves"].to(list[dict]),
                                    lambda m: rx.hstack(
                                        rx.text(m["guest"].to(str), size="2", weight="medium"),
                                        rx.spacer(),
                                        rx.text(
                                            m["from_table"].to(str),
                                            " → ",
                                            m["to_table"].to(str),
                                            size="2",
                                            color_scheme="gray",
                                        ),
                                        class_name="guest-line",
                                        data_testid="run-move",
                                    ),
                                ),
                                class_name="diff-list",
                            ),
                            rx.hstack(
                                rx.button(T("Accept"), on_click=S.accept_run, data_testid="run-accept"),
                                rx.button(
                                    T("Discard"),
                                    variant="soft",
                                    color_scheme="gray",
                                    on_click=S.discard_run,
                                    data_testid="run-discard",
                                ),
                                spacing="2",
                            ),
                            spacing="2",
                            width="100%",
                        ),
                        rx.cond(
                            r["running"].to(bool),
                            rx.fragment(),
                            rx.vstack(
                                rx.cond(
                                    r["no_change"].to(bool),
                                    rx.text(
                                        T("Nothing to change: the current seating is already the best found."), size="2"
                                    ),
                                    rx.fragment(),
                                ),
                                rx.button(T("Close"), variant="soft", color_scheme="gray", on_click=S.discard_run),
                                spacing="2",
                            ),
                        ),
                    ),
                    spacing="2",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="optimizer",
    )


def _rule_row(rule: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(rule["a_label"].to(str), " · ", rule["b_label"].to(str), size="2", weight="medium"),
            rx.hstack(
                rx.badge(rule["kind_label"].to(str), variant="soft", color_scheme="gray"),
                rx.cond(rule["violated"].to(bool), rx.badge(T("Broken"), color_scheme="red"), rx.fragment()),
                spacing="1",
            ),
            rx.cond(
                rule["violated"].to(bool), rx.text(rule["reason"].to(str), size="1", color_scheme="red"), rx.fragment()
            ),
            spacing="1",
            flex="1",
        ),
        rx.cond(
            S.can_edit,
            rx.icon_button(
                rx.icon("x", size=14),
                size="1",
                variant="ghost",
                color_scheme="gray",
                on_click=S.delete_rule(rule["id"].to(str)),
                aria_label=T("Remove the rule"),
                title=T("Remove the rule"),
            ),
            rx.fragment(),
        ),
        class_name="guest-line",
        data_testid="rule",
        align="start",
    )


def _party_select(name: str, label: str) -> rx.Component:
    return rx.el.label(
        rx.el.span(T(label), class_name="field-label"),
        rx.el.select(
            rx.el.option(T("Choose…"), value=""),
            rx.foreach(S.party_options, lambda o: rx.el.option(o["label"], value=o["value"])),
            name=name,
            class_name="native-select",
        ),
        class_name="field",
        width="100%",
    )


def _rules() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("Rules"), size="4", as_="h2"),
            rx.cond(
                S.rules.length() > 0,
                rx.vstack(rx.foreach(S.rules, _rule_row), spacing="0", width="100%"),
                rx.text(T("No rules yet: say who must sit together or apart."), size="2", color_scheme="gray"),
            ),
            rx.cond(
                S.can_edit,
                rx.form(
                    rx.vstack(
                        _native_select("kind", "Rule", RULE_KINDS),
                        _party_select("a", "Who"),
                        _party_select("b", "With"),
                        rx.el.label(
                            rx.el.span(T("Weight (preferences only)"), class_name="field-label"),
                            rx.input(name="weight", type="number", min=1, max=100, default_value="10", width="100%"),
                            class_name="field",
                            width="100%",
                        ),
                        rx.cond(
                            S.rule_error != "",
                            rx.text(S.rule_error, color_scheme="red", size="2", role="alert"),
                            rx.fragment(),
                        ),
                        rx.foreach(
                            S.rule_field_errors.values(),
                            lambda m: rx.text(m, color_scheme="red", size="2", role="alert"),
                        ),
                        rx.button(
                            T("Add the rule"), type="submit", width="100%", variant="soft", data_testid="add-rule"
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    on_submit=S.add_rule,
                    width="100%",
                ),
                rx.fragment(),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="rules",
    )


def _violations() -> rx.Component:
    return rx.cond(
        S.violations.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(T("Broken rules"), size="4", as_="h2", color_scheme="red"),
                rx.foreach(
                    S.violations,
                    lambda v: rx.text(v["message"].to(str), size="2", class_name="guest-line", data_testid="violation"),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        rx.fragment(),
    )


def _delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(T("Delete this table?")),
            rx.alert_dialog.description(T("Its guests go back to the unassigned list. Undo brings the table back.")),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(T("Cancel"), variant="soft", color_scheme="gray")),
                rx.button(
                    T("Delete the table"),
                    color_scheme="red",
                    on_click=S.confirm_delete_table,
                    data_testid="delete-table-confirm",
                ),
                justify="end",
                spacing="3",
                margin_top="16px",
            ),
        ),
        open=S.delete_target != "",
        on_open_change=S.cancel_delete,
    )


def _start_layout() -> rx.Component:
    return rx.cond(
        S.can_edit & (S.totals["tables"] == "0"),
        rx.card(
            rx.hstack(
                rx.icon("layout_grid", size=28, color=rx.color("plum", 9), aria_hidden="true"),
                rx.vstack(
                    rx.text(T("No tables yet: add a table or start from a layout."), weight="bold"),
                    rx.text(
                        T("The layout puts round tables of ten in rows, enough for every guest of this event."),
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                    flex="1",
                ),
                rx.button(T("Start from a layout"), on_click=S.add_layout, data_testid="start-layout"),
                align="center",
                spacing="3",
                width="100%",
                wrap="wrap",
            ),
            width="100%",
            data_testid="empty-plan",
        ),
        rx.fragment(),
    )


def _canvas_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.icon("arrow_left", size=14, aria_hidden="true"), T("All plans"), align="center", spacing="1"
                ),
                href="/w/" + ShellState.current_wedding_id + "/seating",
                size="2",
            ),
            rx.heading(S.event_name, size="5", as_="h2", data_testid="plan-event"),
            _totals(),
            rx.spacer(),
            _presence(),
            align="center",
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        _toolbar(),
        _messages(),
        _start_layout(),
        rx.box(
            rx.vstack(
                seating_canvas(
                    plan=S.plan,
                    seating=S.seating,
                    unassigned=S.unassigned,
                    households=S.households,
                    labels=canvas_labels(),
                    presence=S.presence,
                    on_drop_guests=S.drop_guests,
                    on_unassign=S.unassign,
                    on_move_table=S.move_table,
                    on_move_element=S.move_element,
                    on_select=S.select,
                    on_cursor=S.cursor,
                    on_undo=S.undo,
                    on_redo=S.redo,
                    data_testid="seating-canvas",
                ),
                _legend(),
                spacing="2",
                width="100%",
                min_width="0",
            ),
            rx.box(
                rx.cond(S.selected_table.length() > 0, _table_details(), rx.fragment()),
                rx.cond(S.selected_element.length() > 0, _element_details(), rx.fragment()),
                rx.cond(S.can_edit, _optimizer(), rx.fragment()),
                _violations(),
                _rules(),
                class_name="seating-side",
            ),
            class_name="seating-layout",
        ),
        _delete_dialog(),
        spacing="3",
        width="100%",
        class_name="seating-page",
        on_unmount=S.stop,
    )


def seating_plan_page() -> rx.Component:
    return app_layout(
        rx.cond(
            ~S.loaded,
            page_loading(),
            rx.cond(
                S.not_found,
                not_found_card(),
                rx.cond(
                    S.no_plan,
                    empty_state(
                        "armchair",
                        "No seating plan yet",
                        "Nobody has started the seating plan of this event yet.",
                        rx.link(
                            rx.button(T("All plans"), variant="soft"),
                            href="/w/" + ShellState.current_wedding_id + "/seating",
                        ),
                    ),
                    _canvas_page(),
                ),
            ),
        ),
        title="Seating",
    )


ON_LOAD_LIST = [ShellState.enter("seating"), SeatingListState.load]
ON_LOAD_PLAN = [ShellState.enter("seating"), SeatingState.load]
