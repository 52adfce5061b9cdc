"""Landing page."""

from __future__ import annotations

import reflex as rx

from components.i18n import T
from components.shell import public_layout


def _feature(icon: str, title: str, body: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon(icon, size=26, color=rx.color("plum", 10), aria_hidden="true"),
            rx.heading(T(title), size="4", as_="h2"),
            rx.text(T(body), size="2", color_scheme="gray"),
            spacing="2",
        ),
        size="3",
    )


def landing() -> rx.Component:
    return public_layout(
        rx.box(
            rx.vstack(
                rx.badge(T("Self-hostable · open to every kind of wedding"), size="2", radius="full"),
                rx.heading(T("Plan the whole wedding in one place."), size="9", as_="h1", max_width="760px"),
                rx.text(
                    T(
                        "Guests and RSVPs, budget, checklist, seating and vendors, shared with your partner and planner. Fast, private, yours."
                    ),
                    size="5",
                    color_scheme="gray",
                    max_width="640px",
                ),
                rx.hstack(
                    rx.link(rx.button(T("Start planning, it's free"), size="4"), href="/signup"),
                    rx.link(rx.button(T("Log in"), size="4", variant="outline"), href="/login"),
                    spacing="3",
                    wrap="wrap",
                ),
                spacing="5",
                padding_y="88px",
                class_name="container",
            ),
            class_name="hero",
        ),
        rx.box(
            rx.grid(
                _feature(
                    "users",
                    "Guests that stay organised",
                    "Households, plus-ones, dietary needs and RSVPs per event, counted live.",
                ),
                _feature(
                    "wallet",
                    "A budget that tells the truth",
                    "Planned, committed and paid, in your currency, for every category.",
                ),
                _feature(
                    "list_checks",
                    "A checklist that moves with your date",
                    "Every task dated from the wedding day, shared with your team.",
                ),
                _feature(
                    "shield_check",
                    "Private by design",
                    "Your data stays in your own tenant. Host it yourself if you like.",
                ),
                columns=rx.breakpoints(initial="1", sm="2", lg="4"),
                spacing="4",
            ),
            class_name="container",
            padding_y="48px",
        ),
    )
