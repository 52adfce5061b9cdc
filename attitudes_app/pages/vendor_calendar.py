"""/vendor/calendar: the vendor's availability, a month at a time."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.i18n import T
from components.shell import page_loading
from components.vendor_shell import vendor_layout
from state.shell import ShellState
from state.vendor_calendar import VendorCalendarState

S = VendorCalendarState


def _day(d: rx.Var) -> rx.Component:
    blocked, booked, past = d["blocked"].to(bool), d["bookings"].to(int) > 0, d["past"].to(bool)
    return rx.el.button(
        rx.text(d["label"].to(str), size="2", weight="medium"),
        rx.cond(blocked, rx.icon("ban", size=12, aria_hidden="true"), rx.fragment()),
        rx.cond(booked, rx.icon("calendar_check", size=12, aria_hidden="true"), rx.fragment()),
        type="button",
        on_click=S.pick(d["day"].to(str)),
        disabled=past,
        aria_pressed=rx.cond(S.selected == d["day"].to(str), "true", "false"),
        aria_label=d["aria"].to(str),
        data_testid="cal-" + d["day"].to(str),
        style={
            "display": "flex",
            "flex_direction": "column",
            "align_items": "center",
            "gap": "2px",
            "min_height": "52px",
            "padding": "6px 2px",
            "border_radius": "8px",
            "cursor": rx.cond(past, "default", "pointer"),
            "border": rx.cond(
                S.selected == d["day"].to(str), f"2px solid {rx.color('plum', 9)}", f"1px solid {rx.color('gray', 5)}"
            ),
            "background": rx.cond(
                booked,
                rx.color("green", 4),
                rx.cond(
                    blocked,
                    rx.color("red", 4),
                    rx.cond(d["in_month"].to(bool), rx.color("gray", 1), rx.color("gray", 3)),
                ),
            ),
            "color": rx.cond(past, rx.color("gray", 9), rx.color("gray", 12)),
            "opacity": rx.cond(d["in_month"].to(bool), "1", "0.6"),
        },
    )


def _month() -> rx.Component:
    return section(
        "Availability",
        rx.hstack(
            rx.icon_button(
                rx.icon("chevron_left", size=18), variant="soft", on_click=S.shift(-1), aria_label=T("Previous month")
            ),
            rx.heading(S.month_label, size="4", as_="h3", data_testid="cal-month"),
            rx.icon_button(
                rx.icon("chevron_right", size=18), variant="soft", on_click=S.shift(1), aria_label=T("Next month")
            ),
            align="center",
            justify="between",
            width="100%",
        ),
        rx.grid(
            rx.foreach(
                S.weekdays, lambda w: rx.text(w, size="1", color_scheme="gray", text_align="center", weight="medium")
            ),
            rx.foreach(S.days, _day),
            columns="7",
            spacing="1",
            width="100%",
        ),
        rx.hstack(
            rx.badge(rx.icon("ban", size=12, aria_hidden="true"), T("Blocked"), color_scheme="red", variant="soft"),
            rx.badge(
                rx.icon("calendar_check", size=12, aria_hidden="true"),
                T("Booked"),
                color_scheme="green",
                variant="soft",
            ),
            spacing="2",
            wrap="wrap",
        ),
    )


def _selected() -> rx.Component:
    return section(
        "Selected day",
        rx.cond(
            S.selected == "",
            rx.text(T("Choose a day in the calendar to block it or open it again."), size="2", color_scheme="gray"),
            rx.vstack(
                rx.text(S.selected_label, weight="bold", data_testid="selected-day"),
                rx.cond(
                    S.selected_bookings > 0,
                    rx.callout(
                        T("You have a confirmed booking on this day."), icon="calendar_check", color_scheme="green"
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    S.selected_blocked,
                    rx.text(T("Blocked"), ": ", S.reason, size="2"),
                    rx.el.label(
                        rx.el.span(T("Reason (only you see it)"), class_name="field-label"),
                        rx.input(value=S.reason, on_change=S.type_reason, max_length=200, width="100%", size="3"),
                        class_name="field",
                        width="100%",
                    ),
                ),
                rx.button(
                    rx.cond(S.selected_blocked, T("Open this day again"), T("Block this day")),
                    on_click=S.toggle_block,
                    color_scheme=rx.cond(S.selected_blocked, "green", "red"),
                    id="cal-toggle",
                ),
                spacing="3",
                width="100%",
            ),
        ),
        rx.cond(
            S.error != "", rx.callout(S.error, icon="triangle_alert", color_scheme="red", role="alert"), rx.fragment()
        ),
        rx.cond(
            S.message != "", rx.callout(S.message, icon="check", color_scheme="green", role="status"), rx.fragment()
        ),
    )


def _upcoming() -> rx.Component:
    return section(
        "Upcoming blocked days",
        rx.cond(
            S.upcoming.length() > 0,
            rx.vstack(
                rx.foreach(
                    S.upcoming,
                    lambda u: rx.hstack(
                        rx.text(u["label"], size="2", weight="medium"),
                        rx.text(u["reason"], size="2", color_scheme="gray"),
                        rx.spacer(),
                        rx.button(T("Open again"), size="1", variant="ghost", on_click=S.unblock(u["day"])),
                        width="100%",
                        align="center",
                    ),
                ),
                width="100%",
                spacing="2",
            ),
            rx.text(T("No blocked days ahead. Couples see you as available."), size="2", color_scheme="gray"),
        ),
    )


def vendor_calendar_page() -> rx.Component:
    return vendor_layout(
        rx.cond(
            ~S.loaded,
            page_loading(),
            rx.cond(
                S.not_found,
                not_found_card(),
                rx.grid(
                    _month(),
                    rx.vstack(_selected(), _upcoming(), spacing="4", width="100%"),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        title="Calendar",
    )


ON_LOAD = [ShellState.enter("vendor_calendar"), VendorCalendarState.load]
