"""Import guests from a CSV or Excel file: upload, map the columns, review, confirm."""

from __future__ import annotations

import reflex as rx

from components.cards import section
from components.forms import form_error
from components.i18n import T
from components.shell import app_layout
from services.guest_import import MAX_FILE_BYTES
from state.guest_import import GuestImportState
from state.shell import ShellState

S = GuestImportState
UPLOAD_ID = "guest-file"


def _dropzone(*children: rx.Component, **props) -> rx.Component:
    """rx.upload whose hidden file input has an accessible name (screen readers announce it)."""
    zone = rx.upload(*children, **props)
    zone.children[0].children[0].custom_attrs["aria-label"] = T("Guest list file (CSV or Excel)")
    return zone


def _upload() -> rx.Component:
    return section(
        "Import guests from a file",
        rx.text(
            T(
                "CSV or Excel (.xlsx) exports of a spreadsheet or another wedding site, up to 5 MB. The first row must hold the column names."
            ),
            size="2",
            color_scheme="gray",
        ),
        _dropzone(
            rx.vstack(
                rx.icon("file_spreadsheet", size=32, color=rx.color("plum", 9), aria_hidden="true"),
                rx.text(T("Drop the file here, or click to choose it"), weight="medium"),
                rx.foreach(
                    rx.selected_files(UPLOAD_ID), lambda f: rx.badge(f, variant="soft", data_testid="chosen-file")
                ),
                align="center",
                spacing="2",
            ),
            id=UPLOAD_ID,
            multiple=False,
            max_files=1,
            max_size=MAX_FILE_BYTES,
            accept={
                "text/csv": [".csv", ".txt"],
                "text/plain": [".csv", ".txt"],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
            },
            class_name="upload-zone",
            border=f"2px dashed {rx.color('plum', 7)}",
            border_radius="12px",
            padding="32px",
            width="100%",
        ),
        form_error(S.error),
        rx.hstack(
            rx.button(
                rx.icon("eye", size=16, aria_hidden="true"),
                T("Upload and preview"),
                on_click=S.handle_upload(rx.upload_files(upload_id=UPLOAD_ID)),
                loading=S.busy,
                size="3",
                id="import-upload",
            ),
            rx.link(T("Back to the guest list"), href="/w/" + ShellState.current_wedding_id + "/guests"),
            spacing="4",
            align="center",
            wrap="wrap",
        ),
        rx.text(
            T("Nothing is saved until you confirm. Column names in English, French and Spanish are recognized."),
            size="1",
            color_scheme="gray",
        ),
    )


def _column(c: rx.Var) -> rx.Component:
    index = c["index"].to(int)
    return rx.box(
        rx.vstack(
            rx.text(c["header"].to(str), weight="bold", size="2"),
            rx.text(c["sample"].to(str), size="1", color_scheme="gray", class_name="cell-ellipsis"),
            spacing="0",
            min_width="0",
        ),
        rx.el.select(
            rx.foreach(S.choices, lambda o: rx.el.option(o["label"], value=o["key"])),
            value=c["field"].to(str),
            on_change=lambda v: S.map_column(index, v),
            aria_label=T("Field for column").to(str) + " " + c["header"].to(str),
            class_name="native-select",
            data_testid="map-" + c["header"].to(str),
        ),
        class_name="map-row",
    )


def _decision(r: rx.Var) -> rx.Component:
    return rx.el.select(
        rx.el.option(T("Skip this row"), value="skip"),
        rx.cond(
            r["can_merge"].to(bool), rx.el.option(T("Merge into the existing guest"), value="merge"), rx.fragment()
        ),
        rx.el.option(T("Add as a new guest"), value="add"),
        value=r["decision"].to(str),
        on_change=lambda v: S.decide(r["number"].to(int), v),
        aria_label=T("What to do with row").to(str) + " " + r["number"].to(str),
        class_name="native-select",
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.badge(T("Row"), " ", r["number"].to(str), variant="outline"),
            rx.text(r["name"].to(str), weight="bold", size="2"),
            rx.text(r["contact"].to(str), size="1", color_scheme="gray", class_name="cell-ellipsis"),
            rx.spacer(),
            rx.text(r["household"].to(str), size="1", color_scheme="gray"),
            rx.text(r["events"].to(str), size="1", color_scheme="gray", class_name="hide-mobile"),
            align="center",
            spacing="2",
            width="100%",
            wrap="wrap",
        ),
        rx.foreach(
            r["problems"].to(list[str]),
            lambda p: rx.text(
                rx.icon("circle_alert", size=12, aria_hidden="true"), " ", p, size="2", color_scheme="red"
            ),
        ),
        rx.cond(
            r["duplicate"].to(str) != "",
            rx.hstack(
                rx.text(
                    rx.icon("copy", size=12, aria_hidden="true"),
                    " ",
                    T("Likely duplicate:"),
                    " ",
                    r["duplicate"].to(str),
                    size="2",
                    color_scheme="amber",
                ),
                rx.spacer(),
                _decision(r),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            rx.fragment(),
        ),
        class_name=rx.cond(r["has_problems"].to(bool), "preview-row bad", "preview-row"),
        data_testid="preview-row",
    )


def _count(label: str, value: rx.Var, color: str, test_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(value, size="6", weight="bold", color_scheme=color, data_testid=test_id),
        rx.text(T(label), size="1", color_scheme="gray"),
        spacing="0",
        align="center",
    )


def _preview() -> rx.Component:
    c = S.counts
    return rx.vstack(
        section(
            "Match the columns",
            rx.text(
                T("We guessed what each column holds. Check the guesses and fix any that are wrong."),
                size="2",
                color_scheme="gray",
            ),
            rx.text(T("File:"), " ", S.filename, size="2", weight="medium"),
            form_error(S.mapping_error),
            rx.grid(
                rx.foreach(S.columns, _column), columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"
            ),
            rx.cond(
                S.events.length() > 0,
                rx.vstack(
                    rx.text(
                        T("Invite the imported guests to these events (when their row names no event):"),
                        size="2",
                        weight="medium",
                    ),
                    rx.flex(
                        rx.foreach(
                            S.events,
                            lambda e: rx.el.label(
                                rx.checkbox(
                                    checked=e["checked"].to(bool),
                                    on_change=lambda v: S.toggle_event(e["id"].to(str), v),
                                ),
                                rx.text(e["name"].to(str), size="2"),
                                class_name="check-label",
                            ),
                        ),
                        gap="12px",
                        wrap="wrap",
                    ),
                    spacing="2",
                ),
                rx.fragment(),
            ),
        ),
        section(
            "Review",
            rx.hstack(
                _count("rows", c["total"].to(str), "gray", "count-total"),
                _count("ready", c["valid"].to(str), "green", "count-valid"),
                _count("with problems", c["invalid"].to(str), "red", "count-invalid"),
                _count("likely duplicates", c["duplicates"].to(str), "amber", "count-duplicates"),
                justify="between",
                width="100%",
                wrap="wrap",
                spacing="4",
            ),
            rx.text(
                T(
                    "Rows with problems are left out. Fix them in your file and import it again, or add those guests by hand."
                ),
                size="2",
                color_scheme="gray",
            ),
            rx.vstack(rx.foreach(S.rows, _row), spacing="2", width="100%", data_testid="preview-rows"),
            form_error(S.error),
            rx.hstack(
                rx.button(T("Start over"), on_click=S.start_over, variant="soft", color_scheme="gray", size="3"),
                rx.button(
                    c["confirm"].to(str),
                    on_click=S.confirm,
                    loading=S.busy,
                    disabled=(S.importable == 0) & (c["merges"].to(str) == "0"),
                    size="3",
                    id="import-confirm",
                ),
                justify="end",
                spacing="3",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )


def _done() -> rx.Component:
    return section(
        "Import finished",
        rx.callout(S.result, icon="check", color_scheme="green", data_testid="import-result"),
        rx.hstack(
            rx.link(
                rx.button(T("See the guest list"), size="3", id="import-done"),
                href="/w/" + ShellState.current_wedding_id + "/guests",
            ),
            rx.button(T("Import another file"), on_click=S.start_over, variant="soft", size="3"),
            spacing="3",
        ),
    )


def import_page() -> rx.Component:
    return app_layout(
        rx.box(
            rx.match(S.stage, ("preview", _preview()), ("done", _done()), _upload()),
            max_width="960px",
            width="100%",
        ),
        title="Import guests",
    )


ON_LOAD = [ShellState.enter("guests"), GuestImportState.load]
