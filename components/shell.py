"""The app shell: public header, the signed-in sidebar, the language switcher."""

from __future__ import annotations

import json

import reflex as rx

from components.i18n import T
from services import i18n
from services.config import get_settings
from state.bookings import UnreadState
from state.i18n import LangState
from state.shell import ShellState


def logo() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("heart", color=rx.color("plum", 9), size=22, aria_hidden="true"),
            rx.text("Attitudes", rx.text.span(".vip", color=rx.color("plum", 10)), weight="bold", size="5"),
            align="center",
            spacing="2",
        ),
        href="/",
        underline="none",
        color=rx.color("gray", 12),
        aria_label="Attitudes.vip",
    )


def language_switcher() -> rx.Component:
    return rx.el.select(
        *[rx.el.option(name, value=code) for code, name in i18n.LANGUAGES.items()],
        value=LangState.active_lang,
        on_change=LangState.switch,
        aria_label="Language / Langue / Idioma",
        class_name="native-select lang-select",
        id="lang-switcher",
    )


def logout_form() -> rx.Component:
    """A real POST to the API route that ends the session and clears the HttpOnly cookie.

    Built and submitted from a script because Reflex forms cancel native submission.
    SameSite=Lax keeps other sites from posting it.
    """
    action = json.dumps(f"{get_settings().api_url}/api/auth/logout")
    return rx.button(
        rx.icon("log_out", size=16, aria_hidden="true"),
        T("Log out"),
        type="button",
        variant="ghost",
        color_scheme="gray",
        id="logout",
        on_click=rx.call_script(
            "(() => { const f = document.createElement('form'); f.method = 'post';"
            f" f.action = {action}; document.body.appendChild(f); f.submit(); }})()"
        ),
    )


def public_layout(*children: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.header(
            rx.hstack(
                logo(),
                rx.spacer(),
                language_switcher(),
                rx.cond(
                    ShellState.signed_in,
                    rx.link(rx.button(T("My weddings"), size="2"), href="/weddings"),
                    rx.hstack(
                        rx.link(rx.button(T("Log in"), variant="soft", size="2"), href="/login"),
                        rx.link(rx.button(T("Sign up"), size="2"), href="/signup"),
                        spacing="2",
                    ),
                ),
                align="center",
                spacing="3",
                wrap="wrap",
                class_name="container site-header-row",
                padding_y="14px",
            ),
            class_name="site-header",
        ),
        rx.el.main(*children, id="main"),
        rx.el.footer(
            rx.text("© 2026 Attitudes.vip · ", T("Self-hostable wedding planning"), size="1", color_scheme="gray"),
            class_name="container",
            padding_y="24px",
        ),
        on_mount=[LangState.detect, ShellState.peek],
    )


def _count_badge(n: rx.Var) -> rx.Component:
    """Unread messages next to a nav entry; mounting it refreshes the counts (state/bookings.UnreadState)."""
    return rx.box(
        rx.cond(n > 0, rx.badge(n.to(str), color_scheme="red", variant="solid", radius="full"), rx.fragment()),
        on_mount=UnreadState.refresh,
        data_testid="nav-unread",
    )


NAV_BADGES = {"bookings": UnreadState.wedding}

# The wedding's sections in the sidebar: (icon, label msgid, path after /w/<id>, section name).
# A page passes its section name to ShellState.enter(section) in its on_load.
WEDDING_NAV: list[tuple[str, str, str, str]] = [
    ("layout_dashboard", "Dashboard", "", "dashboard"),
    ("users_round", "Guests", "/guests", "guests"),
    ("armchair", "Seating", "/seating", "seating"),
    ("scan_line", "Check-in", "/checkin", "checkin"),
    ("list_checks", "Checklist", "/checklist", "checklist"),
    ("clock", "Timeline", "/timeline", "timeline"),
    ("wallet", "Budget", "/budget", "budget"),
    ("store", "Vendors", "/vendors", "vendors"),
    ("handshake", "Bookings", "/bookings", "bookings"),
    ("file_text", "Contracts", "/contracts", "contracts"),
    ("settings", "Wedding details", "/settings", "settings"),
    ("users", "Team", "/team", "team"),
]


def _nav_link(
    icon: str, label: str, href: rx.Var | str, active: rx.Var | bool = False, badge: rx.Var | None = None
) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon(icon, size=18, aria_hidden="true"),
            rx.text(T(label), size="3"),
            _count_badge(badge) if badge is not None else rx.fragment(),
            align="center",
            spacing="3",
        ),
        href=href,
        underline="none",
        class_name=rx.cond(active, "nav-link active", "nav-link"),
    )


def app_layout(*children: rx.Component, title: str = "", wedding_nav: bool = True) -> rx.Component:
    """Signed-in pages: sidebar (wedding navigation), header with title, language and user."""
    wid = ShellState.current_wedding_id
    sidebar = rx.el.nav(
        rx.vstack(
            logo(),
            rx.cond(
                wedding_nav & (wid != ""),
                rx.vstack(
                    rx.text(ShellState.couple, weight="bold", size="3", class_name="sidebar-couple"),
                    *[
                        _nav_link(
                            icon, label, "/w/" + wid + suffix, ShellState.section == section, NAV_BADGES.get(section)
                        )
                        for icon, label, suffix, section in WEDDING_NAV
                    ],
                    spacing="1",
                    width="100%",
                    class_name="sidebar-links",
                ),
                rx.fragment(),
            ),
            rx.separator(class_name="hide-mobile"),
            _nav_link("heart", "My weddings", "/weddings", ShellState.section == "weddings"),
            rx.cond(
                ShellState.is_admin,
                _nav_link("mail", "Outbox", "/admin/outbox", ShellState.section == "outbox"),
                rx.fragment(),
            ),
            rx.cond(
                ShellState.is_admin,
                _nav_link("file_check", "Contract review", "/admin/contracts", ShellState.section == "admin_contracts"),
                rx.fragment(),
            ),
            rx.cond(
                ShellState.is_admin,
                _nav_link("star", "Reviews", "/admin/reviews", ShellState.section == "admin_reviews"),
                rx.fragment(),
            ),
            spacing="3",
            width="100%",
        ),
        aria_label="Main",
        class_name="sidebar",
    )
    return signed_in_frame(sidebar, children, title)


def signed_in_frame(sidebar: rx.Component, children: tuple[rx.Component, ...], title: str) -> rx.Component:
    """The frame of every signed-in page (wedding, admin and vendor areas): sidebar, header, main."""
    return rx.box(
        sidebar,
        rx.box(
            rx.el.header(
                rx.hstack(
                    rx.heading(T(title) if title else "", size="6", as_="h1"),
                    rx.spacer(),
                    language_switcher(),
                    rx.text(ShellState.user_name, size="2", color_scheme="gray", class_name="hide-mobile"),
                    logout_form(),
                    align="center",
                    spacing="3",
                    wrap="wrap",
                ),
                class_name="app-header",
            ),
            rx.el.main(*children, id="main", class_name="app-main"),
            class_name="app-body",
        ),
        class_name="app-shell",
        on_mount=LangState.detect,
    )


def page_loading() -> rx.Component:
    return rx.center(rx.spinner(size="3"), padding="64px")


def empty_state(icon: str, title: str, body: str, action: rx.Component | None = None) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon(icon, size=32, color=rx.color("plum", 9), aria_hidden="true"),
            rx.text(T(title), weight="bold", size="3"),
            rx.text(T(body), size="2", color_scheme="gray", text_align="center"),
            action or rx.fragment(),
            align="center",
            spacing="2",
            padding="16px",
        ),
        width="100%",
    )
