"""Contract pages: the vendor's list and editor, the admin review queue and review page, the couple's
signing page. The PDF is shown from the authorized API route in an <object> (with a link to open it)."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.dialogs import confirm_dialog
from components.forms import field, form_error, select_field
from components.i18n import T
from components.shell import app_layout
from components.vendor_shell import vendor_layout
from state.contracts import ContractState, CoupleContractsState, ReviewQueueState, VendorContractsState
from state.shell import ShellState

C = ContractState
V = VendorContractsState
Q = ReviewQueueState
PDF_ACCEPT = {"application/pdf": [".pdf"]}
TEMPLATE_INPUTS = (
    ("parties", "Parties", True),
    ("date", "Date of the event", False),
    ("services", "Services", True),
    ("price", "Price", False),
    ("payment_schedule", "Payment schedule", True),
    ("cancellation_terms", "Cancellation terms", True),
)
STATUS_OPTIONS = [
    ("", "Waiting for review"),
    ("submitted", "Submitted"),
    ("in_review", "In review"),
    ("changes_requested", "Changes requested"),
    ("approved", "Approved"),
    ("signed_couple", "Signed by the couple"),
    ("executed", "Executed"),
    ("withdrawn", "Withdrawn"),
    ("void", "Void"),
    ("draft", "Draft"),
]


# ---------- small pieces ----------


def _badge(row: rx.Var) -> rx.Component:
    return rx.badge(row["status_label"].to(str), color_scheme=row["status_color"].to(str), variant="soft")


def _dropzone(upload_id: str, label: str) -> rx.Component:
    zone = rx.upload(
        rx.vstack(
            rx.icon("file_text", size=28, color=rx.color("plum", 9), aria_hidden="true"),
            rx.text(T("Drop the PDF here, or click to choose it"), weight="medium"),
            rx.text(
                T("PDF only, up to 15 MB. The file is checked by its content, not its name."),
                size="1",
                color_scheme="gray",
            ),
            rx.foreach(rx.selected_files(upload_id), lambda f: rx.badge(f, variant="soft", data_testid="chosen-file")),
            align="center",
            spacing="2",
        ),
        id=upload_id,
        multiple=False,
        max_files=1,
        accept=PDF_ACCEPT,
        border=f"2px dashed {rx.color('plum', 7)}",
        border_radius="12px",
        padding="24px",
        width="100%",
    )
    zone.children[0].children[0].custom_attrs["aria-label"] = T(label)
    return zone


def _text_area(name: str, label: str, errors: rx.Var, default: rx.Var | str, rows: str = "3") -> rx.Component:
    error = errors[name].to(str)
    return rx.box(
        rx.el.label(
            rx.el.span(T(label), class_name="field-label"),
            rx.text_area(
                name=name,
                default_value=default,
                rows=rows,
                aria_describedby=f"e-{name}",
                aria_invalid=rx.cond(error, "true", "false"),
                width="100%",
                size="2",
            ),
            class_name="field",
        ),
        rx.text(error, id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
    )


def _template_form(errors: rx.Var, values: rx.Var, on_submit, button: str, busy: rx.Var, key: rx.Var) -> rx.Component:
    return rx.form(
        rx.vstack(
            field("title", "Title", errors, default_value=values["title"].to(str)),
            *[
                _text_area(name, label, errors, values[name].to(str), "4" if multi else "1")
                if multi
                else field(name, label, errors, default_value=values[name].to(str))
                for name, label, multi in TEMPLATE_INPUTS
            ],
            rx.button(T(button), type="submit", loading=busy, size="3", data_testid="template-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=on_submit,
        reset_on_submit=False,
        key=key,
        width="100%",
    )


def _notices() -> rx.Component:
    return rx.vstack(
        form_error(C.error),
        rx.cond(
            C.notice != "",
            rx.callout(C.notice, icon="circle_check", color_scheme="green", role="status", width="100%"),
            rx.fragment(),
        ),
        width="100%",
        spacing="2",
    )


def _contracts_table(rows: rx.Var, href_prefix: rx.Var | str, *, show_couple: bool = True) -> rx.Component:
    def row(r: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(rx.link(r["title"].to(str), href=href_prefix + r["id"].to(str))),
            rx.table.cell(_badge(r)),
            rx.table.cell(r["vendor"].to(str)),
            rx.table.cell(r["couple"].to(str)) if show_couple else rx.fragment(),
            rx.table.cell(r["amount"].to(str)),
            rx.table.cell(r["version"].to(str)),
            rx.table.cell(r["updated"].to(str)),
        )

    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(T("Contract")),
                    rx.table.column_header_cell(T("Status")),
                    rx.table.column_header_cell(T("Vendor")),
                    rx.table.column_header_cell(T("Couple")) if show_couple else rx.fragment(),
                    rx.table.column_header_cell(T("Amount")),
                    rx.table.column_header_cell(T("Version")),
                    rx.table.column_header_cell(T("Last change")),
                )
            ),
            rx.table.body(rx.foreach(rows, row)),
            width="100%",
        ),
        overflow_x="auto",
        width="100%",
    )


def _empty(icon: str, text: str) -> rx.Component:
    return rx.vstack(
        rx.icon(icon, size=28, color=rx.color("gray", 9), aria_hidden="true"),
        rx.text(T(text), color_scheme="gray"),
        align="center",
        padding="24px",
        width="100%",
    )


# ---------- the contract (every side) ----------


def _header() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(C.title, size="5", as_="h2"),
                rx.badge(C.status_label, color_scheme=C.status_color, size="2", data_testid="contract-status"),
                align="center",
                spacing="3",
                wrap="wrap",
            ),
            rx.hstack(
                rx.text(T("Vendor"), ": ", rx.text.strong(C.vendor), size="2"),
                rx.text(T("Couple"), ": ", rx.text.strong(C.couple), size="2"),
                rx.text(T("Amount"), ": ", rx.text.strong(C.amount), size="2"),
                rx.text(T("Version"), ": ", rx.text.strong(C.current_version), size="2", data_testid="current-version"),
                spacing="4",
                wrap="wrap",
            ),
            rx.text(
                T("Document SHA-256"),
                ": ",
                rx.code(C.current_sha, size="1", word_break="break-all"),
                size="1",
                color_scheme="gray",
            ),
            spacing="2",
            width="100%",
        ),
        size="3",
        width="100%",
    )


def _simple_actions() -> rx.Component:
    return rx.hstack(
        rx.cond(
            C.actions.contains("submit"),
            rx.button(
                rx.icon("send", size=16, aria_hidden="true"),
                T("Submit for review"),
                on_click=C.simple_action("submit"),
                loading=C.busy,
                data_testid="submit-contract",
            ),
            rx.fragment(),
        ),
        rx.cond(
            C.actions.contains("start_review"),
            rx.button(
                rx.icon("eye", size=16, aria_hidden="true"),
                T("Start the review"),
                on_click=C.simple_action("start_review"),
                loading=C.busy,
                data_testid="start-review",
            ),
            rx.fragment(),
        ),
        rx.cond(
            C.actions.contains("withdraw"),
            confirm_dialog(
                "Withdraw this contract?",
                "A withdrawn contract cannot be submitted, signed or reopened. A new contract can be created instead.",
                C.simple_action("withdraw"),
                confirm_label="Withdraw",
                trigger=rx.button(T("Withdraw"), variant="soft", color_scheme="red", data_testid="withdraw"),
                data_testid="confirm-withdraw",
            ),
            rx.fragment(),
        ),
        spacing="3",
        wrap="wrap",
    )


def _viewer() -> rx.Component:
    return section(
        "Document",
        rx.hstack(
            rx.cond(
                C.executed,
                rx.button(
                    rx.icon("badge_check", size=14, aria_hidden="true"),
                    T("Signed PDF"),
                    size="1",
                    variant=rx.cond(C.shown_version == 0, "solid", "soft"),
                    on_click=C.show_version("0"),
                    data_testid="show-executed",
                ),
                rx.fragment(),
            ),
            rx.foreach(
                C.versions,
                lambda v: rx.button(
                    T("Version"),
                    " ",
                    v["number"].to(str),
                    size="1",
                    variant=rx.cond(C.shown_version.to_string() == v["number"].to(str), "solid", "soft"),
                    on_click=C.show_version(v["number"].to(str)),
                    data_testid="show-version",
                ),
            ),
            rx.spacer(),
            rx.link(T("Open the PDF"), href=C.pdf_url, is_external=True, data_testid="open-pdf"),
            wrap="wrap",
            spacing="2",
            width="100%",
            align="center",
        ),
        rx.el.object(
            rx.text(
                T("Your browser cannot show PDFs here."),
                " ",
                rx.link(T("Open the PDF"), href=C.pdf_url, is_external=True),
            ),
            data=C.pdf_url,
            type="application/pdf",
            title=T("Contract document"),
            width="100%",
            height="640px",
            style={
                "border": f"1px solid {rx.color('gray', 6)}",
                "border_radius": "8px",
                "background": rx.color("gray", 2),
            },
        ),
    )


def _versions_list() -> rx.Component:
    return section(
        "Versions",
        rx.foreach(
            C.versions,
            lambda v: rx.hstack(
                rx.badge(T("Version"), " ", v["number"].to(str), variant="soft"),
                rx.text(v["when"].to(str), size="2"),
                rx.text(v["pages"].to(str), " ", T("pages"), " · ", v["size"].to(str), size="2", color_scheme="gray"),
                rx.code(v["short_sha"].to(str), size="1", title=v["sha"].to(str)),
                rx.button(
                    rx.icon("download", size=14, aria_hidden="true"),
                    T("Download"),
                    on_click=rx.download(
                        url=C.api
                        + "/api/v1/contracts/"
                        + C.cid
                        + "/versions/"
                        + v["number"].to(str)
                        + ".pdf?download=1",
                        filename="contract-v" + v["number"].to(str) + ".pdf",
                    ),
                    variant="ghost",
                    size="1",
                ),
                spacing="3",
                wrap="wrap",
                align="center",
            ),
        ),
    )


def _history() -> rx.Component:
    return section(
        "Status history",
        rx.foreach(
            C.events,
            lambda e: rx.box(
                rx.hstack(
                    rx.text.strong(e["label"].to(str), size="2"),
                    rx.text(e["when"].to(str), size="1", color_scheme="gray"),
                    rx.cond(
                        e["actor"].to(str) != "",
                        rx.text(e["actor"].to(str), " · ", e["side"].to(str), size="1", color_scheme="gray"),
                        rx.fragment(),
                    ),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                rx.cond(e["reason"].to(str) != "", rx.blockquote(e["reason"].to(str), size="2"), rx.fragment()),
                padding_y="4px",
                border_bottom=f"1px solid {rx.color('gray', 4)}",
                width="100%",
            ),
        ),
    )


def _signatures() -> rx.Component:
    return rx.cond(
        C.signatures.length() > 0,
        section(
            "Signatures",
            rx.foreach(
                C.signatures,
                lambda s: rx.box(
                    rx.text(s["role"].to(str), ": ", rx.text.strong(s["name"].to(str)), size="2"),
                    rx.text(s["utc"].to(str), " · ", s["local"].to(str), size="1", color_scheme="gray"),
                    rx.text(
                        T("IP address"), ": ", s["ip"].to(str), " · ", s["ua"].to(str), size="1", color_scheme="gray"
                    ),
                    rx.text(
                        T("Document SHA-256"),
                        ": ",
                        rx.code(s["sha"].to(str), size="1", word_break="break-all"),
                        size="1",
                    ),
                    padding_y="4px",
                    width="100%",
                ),
            ),
            rx.cond(
                C.executed,
                rx.hstack(
                    rx.button(
                        rx.icon("download", size=16, aria_hidden="true"),
                        T("Download the signed PDF"),
                        on_click=rx.download(url=C.executed_url + "?download=1", filename="contract-signed.pdf"),
                        data_testid="download-executed",
                    ),
                    rx.button(T("Check integrity"), variant="soft", on_click=C.verify, data_testid="verify"),
                    rx.match(
                        C.verified,
                        ("ok", rx.badge(T("Unchanged since signing"), color_scheme="green", data_testid="verified")),
                        (
                            "tampered",
                            rx.badge(T("Modified after signing!"), color_scheme="red", data_testid="verified"),
                        ),
                        rx.fragment(),
                    ),
                    spacing="3",
                    wrap="wrap",
                    align="center",
                ),
                rx.fragment(),
            ),
        ),
        rx.fragment(),
    )


def _action_form(shown: rx.Var, title: str, intro: str | None, fields: list[rx.Component], on_submit) -> rx.Component:
    """A section holding one form that changes the contract (sign, decide, void), when the viewer may use it."""
    return rx.cond(
        shown,
        section(
            title,
            rx.text(T(intro), size="2", color_scheme="gray") if intro else rx.fragment(),
            rx.form(
                rx.vstack(*fields, spacing="2", width="100%"),
                on_submit=on_submit,
                reset_on_submit=False,
                width="100%",
            ),
        ),
        rx.fragment(),
    )


def _sign_form() -> rx.Component:
    return _action_form(
        C.can_sign,
        "Sign the contract",
        "Read the document above. Signing records your typed name, the time, your IP address, your browser and the document's SHA-256 fingerprint.",
        [
            field("full_name", "Your full name", C.errors, autocomplete="name"),
            rx.el.label(
                rx.el.input(type="checkbox", name="consent", aria_describedby="e-consent"),
                rx.text(T("I have read this contract and I agree to sign it electronically."), size="2", as_="span"),
                class_name="radio-label",
                style={"display": "flex", "gap": "8px", "align_items": "center"},
            ),
            rx.text(
                C.errors["consent"].to(str),
                id="e-consent",
                size="2",
                color_scheme="red",
                role="alert",
                min_height="1.2em",
            ),
            rx.button(
                rx.icon("pen_line", size=16, aria_hidden="true"),
                T("Sign"),
                type="submit",
                size="3",
                loading=C.busy,
                data_testid="sign",
            ),
        ],
        C.sign,
    )


def _comments() -> rx.Component:
    return rx.cond(
        C.can_comment,
        section(
            "Comments",
            rx.cond(
                C.comments.length() > 0,
                rx.foreach(
                    C.comments,
                    lambda m: rx.box(
                        rx.hstack(
                            rx.badge(T("Version"), " ", m["version"].to(str), variant="outline"),
                            rx.text.strong(m["author"].to(str), size="2"),
                            rx.text(m["side"].to(str), " · ", m["when"].to(str), size="1", color_scheme="gray"),
                            spacing="2",
                            wrap="wrap",
                            align="center",
                        ),
                        rx.text(m["body"].to(str), size="2", white_space="pre-wrap"),
                        padding_y="6px",
                        border_bottom=f"1px solid {rx.color('gray', 4)}",
                        width="100%",
                    ),
                ),
                rx.text(T("No comments yet."), size="2", color_scheme="gray"),
            ),
            rx.form(
                rx.vstack(
                    rx.el.label(
                        rx.el.span(T("Version"), class_name="field-label"),
                        rx.el.select(
                            rx.foreach(C.version_numbers, lambda n: rx.el.option(n, value=n)),
                            name="version",
                            value=C.shown_version.to(str),
                            on_change=C.show_version,
                            class_name="native-select",
                        ),
                        class_name="field",
                    ),
                    _text_area("comment", "Comment on this version", C.errors, "", "3"),
                    rx.button(T("Add comment"), type="submit", variant="soft", data_testid="add-comment"),
                    width="100%",
                    spacing="2",
                ),
                on_submit=C.add_comment,
                reset_on_submit=True,
                width="100%",
            ),
        ),
        rx.fragment(),
    )


def _diff() -> rx.Component:
    def cell(text: rx.Var, kind: rx.Var, side: str) -> rx.Component:
        color = rx.match(
            kind,
            ("changed", rx.color("amber", 3)),
            ("added", rx.color("green", 3) if side == "right" else "transparent"),
            ("removed", rx.color("red", 3) if side == "left" else "transparent"),
            "transparent",
        )
        return rx.table.cell(rx.text(text, size="2", white_space="pre-wrap"), background=color, width="45%")

    return rx.cond(
        C.version_numbers.length() > 1,
        section(
            "Compare versions",
            rx.form(
                rx.hstack(
                    rx.el.label(
                        rx.el.span(T("Older"), class_name="field-label"),
                        rx.el.select(
                            rx.foreach(C.version_numbers, lambda n: rx.el.option(n, value=n)),
                            name="old",
                            default_value=C.diff_old,
                            class_name="native-select",
                            key=C.diff_old,
                        ),
                        class_name="field",
                    ),
                    rx.el.label(
                        rx.el.span(T("Newer"), class_name="field-label"),
                        rx.el.select(
                            rx.foreach(C.version_numbers, lambda n: rx.el.option(n, value=n)),
                            name="new",
                            default_value=C.diff_new,
                            class_name="native-select",
                            key=C.diff_new,
                        ),
                        class_name="field",
                    ),
                    rx.button(T("Compare"), type="submit", variant="soft", data_testid="compare"),
                    align="end",
                    spacing="3",
                    wrap="wrap",
                ),
                on_submit=C.compare,
                reset_on_submit=False,
            ),
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(rx.cond(C.diff_is_fields, T("Field"), T("Page"))),
                            rx.table.column_header_cell(T("Version"), " ", C.diff_old),
                            rx.table.column_header_cell(T("Version"), " ", C.diff_new),
                        )
                    ),
                    rx.table.body(
                        rx.foreach(
                            C.diff_rows,
                            lambda r: rx.table.row(
                                rx.table.cell(rx.text(r["label"].to(str), size="1", color_scheme="gray")),
                                cell(r["left"].to(str), r["kind"].to(str), "left"),
                                cell(r["right"].to(str), r["kind"].to(str), "right"),
                                data_kind=r["kind"].to(str),
                                class_name="diff-row",
                            ),
                        )
                    ),
                    width="100%",
                    size="1",
                ),
                overflow_x="auto",
                max_height="520px",
                overflow_y="auto",
                width="100%",
                data_testid="diff",
            ),
        ),
        rx.fragment(),
    )


def _decision_form() -> rx.Component:
    return _action_form(
        C.actions.contains("approve"),
        "Decision",
        None,
        [
            select_field(
                "decision",
                "Decision",
                C.errors,
                [("request_changes", "Request changes"), ("approve", "Approve")],
                translate=True,
            ),
            _text_area("reason", "Reason (recorded with the decision and shown to the vendor)", C.errors, "", "3"),
            rx.button(T("Record the decision"), type="submit", loading=C.busy, size="3", data_testid="decide"),
        ],
        C.decide,
    )


def _void_form() -> rx.Component:
    return _action_form(
        C.actions.contains("void"),
        "Void the executed contract",
        "Voiding keeps the signed PDF and its history; the contract stops being in force.",
        [
            rx.el.input(type="hidden", name="decision", default_value="void"),
            _text_area("reason", "Reason for voiding", C.errors, "", "2"),
            rx.button(
                T("Void the contract"),
                type="submit",
                color_scheme="red",
                variant="soft",
                loading=C.busy,
                data_testid="void",
            ),
        ],
        C.decide,
    )


def _new_version() -> rx.Component:
    return rx.cond(
        C.can_edit,
        section(
            "Upload a new version",
            rx.cond(
                C.kind == "template",
                _template_form(
                    C.errors,
                    C.fields,
                    C.save_template_version,
                    "Save as a new version",
                    C.busy,
                    C.current_version.to(str),
                ),
                rx.vstack(
                    _dropzone("version-file", "Contract PDF file"),
                    rx.text(
                        C.errors["file"].to(str),
                        id="e-file",
                        size="2",
                        color_scheme="red",
                        role="alert",
                        min_height="1.2em",
                    ),
                    rx.button(
                        rx.icon("upload", size=16, aria_hidden="true"),
                        T("Upload as a new version"),
                        on_click=C.upload_version(rx.upload_files(upload_id="version-file")),
                        loading=C.busy,
                        data_testid="upload-version",
                    ),
                    width="100%",
                    spacing="2",
                ),
            ),
        ),
        rx.fragment(),
    )


def _contract_body(side: str) -> rx.Component:
    admin_or_vendor = side in ("admin", "vendor")
    left = [_viewer(), _diff() if admin_or_vendor else rx.fragment()]
    right = [
        _sign_form(),
        _decision_form() if side == "admin" else rx.fragment(),
        _new_version() if side == "vendor" else rx.fragment(),
        _comments() if admin_or_vendor else rx.fragment(),
        _signatures(),
        _history(),
        _versions_list() if admin_or_vendor else rx.fragment(),
        _void_form() if side == "admin" else rx.fragment(),
    ]
    return rx.cond(
        ~C.loaded,
        rx.center(rx.spinner(size="3"), padding="48px"),
        rx.cond(
            C.found,
            rx.vstack(
                _header(),
                _notices(),
                _simple_actions(),
                rx.grid(
                    rx.vstack(*left, spacing="4", width="100%", min_width="0"),
                    rx.vstack(*right, spacing="4", width="100%", min_width="0"),
                    columns=rx.breakpoints(initial="1", lg="2"),
                    spacing="4",
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
            not_found_card(),
        ),
    )


def vendor_contract_page() -> rx.Component:
    return vendor_layout(
        rx.vstack(
            rx.link(T("All contracts"), href="/vendor/contracts"), _contract_body("vendor"), width="100%", spacing="3"
        ),
        title="Contract",
    )


def admin_contract_page() -> rx.Component:
    return app_layout(
        rx.vstack(
            rx.link(T("Back to the review queue"), href="/admin/contracts"),
            _contract_body("admin"),
            width="100%",
            spacing="3",
        ),
        title="Contract review",
        wedding_nav=False,
    )


def couple_contract_page() -> rx.Component:
    return app_layout(
        rx.vstack(
            rx.link(T("All contracts"), href="/w/" + ShellState.current_wedding_id + "/contracts"),
            _contract_body("couple"),
            width="100%",
            spacing="3",
        ),
        title="Contract",
    )


# ---------- lists ----------


def vendor_contracts_page() -> rx.Component:
    create = section(
        "New contract",
        rx.cond(
            V.bookings.length() > 0,
            rx.vstack(
                rx.el.label(
                    rx.el.span(T("Booking"), class_name="field-label"),
                    rx.el.select(
                        rx.foreach(V.bookings, lambda b: rx.el.option(b["label"].to(str), value=b["id"].to(str))),
                        value=V.chosen_booking,
                        on_change=V.choose_booking,
                        class_name="native-select",
                        name="booking",
                    ),
                    class_name="field",
                    width="100%",
                ),
                rx.tabs.root(
                    rx.tabs.list(
                        rx.tabs.trigger(T("Upload a PDF"), value="upload"),
                        rx.tabs.trigger(T("Fill in the template"), value="template", data_testid="template-tab"),
                    ),
                    rx.tabs.content(
                        rx.vstack(
                            rx.el.label(
                                rx.el.span(T("Title"), class_name="field-label"),
                                rx.input(
                                    name="upload_title",
                                    default_value=V.new_title,
                                    key=V.chosen_booking,
                                    on_blur=V.remember_title,
                                    size="3",
                                    width="100%",
                                    aria_describedby="e-title",
                                ),
                                class_name="field",
                                width="100%",
                            ),
                            rx.text(
                                V.errors["title"].to(str), id="e-title", size="2", color_scheme="red", role="alert"
                            ),
                            _dropzone("contract-file", "Contract PDF file"),
                            rx.text(
                                V.errors["file"].to(str),
                                id="e-file",
                                size="2",
                                color_scheme="red",
                                role="alert",
                                min_height="1.2em",
                            ),
                            rx.button(
                                rx.icon("upload", size=16, aria_hidden="true"),
                                T("Upload and create the draft"),
                                on_click=V.upload_contract(rx.upload_files(upload_id="contract-file")),
                                loading=V.busy,
                                size="3",
                                data_testid="upload-contract",
                            ),
                            spacing="2",
                            width="100%",
                            padding_top="12px",
                        ),
                        value="upload",
                    ),
                    rx.tabs.content(
                        rx.box(
                            _template_form(
                                V.errors,
                                V.template,
                                V.create_from_template,
                                "Create the draft",
                                V.busy,
                                V.chosen_booking,
                            ),
                            padding_top="12px",
                        ),
                        value="template",
                    ),
                    default_value="upload",
                    width="100%",
                ),
                form_error(V.error),
                width="100%",
                spacing="3",
            ),
            _empty(
                "calendar_x",
                "No confirmed bookings yet. A contract is attached to a booking once a couple accepts your proposal.",
            ),
        ),
    )
    listing = section(
        "Contracts",
        rx.cond(
            V.rows.length() > 0,
            _contracts_table(V.rows, "/vendor/contracts/"),
            _empty("file_text", "No contracts yet."),
        ),
    )
    return vendor_layout(
        rx.cond(
            V.loaded,
            rx.vstack(listing, create, spacing="4", width="100%"),
            rx.center(rx.spinner(size="3"), padding="48px"),
        ),
        title="Contracts",
    )


def couple_contracts_page() -> rx.Component:
    S = CoupleContractsState
    return app_layout(
        rx.cond(
            S.found,
            section(
                "Contracts",
                rx.text(
                    T("Contracts from your vendors appear here once an admin has approved them; sign them here."),
                    size="2",
                    color_scheme="gray",
                ),
                rx.cond(
                    S.rows.length() > 0,
                    _contracts_table(S.rows, "/w/" + ShellState.current_wedding_id + "/contracts/", show_couple=False),
                    _empty("file_text", "No contracts to sign yet."),
                ),
            ),
            not_found_card(),
        ),
        title="Contracts",
    )


def admin_queue_page() -> rx.Component:
    def row(r: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(rx.link(r["title"].to(str), href="/admin/contracts/" + r["id"].to(str))),
            rx.table.cell(_badge(r)),
            rx.table.cell(r["age"].to(str)),
            rx.table.cell(r["vendor"].to(str)),
            rx.table.cell(r["couple"].to(str)),
            rx.table.cell(r["amount"].to(str), text_align="right"),
        )

    filters = rx.form(
        rx.hstack(
            rx.el.label(
                rx.el.span(T("Status"), class_name="field-label"),
                rx.el.select(
                    *[rx.el.option(T(label), value=value) for value, label in STATUS_OPTIONS],
                    name="status",
                    default_value=Q.status_filter,
                    class_name="native-select",
                ),
                class_name="field",
            ),
            rx.el.label(
                rx.el.span(T("Vendor"), class_name="field-label"),
                rx.input(name="vendor", default_value=Q.vendor_filter, placeholder=T("Name contains"), size="3"),
                class_name="field",
            ),
            rx.el.label(
                rx.el.span(T("Sort"), class_name="field-label"),
                rx.el.select(
                    rx.el.option(T("Oldest first"), value="age"),
                    rx.el.option(T("Largest amount first"), value="amount"),
                    name="sort",
                    default_value=Q.sort,
                    class_name="native-select",
                ),
                class_name="field",
            ),
            rx.button(
                rx.icon("filter", size=16, aria_hidden="true"),
                T("Apply"),
                type="submit",
                variant="soft",
                data_testid="apply-filters",
            ),
            align="end",
            spacing="3",
            wrap="wrap",
        ),
        on_submit=Q.apply_filters,
        reset_on_submit=False,
        width="100%",
    )
    table = rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(T("Contract")),
                    rx.table.column_header_cell(T("Status")),
                    rx.table.column_header_cell(T("Waiting")),
                    rx.table.column_header_cell(T("Vendor")),
                    rx.table.column_header_cell(T("Couple")),
                    rx.table.column_header_cell(T("Amount"), text_align="right"),
                )
            ),
            rx.table.body(rx.foreach(Q.rows, row)),
            width="100%",
        ),
        overflow_x="auto",
        width="100%",
    )
    pager = rx.hstack(
        rx.button(
            rx.icon("chevron_left", size=16, aria_hidden="true"),
            T("Previous"),
            variant="soft",
            disabled=Q.page <= 1,
            on_click=Q.go_page(-1),
        ),
        rx.text(Q.page, " / ", Q.pages, " · ", Q.total, " ", T("contracts"), size="2", data_testid="queue-count"),
        rx.button(
            T("Next"),
            rx.icon("chevron_right", size=16, aria_hidden="true"),
            variant="soft",
            disabled=Q.page >= Q.pages,
            on_click=Q.go_page(1),
        ),
        align="center",
        spacing="3",
    )
    return app_layout(
        rx.cond(
            Q.found,
            section(
                "Contracts waiting for review",
                filters,
                rx.cond(
                    Q.rows.length() > 0,
                    rx.vstack(table, pager, spacing="3", width="100%"),
                    _empty("inbox", "Nothing waiting for review."),
                ),
            ),
            not_found_card(),
        ),
        title="Contract review",
        wedding_nav=False,
    )


ON_LOAD_VENDOR_LIST = [ShellState.enter("vendor_contracts"), VendorContractsState.load]
ON_LOAD_VENDOR = [ShellState.enter("vendor_contracts"), ContractState.load]
ON_LOAD_ADMIN_QUEUE = [ShellState.enter("admin_contracts"), ReviewQueueState.load]
ON_LOAD_ADMIN = [ShellState.enter("admin_contracts"), ContractState.load]
ON_LOAD_COUPLE_LIST = [ShellState.enter("contracts"), CoupleContractsState.load]
ON_LOAD_COUPLE = [ShellState.enter("contracts"), ContractState.load]
