"""Check-in on the day: a staff phone at the door scans the invitation's QR code or types a name."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card
from components.forms import form_error
from components.i18n import T
from components.live import live_badge
from components.qr_scanner import qr_scanner
from components.shell import app_layout, empty_state, page_loading
from state.checkin import ArrivalsState, CheckinState
from state.shell import ShellState

S = CheckinState


def arrivals_counter(arrivals: rx.Var, test_id: str) -> rx.Component:
    """Arrived / expected people at the event, with a progress bar (also shown on the dashboard)."""
    return rx.vstack(
        rx.hstack(
            rx.text(
                arrivals["arrived"].to(str),
                rx.el.span(" / ", arrivals["expected"].to(str), class_name="arrivals-of"),
                size="8",
                weight="bold",
                class_name="stat-value",
                data_testid=test_id,
            ),
            rx.text(T("arrived"), size="2", color_scheme="gray"),
            align="baseline",
            spacing="2",
        ),
        rx.progress(value=arrivals["pct"].to(int), aria_label="Arrivals", width="100%"),
        rx.text(arrivals["event"].to(str), size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
    )


def dashboard_arrivals() -> rx.Component:
    """The dashboard's arrivals card: shown once the first guest of today's (or the main) event checked in."""
    a = ArrivalsState.arrivals
    return rx.cond(
        a["show"].to(bool),
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.hstack(
                        rx.icon("scan_line", size=18, color=rx.color("plum", 10), aria_hidden="true"),
                        rx.text(T("Arrivals"), size="2", color_scheme="gray", weight="medium"),
                        align="center",
                        spacing="2",
                    ),
                    arrivals_counter(a, "dashboard-arrivals"),
                    flex="1",
                    min_width="220px",
                    spacing="2",
                ),
                rx.link(
                    rx.button(T("Open check-in"), variant="soft"),
                    href="/w/" + ShellState.current_wedding_id + "/checkin",
                ),
                align="end",
                spacing="4",
                width="100%",
                wrap="wrap",
            ),
            width="100%",
            data_testid="arrivals-card",
        ),
        rx.fragment(),
    )


def _station() -> rx.Component:
    return rx.cond(
        S.editing_station,
        rx.form(
            rx.vstack(
                rx.el.label(
                    rx.el.span(T("Station name"), class_name="field-label"),
                    rx.input(
                        name="station",
                        default_value=S.station,
                        placeholder="Door 1",
                        max_length=60,
                        size="3",
                        auto_complete="off",
                        aria_describedby="e-station",
                        width="100%",
                    ),
                    class_name="field",
                    width="100%",
                ),
                rx.text(
                    T("Shown to the other stations when a household was already checked in here."),
                    size="1",
                    color_scheme="gray",
                ),
                rx.text(S.station_error, id="e-station", size="2", color_scheme="red", role="alert"),
                rx.button(T("Save the station"), type="submit", size="3", width="100%", data_testid="station-save"),
                spacing="2",
                width="100%",
            ),
            on_submit=S.keep_station,
            width="100%",
        ),
        rx.hstack(
            rx.icon("map_pin", size=16, color=rx.color("plum", 10), aria_hidden="true"),
            rx.text(T("Station"), ": ", rx.el.strong(S.station, data_testid="station-name"), size="2"),
            rx.spacer(),
            rx.button(T("Change"), variant="ghost", size="1", on_click=S.edit_station, data_testid="station-edit"),
            align="center",
            width="100%",
        ),
    )


def _header() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(T("Arrivals"), size="4", as_="h2"),
                rx.spacer(),
                live_badge("checkin"),
                align="center",
                width="100%",
            ),
            arrivals_counter(S.arrivals, "checkin-arrivals"),
            rx.cond(
                S.events.length() > 1,
                rx.el.label(
                    rx.el.span(T("Event"), class_name="field-label"),
                    rx.el.select(
                        rx.foreach(S.events, lambda e: rx.el.option(e["name"], value=e["id"])),
                        value=S.event_id,
                        on_change=S.choose_event,
                        class_name="native-select",
                        data_testid="checkin-event",
                    ),
                    class_name="field",
                ),
                rx.fragment(),
            ),
            rx.separator(width="100%"),
            _station(),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _find() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("Find a guest"), size="4", as_="h2"),
            qr_scanner(
                start_label=T("Scan the invitation's QR code"),
                stop_label=T("Stop the camera"),
                denied_label=T("The camera is not available. Allow it in the browser, or type a name below."),
                unsupported_label=T("This browser cannot use the camera here. Type a name below."),
                on_scan=S.scanned,
            ),
            rx.el.label(
                rx.el.span(T("Guest or household name"), class_name="field-label"),
                rx.input(
                    rx.input.slot(rx.icon("search", size=16, aria_hidden="true")),
                    value=S.query,
                    on_change=S.search.debounce(300),
                    placeholder=T("Type a name, like Lopez"),
                    type="search",
                    size="3",
                    auto_complete="off",
                    width="100%",
                    data_testid="checkin-search",
                ),
                class_name="field",
                width="100%",
            ),
            rx.cond(
                S.hits.length() > 0,
                rx.vstack(rx.foreach(S.hits, _hit), spacing="2", width="100%"),
                rx.cond(
                    S.query.length() > 1,
                    rx.text(T("No guest matches this name."), size="2", color_scheme="gray", data_testid="no-hits"),
                    rx.fragment(),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _hit(h: rx.Var) -> rx.Component:
    return rx.el.button(
        rx.hstack(
            rx.vstack(
                rx.text(h["name"].to(str), weight="bold", size="3"),
                rx.text(h["members"].to(str), size="2", color_scheme="gray", class_name="cell-ellipsis"),
                spacing="0",
                min_width="0",
                flex="1",
                align="start",
            ),
            rx.badge(
                h["count"].to(str),
                color_scheme=rx.cond(h["done"].to(bool), "green", "gray"),
                variant="soft",
                white_space="nowrap",
            ),
            align="center",
            spacing="3",
            width="100%",
        ),
        on_click=S.open_household(h["id"].to(str)),
        class_name="checkin-hit",
        type="button",
        data_testid="checkin-hit",
    )


def _member(m: rx.Var) -> rx.Component:
    arrived = m["arrived"].to(bool)
    return rx.box(
        rx.hstack(
            rx.vstack(
                rx.hstack(
                    rx.text(m["name"].to(str), weight="bold", size="3"),
                    rx.badge(m["status_label"].to(str), color_scheme=m["color"].to(str), variant="soft"),
                    rx.cond(m["age"].to(str) != "", rx.badge(m["age"].to(str), variant="outline"), rx.fragment()),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(m["plus_one"].to(str) != "", rx.text(m["plus_one"].to(str), size="2"), rx.fragment()),
                rx.hstack(
                    rx.text(T("Table"), ": ", m["table"].to(str), size="2", color_scheme="gray"),
                    rx.cond(
                        m["diet"].to(str) != "",
                        rx.hstack(
                            rx.icon("utensils", size=13, aria_hidden="true", flex_shrink="0"),
                            rx.text(m["diet"].to(str), size="2"),
                            spacing="1",
                            align="center",
                            color=rx.color("amber", 11),
                        ),
                        rx.fragment(),
                    ),
                    spacing="3",
                    wrap="wrap",
                ),
                rx.cond(
                    m["accessibility"].to(str) != "",
                    rx.text(m["accessibility"].to(str), size="2", color_scheme="gray"),
                    rx.fragment(),
                ),
                rx.cond(
                    arrived,
                    rx.hstack(
                        rx.icon("circle_check", size=14, aria_hidden="true", flex_shrink="0"),
                        rx.text(m["arrived_label"].to(str), size="2", data_testid="arrived-label"),
                        spacing="1",
                        align="center",
                        color=rx.color("green", 11),
                    ),
                    rx.fragment(),
                ),
                spacing="1",
                align="start",
                flex="1",
                min_width="0",
            ),
            rx.cond(
                arrived,
                rx.button(
                    T("Undo"),
                    variant="soft",
                    color_scheme="gray",
                    size="2",
                    on_click=S.ask_undo(m["id"].to(str)),
                    data_testid="undo-member",
                ),
                rx.cond(
                    m["invited"].to(bool),
                    rx.button(
                        rx.icon("check", size=16, aria_hidden="true"),
                        T("Arrived"),
                        size="3",
                        variant=rx.cond(m["expected"].to(bool), "solid", "soft"),
                        on_click=S.check_in_one(m["id"].to(str)),
                        data_testid="checkin-member",
                    ),
                    rx.fragment(),
                ),
            ),
            align="center",
            spacing="3",
            width="100%",
        ),
        class_name=rx.cond(arrived, "checkin-member arrived", "checkin-member"),
        data_testid="member",
    )


def _household() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(S.household_name, size="5", as_="h2", data_testid="household-name"),
                rx.spacer(),
                rx.icon_button(
                    rx.icon("x", size=18),
                    variant="ghost",
                    color_scheme="gray",
                    on_click=S.close_household,
                    aria_label=T("Close"),
                    data_testid="household-close",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                S.waiting > 0,
                rx.button(
                    rx.icon("users", size=18, aria_hidden="true"),
                    T("All arrived"),
                    rx.badge(S.waiting.to_string(), variant="solid", color_scheme="gray", radius="full"),
                    size="4",
                    width="100%",
                    on_click=S.check_in_all,
                    data_testid="checkin-all",
                ),
                rx.fragment(),
            ),
            rx.vstack(rx.foreach(S.members, _member), spacing="0", width="100%"),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="checkin-household",
    )


def _messages() -> rx.Component:
    return rx.fragment(
        rx.cond(
            S.message != "",
            rx.callout(
                S.message, icon="circle_check", color_scheme="green", width="100%", data_testid="checkin-message"
            ),
            rx.fragment(),
        ),
        rx.foreach(
            S.warnings,
            lambda w: rx.callout(
                w, icon="triangle_alert", color_scheme="amber", width="100%", data_testid="checkin-warning"
            ),
        ),
        rx.foreach(
            S.notices,
            lambda n: rx.callout(n, icon="info", color_scheme="blue", width="100%", data_testid="checkin-notice"),
        ),
        form_error(S.error),
    )


def _undo_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(T("Undo this check-in?")),
            rx.alert_dialog.description(
                rx.text(S.undo_name, " ", T("will count as not arrived again."), size="2"),
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(T("Cancel"), variant="soft", color_scheme="gray")),
                rx.button(T("Undo check-in"), color_scheme="red", on_click=S.confirm_undo, data_testid="undo-confirm"),
                justify="end",
                spacing="3",
                margin_top="16px",
            ),
        ),
        open=S.undo_guest_id != "",
        on_open_change=S.cancel_undo,
    )


def _page() -> rx.Component:
    return rx.cond(
        S.events.length() == 0,
        empty_state(
            "calendar_plus",
            "No event yet",
            "Check-in happens per event. Add the ceremony or the reception on the guest page first.",
            rx.link(
                rx.button(T("Go to the guest list"), variant="soft"),
                href="/w/" + ShellState.current_wedding_id + "/guests",
            ),
        ),
        rx.box(
            rx.vstack(_header(), class_name="checkin-side", spacing="4", width="100%"),
            rx.vstack(
                _messages(),
                rx.cond(S.household_id != "", _household(), rx.fragment()),
                _find(),
                spacing="4",
                width="100%",
                min_width="0",
            ),
            _undo_dialog(),
            class_name="checkin-grid",
        ),
    )


def checkin_page() -> rx.Component:
    return app_layout(
        rx.cond(~S.loaded, page_loading(), rx.cond(S.not_found, not_found_card(), _page())),
        title="Check-in",
    )


ON_LOAD = [ShellState.enter("checkin"), CheckinState.load]
