"""The wedding dashboard."""

from __future__ import annotations

import reflex as rx

from attitudes_app.pages.checkin import dashboard_arrivals
from components.cards import not_found_card, section, stat_card
from components.i18n import T
from components.live import live_badge
from components.shell import app_layout, empty_state, page_loading
from state.checkin import ArrivalsState
from state.dashboard import DashboardState
from state.shell import ShellState


def _line(label: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.hstack(
        rx.text(T(label), size="2", color_scheme="gray"),
        rx.spacer(),
        rx.text(value, size="2", weight="medium", data_testid=test_id),
        width="100%",
    )


def _task_row(task: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.icon(
            "circle",
            size=14,
            color=rx.cond(task["overdue"].to(bool), rx.color("red", 9), rx.color("gray", 9)),
            aria_hidden="true",
        ),
        rx.text(task["title"].to(str), size="2", flex="1"),
        rx.cond(task["overdue"].to(bool), rx.badge(T("Overdue"), color_scheme="red"), rx.fragment()),
        rx.text(task["due"].to(str), size="2", color_scheme="gray"),
        width="100%",
        align="center",
        spacing="3",
    )


def _timeline_row(item: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(item["when"].to(str), size="2", weight="medium", min_width="170px"),
        rx.vstack(
            rx.text(item["title"].to(str), size="2"),
            rx.text(item["location"].to(str), size="1", color_scheme="gray"),
            spacing="0",
        ),
        width="100%",
        spacing="3",
    )


def _dashboard() -> rx.Component:
    v = DashboardState.view
    wid = ShellState.current_wedding_id
    return rx.vstack(
        rx.box(
            rx.heading(v["couple"].to(str), size="8", as_="h2"),
            rx.text(v["date"].to(str), " · ", v["venue"].to(str), color_scheme="gray", size="3"),
            rx.hstack(
                rx.badge(v["countdown"].to(str), size="3", radius="full", data_testid="countdown"),
                live_badge("dashboard"),
                align="center",
                spacing="2",
                margin_top="10px",
            ),
        ),
        rx.grid(
            stat_card(
                "calendar_heart",
                "Days to go",
                v["days_to_go"].to(str),
                rx.text(v["date"].to(str), size="1", color_scheme="gray"),
                "days-to-go",
            ),
            stat_card(
                "users",
                "Guests invited",
                v["invited"].to(str),
                rx.vstack(
                    rx.progress(value=v["responded_pct"].to(int), aria_label="RSVP progress"),
                    rx.text(v["expected"].to(str), size="1", color_scheme="gray"),
                    width="100%",
                ),
                "guests-invited",
            ),
            stat_card(
                "wallet",
                "Budget committed",
                v["budget_committed"].to(str),
                rx.vstack(
                    rx.progress(
                        value=v["committed_pct"].to(int),
                        aria_label="Budget committed",
                        color_scheme=rx.cond(v["over_budget"].to(bool), "red", "plum"),
                    ),
                    rx.text(T("of"), " ", v["budget_total"].to(str), size="1", color_scheme="gray"),
                    width="100%",
                ),
                "budget-committed",
            ),
            stat_card(
                "list_checks",
                "Tasks open",
                v["tasks_open"].to(str),
                rx.vstack(
                    rx.progress(value=v["tasks_pct"].to(int), aria_label="Tasks done"),
                    rx.text(v["tasks_done"].to(str), " ", T("done"), size="1", color_scheme="gray"),
                    width="100%",
                ),
                "tasks-open",
            ),
            columns=rx.breakpoints(initial="1", sm="2", lg="4"),
            spacing="4",
            width="100%",
        ),
        dashboard_arrivals(),
        rx.grid(
            section(
                "Guests",
                rx.cond(
                    v["has_guests"].to(bool),
                    rx.vstack(
                        _line("Attending", v["attending"].to(str), "guests-attending"),
                        _line("Declined", v["declined"].to(str), "guests-declined"),
                        _line("Waiting for an answer", v["pending"].to(str), "guests-pending"),
                        spacing="2",
                        width="100%",
                    ),
                    empty_state(
                        "users",
                        "No guests yet",
                        "Your guest list is empty. Invite your partner to start building it together.",
                        rx.link(rx.button(T("Invite your partner"), variant="soft"), href="/w/" + wid + "/team"),
                    ),
                ),
            ),
            section(
                "Budget",
                rx.cond(
                    v["has_budget"].to(bool),
                    rx.vstack(
                        _line("Total budget", v["budget_total"].to(str), "budget-total"),
                        _line("Committed", v["budget_committed"].to(str), "budget-committed-line"),
                        _line("Paid", v["budget_paid"].to(str), "budget-paid"),
                        rx.cond(
                            v["over_budget"].to(bool),
                            rx.callout(
                                rx.text(T("Over budget by"), " ", v["budget_remaining"].to(str)),
                                icon="triangle_alert",
                                color_scheme="red",
                                size="1",
                            ),
                            _line("Still available", v["budget_remaining"].to(str), "budget-remaining"),
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    empty_state(
                        "wallet",
                        "No budget yet",
                        "Set a total budget in the wedding details.",
                        rx.link(rx.button(T("Set the budget"), variant="soft"), href="/w/" + wid + "/settings"),
                    ),
                ),
            ),
            section(
                "Tasks due soon",
                rx.cond(
                    DashboardState.tasks_due.length() > 0,
                    rx.vstack(rx.foreach(DashboardState.tasks_due, _task_row), spacing="2", width="100%"),
                    rx.text(T("Nothing due in the next 30 days."), size="2", color_scheme="gray"),
                ),
            ),
            section(
                "Next on the timeline",
                rx.cond(
                    DashboardState.timeline_next.length() > 0,
                    rx.vstack(rx.foreach(DashboardState.timeline_next, _timeline_row), spacing="3", width="100%"),
                    rx.text(
                        T("No timeline items yet. The day-of schedule will show here."), size="2", color_scheme="gray"
                    ),
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        rx.text(T("Vendors"), ": ", v["vendors"].to(str), size="2", color_scheme="gray"),
        spacing="5",
        width="100%",
    )


def dashboard_page() -> rx.Component:
    return app_layout(
        rx.cond(
            ~DashboardState.loaded,
            page_loading(),
            rx.cond(DashboardState.not_found, not_found_card(), _dashboard()),
        ),
        title="Dashboard",
    )


ON_LOAD = [ShellState.enter("dashboard"), DashboardState.load, ArrivalsState.load]
