"""Platform admin pages."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.i18n import T
from components.shell import app_layout
from state.admin import OutboxState
from state.shell import ShellState


def _message_row(m: rx.Var) -> rx.Component:
    return rx.fragment(
        rx.table.row(
            rx.table.cell(m["when"].to(str)),
            rx.table.cell(rx.badge(m["kind"].to(str), variant="soft")),
            rx.table.cell(m["to"].to(str)),
            rx.table.cell(
                rx.button(m["subject"].to(str), variant="ghost", size="1", on_click=OutboxState.toggle(m["id"].to(str)))
            ),
            rx.table.cell(m["status"].to(str)),
        ),
        rx.cond(
            OutboxState.open_id == m["id"].to(str),
            rx.table.row(rx.table.cell(rx.el.pre(m["body"].to(str), style={"white_space": "pre-wrap"}), col_span=5)),
            rx.fragment(),
        ),
    )


def outbox_page() -> rx.Component:
    return app_layout(
        rx.cond(
            OutboxState.not_found,
            not_found_card(),
            section(
                "Email outbox",
                rx.text(
                    T("Every email the app sends is recorded here. Without SMTP settings nothing leaves this server."),
                    size="2",
                    color_scheme="gray",
                ),
                rx.cond(
                    OutboxState.messages.length() > 0,
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell(T("Sent")),
                                rx.table.column_header_cell(T("Kind")),
                                rx.table.column_header_cell(T("To")),
                                rx.table.column_header_cell(T("Subject")),
                                rx.table.column_header_cell(T("Status")),
                            )
                        ),
                        rx.table.body(rx.foreach(OutboxState.messages, _message_row)),
                        width="100%",
                    ),
                    rx.text(T("No messages yet."), color_scheme="gray"),
                ),
            ),
        ),
        title="Outbox",
        wedding_nav=False,
    )


ON_LOAD = [ShellState.enter("outbox"), OutboxState.load]
