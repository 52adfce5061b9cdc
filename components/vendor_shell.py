"""The vendor area's shell: the same sidebar look as the wedding pages, with the vendor's own navigation.

VENDOR_NAV lists (icon, label msgid, path, section); the bookings and contracts features add their entries here.
A page passes its section name to ShellState.enter(section) in its on_load.
"""

from __future__ import annotations

import reflex as rx

from components.i18n import T
from components.shell import _nav_link, logo, signed_in_frame
from state.bookings import UnreadState
from state.shell import ShellState

VENDOR_NAV: list[tuple[str, str, str, str]] = [
    ("store", "Profile", "/vendor", "vendor_profile"),
    ("calendar_days", "Calendar", "/vendor/calendar", "vendor_calendar"),
    ("inbox", "Requests", "/vendor/requests", "vendor_requests"),
    ("messages_square", "Messages", "/vendor/messages", "vendor_messages"),
    ("file_text", "Contracts", "/vendor/contracts", "vendor_contracts"),
    ("users", "Team", "/vendor/team", "vendor_team"),
]

VENDOR_BADGES = {"vendor_messages": UnreadState.vendor}  # unread messages (state/bookings.py)


def vendor_layout(*children: rx.Component, title: str = "") -> rx.Component:
    sidebar = rx.el.nav(
        rx.vstack(
            logo(),
            rx.vstack(
                rx.text(T("Vendor area"), weight="bold", size="3", class_name="sidebar-couple"),
                *[
                    _nav_link(icon, label, path, ShellState.section == section, VENDOR_BADGES.get(section))
                    for icon, label, path, section in VENDOR_NAV
                ],
                spacing="1",
                width="100%",
                class_name="sidebar-links",
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="Main",
        class_name="sidebar",
    )
    return signed_in_frame(sidebar, children, title)
