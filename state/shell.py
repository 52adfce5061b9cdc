"""Who is signed in and which wedding the page belongs to, for the app shell."""

from __future__ import annotations

import reflex as rx

from services.auth import principal_from_token
from services.authz import Permission
from services.errors import DomainError
from services.weddings import couple_names, load_wedding
from state.base import authenticated, call, current_principal, public, route_param, run, session_token


def _wedding_couple(session, principal, wedding_id):
    return couple_names(load_wedding(session, principal, wedding_id, Permission.WEDDING_VIEW))


class ShellState(rx.State):
    signed_in: bool = False
    user_name: str = ""
    is_admin: bool = False
    section: str = ""
    current_wedding_id: str = ""  # named apart from the [wedding_id] route argument it mirrors
    couple: str = ""

    @public("Only tells the landing page whether this browser has a live session.")
    async def peek(self):
        principal = await run(principal_from_token, session_token(self))
        self.signed_in = principal is not None
        self.user_name = principal.display_name if principal else ""

    @authenticated
    async def enter(self, section: str):
        principal = current_principal()
        self.signed_in = True
        self.user_name = principal.display_name
        self.is_admin = principal.is_platform_admin
        self.section = section if section.isidentifier() else ""
        wedding_id = route_param(self, "wedding_id")
        self.current_wedding_id, self.couple = "", ""
        if wedding_id:
            try:
                self.couple = await call(_wedding_couple, principal, wedding_id)
                self.current_wedding_id = wedding_id
            except DomainError:
                pass  # the page itself shows "not found"
