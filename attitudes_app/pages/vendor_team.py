"""/vendor/team: the vendor organization's members and invitations."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.forms import field, form_error
from components.i18n import T
from components.shell import page_loading
from components.vendor_shell import vendor_layout
from state.shell import ShellState
from state.vendor_team import VendorTeamState

S = VendorTeamState


def _member_row(m: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(m["name"].to(str)),
        rx.table.cell(m["email"].to(str)),
        rx.table.cell(rx.badge(m["role_label"].to(str), variant="soft")),
        rx.table.cell(
            rx.cond(
                S.can_manage & (m["role"].to(str) != "owner") & ~m["is_me"].to(bool),
                rx.button(
                    T("Remove"),
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                    on_click=S.ask_remove(m["user_id"].to(str)),
                ),
                rx.fragment(),
            )
        ),
    )


def _members() -> rx.Component:
    return section(
        "Team members",
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(T("Name")),
                    rx.table.column_header_cell(T("Email")),
                    rx.table.column_header_cell(T("Role")),
                    rx.table.column_header_cell(rx.el.span(T("Actions"), class_name="sr-only")),
                )
            ),
            rx.table.body(rx.foreach(S.members, _member_row)),
            width="100%",
        ),
        rx.cond(
            S.pending.length() > 0,
            rx.vstack(
                rx.text(T("Pending invitations"), weight="medium", size="2"),
                rx.foreach(
                    S.pending,
                    lambda p: rx.hstack(
                        rx.text(p["email"], size="2"),
                        rx.spacer(),
                        rx.cond(
                            S.can_invite,
                            rx.button(
                                T("Revoke"), size="1", variant="ghost", color_scheme="red", on_click=S.revoke(p["id"])
                            ),
                            rx.fragment(),
                        ),
                        width="100%",
                    ),
                ),
                width="100%",
            ),
            rx.fragment(),
        ),
        rx.alert_dialog.root(
            rx.alert_dialog.content(
                rx.alert_dialog.title(T("Remove this member?")),
                rx.alert_dialog.description(rx.text.strong(S.confirm_name)),
                rx.text(
                    T("They lose access to your vendor area right away."), size="2", color_scheme="gray", margin_y="8px"
                ),
                rx.hstack(
                    rx.alert_dialog.cancel(rx.button(T("Cancel"), variant="soft", color_scheme="gray")),
                    rx.alert_dialog.action(rx.button(T("Remove"), color_scheme="red", on_click=S.remove)),
                    justify="end",
                    spacing="3",
                ),
            ),
            open=S.confirm_user_id != "",
            on_open_change=S.cancel_remove,
        ),
    )


def _invite() -> rx.Component:
    return section(
        "Invite a team member",
        rx.text(
            T(
                "Team members edit the profile, the calendar and answer couples. The link works once and expires after 7 days."
            ),
            size="2",
            color_scheme="gray",
        ),
        form_error(S.form_error),
        rx.cond(
            S.sent_message != "",
            rx.callout(
                rx.vstack(
                    rx.text(S.sent_message),
                    rx.text(T("You can also share this link:"), size="1"),
                    rx.code(S.last_link, size="1", style={"word_break": "break-all"}),
                ),
                icon="mail_check",
                color_scheme="green",
            ),
            rx.fragment(),
        ),
        rx.form(
            rx.vstack(
                field("email", "Email", S.errors, type="email", required=True, autocomplete="email"),
                rx.button(T("Send invitation"), type="submit", id="vendor-invite"),
                spacing="2",
                width="100%",
            ),
            on_submit=S.invite,
            key=S.form_key.to(str),
            width="100%",
        ),
    )


def vendor_team_page() -> rx.Component:
    return vendor_layout(
        rx.cond(
            ~S.loaded,
            page_loading(),
            rx.cond(
                S.not_found,
                not_found_card(),
                rx.grid(
                    _members(),
                    rx.cond(S.can_invite, _invite(), rx.fragment()),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        title="Team",
    )


ON_LOAD = [ShellState.enter("vendor_team"), VendorTeamState.load]
