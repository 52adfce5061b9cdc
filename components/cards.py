"""Small building blocks for app pages: stat cards, section cards, the not-found card."""

from __future__ import annotations

import reflex as rx

from components.i18n import T


def stat_card(icon: str, label: str, value: rx.Var, detail: rx.Component, test_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon(icon, size=18, color=rx.color("plum", 10), aria_hidden="true"),
                rx.text(T(label), size="2", color_scheme="gray", weight="medium"),
                align="center",
                spacing="2",
            ),
            rx.text(value, size="7", weight="bold", class_name="stat-value", data_testid=test_id),
            detail,
            spacing="2",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def section(title: str, *children: rx.Component, **props) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(T(title), size="4", as_="h2"), *children, spacing="3", width="100%"),
        size="3",
        width="100%",
        **props,
    )


def not_found_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon("search_x", size=32, color=rx.color("gray", 10), aria_hidden="true"),
            rx.heading(T("Not found"), size="5", as_="h2"),
            rx.text(T("This page does not exist or you do not have access to it."), color_scheme="gray"),
            rx.link(rx.button(T("Back to my weddings"), variant="soft"), href="/weddings"),
            align="center",
            spacing="3",
            padding="24px",
        ),
        width="100%",
        data_testid="not-found",
    )


def edit_delete_buttons(can_edit: rx.Var, on_edit: rx.EventSpec, on_delete: rx.EventSpec) -> rx.Component:
    """The row's pencil and bin, shown only to those who may edit (delete asks for confirmation)."""
    return rx.cond(
        can_edit,
        rx.hstack(
            rx.icon_button(
                rx.icon("pencil", size=16),
                variant="ghost",
                color_scheme="gray",
                on_click=on_edit,
                aria_label=T("Edit"),
                title=T("Edit"),
            ),
            rx.icon_button(
                rx.icon("trash_2", size=16),
                variant="ghost",
                color_scheme="red",
                on_click=on_delete,
                aria_label=T("Delete"),
                title=T("Delete"),
            ),
            spacing="1",
        ),
        rx.fragment(),
    )
