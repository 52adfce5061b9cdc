"""/vendor/team: the vendor organization's members and invitations."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.forms import field, form_error
from components.i18n import T
from components.shell import page_loading
from components.team import invitation_sent, members_table, pending_invitations, remove_member_dialog
from components.vendor_shell import vendor_layout
from state.shell import ShellState
from state.vendor_team import VendorTeamState

S = VendorTeamState


def _members() -> rx.Component:
    return section(
        "Team members",
        members_table(S, S.ask_remove),
        pending_invitations(S),
        remove_member_dialog(S, "They lose access to your vendor area right away."),
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
        invitation_sent(S),
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
