"""The wedding team page and the public invitation page."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.forms import field, form_error, select_field
from components.i18n import T
from components.shell import app_layout, public_layout
from components.team import invitation_sent, members_table, pending_invitations, remove_member_dialog
from services.authz import INVITABLE_ROLES, ROLE_LABELS
from state.shell import ShellState
from state.team import InviteState, TeamState

ROLE_OPTIONS = [(r.value, ROLE_LABELS[r]) for r in INVITABLE_ROLES]


def _invite_form() -> rx.Component:
    return section(
        "Invite a collaborator",
        rx.text(T("The link works once and expires after 7 days."), size="2", color_scheme="gray"),
        form_error(TeamState.form_error),
        invitation_sent(TeamState),
        rx.form(
            rx.grid(
                field("email", "Email", TeamState.errors, type="email", required=True),
                select_field("role", "Role", TeamState.errors, ROLE_OPTIONS, default_value="partner", translate=True),
                rx.box(
                    rx.button(T("Send invitation"), type="submit", size="3", id="invite-submit"), padding_top="24px"
                ),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="3",
                width="100%",
            ),
            on_submit=TeamState.invite,
            reset_on_submit=True,
            width="100%",
        ),
    )


def team_page() -> rx.Component:
    return app_layout(
        rx.cond(
            TeamState.not_found,
            not_found_card(),
            rx.vstack(
                section(
                    "Team",
                    members_table(TeamState, TeamState.ask_remove),
                    pending_invitations(TeamState),
                    remove_member_dialog(TeamState, "They lose access to this wedding right away."),
                ),
                rx.cond(TeamState.can_invite, _invite_form(), rx.fragment()),
                spacing="4",
                width="100%",
                max_width="960px",
            ),
        ),
        title="Team",
    )


def invite_page() -> rx.Component:
    token = InviteState.invite_token
    return public_layout(
        rx.box(
            rx.card(
                rx.cond(
                    InviteState.valid,
                    rx.vstack(
                        rx.icon("mail_open", size=32, color=rx.color("plum", 9), aria_hidden="true"),
                        rx.heading(T("You are invited"), size="6", as_="h1"),
                        rx.text(
                            T("Join the wedding of"),
                            " ",
                            rx.text.strong(InviteState.couple),
                            " ",
                            T("as"),
                            " ",
                            rx.text.strong(InviteState.role_label),
                            ".",
                        ),
                        rx.text(
                            T("This invitation is for"),
                            " ",
                            rx.text.strong(InviteState.email),
                            ".",
                            size="2",
                            color_scheme="gray",
                        ),
                        rx.cond(
                            ShellState.signed_in,
                            rx.button(
                                T("Accept the invitation"), on_click=InviteState.accept, size="3", id="invite-accept"
                            ),
                            rx.hstack(
                                rx.link(rx.button(T("Create an account"), size="3"), href="/signup?invite=" + token),
                                rx.link(
                                    rx.button(T("Log in"), size="3", variant="outline"),
                                    href="/login?next=/invite/" + token,
                                ),
                                spacing="3",
                            ),
                        ),
                        spacing="3",
                        align="start",
                    ),
                    rx.vstack(
                        rx.heading(T("Invitation"), size="6", as_="h1"),
                        rx.cond(
                            InviteState.loaded,
                            rx.callout(InviteState.problem, icon="triangle_alert", color_scheme="amber"),
                            rx.spinner(),
                        ),
                        spacing="3",
                    ),
                ),
                size="4",
            ),
            class_name="auth-card",
            padding_x="16px",
        )
    )


ON_LOAD_TEAM = [ShellState.enter("team"), TeamState.load]
ON_LOAD_INVITE = [ShellState.peek, InviteState.load]
