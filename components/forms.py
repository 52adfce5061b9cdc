"""Form fields with a label, an inline error and the accessibility wiring between them."""

from __future__ import annotations

import reflex as rx

from components.i18n import T


def field(
    name: str,
    label: str,
    errors: rx.Var,
    *,
    type: str = "text",
    placeholder: str = "",
    default_value: rx.Var | str = "",
    required: bool = False,
    autocomplete: str = "off",
    hint: str = "",
    **props,
) -> rx.Component:
    error = errors[name].to(str)
    # The label wraps the input (no id): Reflex turns ids of form controls into extra form fields.
    return rx.box(
        rx.el.label(
            rx.el.span(T(label), class_name="field-label"),
            rx.input(
                name=name,
                type=type,
                placeholder=placeholder,
                default_value=default_value,
                required=required,
                auto_complete=autocomplete,
                size="3",
                aria_invalid=rx.cond(error, "true", "false"),  # undefined and "" are both falsy
                aria_describedby=f"e-{name}",
                color_scheme=rx.cond(error, "red", "plum"),
                width="100%",
                **props,
            ),
            class_name="field",
        ),
        rx.text(T(hint), size="1", color_scheme="gray") if hint else rx.fragment(),
        rx.text(error, id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
        class_name="field",
    )


def select_field(
    name: str,
    label: str,
    errors: rx.Var,
    options: list[tuple[str, str]],
    *,
    default_value: rx.Var | str = "",
    translate: bool = False,
) -> rx.Component:
    error = errors[name].to(str)
    return rx.box(
        rx.el.label(
            rx.el.span(T(label), class_name="field-label"),
            rx.el.select(
                *[rx.el.option(T(text) if translate else text, value=value) for value, text in options],
                name=name,
                default_value=default_value,
                aria_describedby=f"e-{name}",
                class_name="native-select",
            ),
            class_name="field",
        ),
        rx.text(error, id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
        class_name="field",
    )


def form_error(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
        rx.fragment(),
    )


def submit_button(label: str, loading: rx.Var, **props) -> rx.Component:
    return rx.button(T(label), type="submit", size="3", loading=loading, width="100%", **props)
