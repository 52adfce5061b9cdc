"""The team blocks shared by the wedding team page (/w/[id]/team) and the vendor team page (/vendor/team):
members with their roles, pending invitations, and the "invitation sent" notice with the link to share.

`state` is TeamState or VendorTeamState: both carry members, pending (rows built by state.team.team_rows),
can_invite, can_manage, sent_message and last_link, and a revoke(invitation_id) handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components.dialogs import confirm_dialog
from components.i18n import T


def _red_button(label: str, on_click: rx.EventSpec) -> rx.Component:
    return rx.button(T(label), size="1", variant="ghost", color_scheme="red", on_click=on_click)


def _table(headers: tuple[str, ...], rows: rx.Var, row: Callable[[rx.Var], rx.Component]) -> rx.Component:
    """A full-width table with these column headers and a last, visually hidden "Actions" column."""
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                *[rx.table.column_header_cell(T(h)) for h in headers],
                rx.table.column_header_cell(rx.el.span(T("Actions"), class_name="sr-only")),
            )
        ),
        rx.table.body(rx.foreach(rows, row)),
        width="100%",
    )


def members_table(state: Any, on_remove: Callable[[rx.Var], rx.EventSpec]) -> rx.Component:
    """Name, email and role of every member; Remove (for managers) on everyone but the owner and oneself."""

    def row(m: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.cell(m["name"].to(str)),
            rx.table.cell(m["email"].to(str)),
            rx.table.cell(rx.badge(m["role_label"].to(str), variant="soft")),
            rx.table.cell(
                rx.cond(
                    state.can_manage & (m["role"].to(str) != "owner") & ~m["is_me"].to(bool),
                    _red_button("Remove", on_remove(m["user_id"].to(str))),
                    rx.fragment(),
                )
            ),
        )

    return _table(("Name", "Email", "Role"), state.members, row)


def pending_invitations(state: Any) -> rx.Component:
    """Open invitations (email, role, expiry) with Revoke for those who may invite; nothing when there are none."""

    def row(p: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.cell(p["email"].to(str)),
            rx.table.cell(rx.badge(p["role_label"].to(str), variant="outline")),
            rx.table.cell(p["expires"].to(str)),
            rx.table.cell(
                rx.cond(state.can_invite, _red_button("Revoke", state.revoke(p["id"].to(str))), rx.fragment())
            ),
        )

    return rx.cond(
        state.pending.length() > 0,
        rx.vstack(
            rx.heading(T("Pending invitations"), size="3", as_="h3"),
            _table(("Email", "Role", "Expires"), state.pending, row),
            width="100%",
        ),
        rx.fragment(),
    )


def invitation_sent(state: Any) -> rx.Component:
    """After an invitation: who it went to, and the link to share by other means."""
    return rx.cond(
        state.sent_message != "",
        rx.callout(
            rx.vstack(
                rx.text(state.sent_message),
                rx.text(T("You can also share this link:"), size="1"),
                rx.code(state.last_link, size="1", data_testid="invite-link", style={"word_break": "break-all"}),
            ),
            icon="mail_check",
            color_scheme="green",
        ),
        rx.fragment(),
    )


def remove_member_dialog(state: Any, detail: str) -> rx.Component:
    """"Remove this member?" with the member's name; `state` has confirm_user_id/confirm_name and the
    remove/cancel_remove handlers of state.team.TeamMixin."""
    return confirm_dialog(
        "Remove this member?",
        rx.text.strong(state.confirm_name),
        state.remove,
        confirm_label="Remove",
        detail=detail,
        open=state.confirm_user_id != "",
        on_open_change=state.cancel_remove,
        id="remove-member-confirm",
    )
