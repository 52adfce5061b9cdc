"""The wedding template choice on the onboarding form: one card per template, classic checked."""

from __future__ import annotations

import reflex as rx

from components.i18n import T
from services.templates import DEFAULT_TEMPLATE, TEMPLATE_KEYS, template, template_tasks

_ICONS = {"classic": "church", "intimate": "heart_handshake", "destination": "plane", "large": "party_popper"}


def _card(key: str) -> rx.Component:
    data = template(key)
    return rx.el.label(
        rx.hstack(
            rx.el.input(
                type="radio",
                name="template",
                value=key,
                default_checked=key == DEFAULT_TEMPLATE,
                style={"accent_color": "var(--plum-9)", "margin_top": "4px", "flex_shrink": "0"},
                data_testid=f"template-{key}",
            ),
            rx.vstack(
                rx.hstack(
                    rx.icon(_ICONS[key], size=18, color=rx.color("plum", 10), aria_hidden="true"),
                    rx.text(T(data["name"]), weight="bold", size="3"),
                    align="center",
                    spacing="2",
                ),
                rx.text(T(data["description"]), size="2", color_scheme="gray"),
                rx.text(
                    *[x for name in data["events"] for x in (T(name["name"]), " · ")][:-1],
                    size="1",
                    color=rx.color("plum", 11),
                ),
                rx.text(str(len(template_tasks(key))), " ", T("checklist tasks"), size="1", color_scheme="gray"),
                spacing="1",
            ),
            align="start",
            spacing="3",
        ),
        style={
            "display": "block",
            "border": "1px solid var(--gray-6)",
            "border_radius": "10px",
            "padding": "12px 14px",
            "cursor": "pointer",
            "background": "var(--color-surface)",
            "&:has(input:checked)": {"border_color": "var(--plum-9)", "background": "var(--plum-2)"},
            "&:has(input:focus-visible)": {"outline": "2px solid var(--plum-8)", "outline_offset": "2px"},
        },
    )


def template_picker() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(T("Start from a template"), class_name="field-label", style={"margin_bottom": "4px"}),
        rx.text(
            T("We prepare the events, a budget split, a checklist and a draft timeline. You can change everything."),
            size="2",
            color_scheme="gray",
            margin_bottom="8px",
        ),
        rx.grid(
            *[_card(key) for key in TEMPLATE_KEYS],
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        style={"border": "none", "padding": 0, "margin": 0, "width": "100%", "min_width": 0},
        data_testid="template-picker",
    )
