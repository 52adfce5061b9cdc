"""Dialogs every page uses the same way: a confirmation before a destructive action, and a small form in a dialog
(a reason, a reply, a proposal).

Titles, descriptions and button labels given as str are message ids (translated with T()); a component or a Var is
shown as it is (a form dialog's title may also be a tuple of parts). Every dialog has a title (Radix needs one for
screen readers) and, as a rule, a description.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import T

Label = str | rx.Component | rx.Var


def _text(value: Label) -> rx.Component | rx.Var:
    return T(value) if isinstance(value, str) else value


def _cancel_button() -> rx.Component:
    return rx.button(T("Cancel"), variant="soft", color_scheme="gray", type="button")


def confirm_dialog(
    title: Label,
    description: Label,
    on_confirm: Any,
    *,
    confirm_label: Label = "Confirm",
    color: str | rx.Var = "red",
    detail: Label | None = None,
    trigger: rx.Component | None = None,
    open: rx.Var | None = None,
    on_open_change: Any = None,
    close_on_confirm: bool = True,
    **confirm_props: Any,
) -> rx.Component:
    """An "are you sure?" dialog: title, description (what is concerned), an optional gray detail, Cancel and the confirm
    button (`confirm_props`: id, data_testid...). Opened by `trigger` and/or controlled by `open`/`on_open_change`.
    With close_on_confirm=False the dialog stays open after the confirm click (the state closes it)."""
    confirm = rx.button(_text(confirm_label), color_scheme=color, on_click=on_confirm, **confirm_props)
    content = rx.alert_dialog.content(
        rx.alert_dialog.title(_text(title)),
        rx.alert_dialog.description(_text(description)),
        rx.text(_text(detail), size="2", color_scheme="gray", margin_top="8px")
        if detail is not None
        else rx.fragment(),
        rx.hstack(
            rx.alert_dialog.cancel(_cancel_button()),
            rx.alert_dialog.action(confirm) if close_on_confirm else confirm,
            justify="end",
            spacing="3",
            margin_top="16px",
        ),
    )
    parts = (rx.alert_dialog.trigger(trigger), content) if trigger is not None else (content,)
    control = {"open": open, "on_open_change": on_open_change} if open is not None else {}
    return rx.alert_dialog.root(*parts, **control)


def form_dialog(
    title: Label | tuple,
    description: Label | None,
    fields: list[rx.Component],
    submit: rx.Component,
    on_submit: Any,
    *,
    open: rx.Var,
    on_open_change: Any,
    key: rx.Var | None = None,
    error: rx.Component | None = None,
    max_width: str = "520px",
    spacing: str = "2",
    after: rx.Component | None = None,
    start: rx.Component | None = None,
    alert: bool = False,
    **content_props: Any,
) -> rx.Component:
    """A form in a dialog: title, description (a message id is shown small and gray; None for none), an optional
    general error, the fields, then the buttons (`start`, e.g. a Delete, on the left; Cancel and `submit` on the
    right), and `after` below the form. alert=True makes it an alert dialog (a confirmation that asks for a few
    words). `content_props` go to the dialog's content (data_testid...)."""
    ui = rx.alert_dialog if alert else rx.dialog
    form_props = {"key": key} if key is not None else {}
    if description is None:
        about = rx.fragment()
    elif isinstance(description, str):
        about = ui.description(T(description), size="2", color_scheme="gray")
    else:
        about = ui.description(description)
    return ui.root(
        ui.content(
            ui.title(*(title if isinstance(title, tuple) else (_text(title),))),
            about,
            error if error is not None else rx.fragment(),
            rx.form(
                rx.vstack(
                    *fields,
                    rx.hstack(
                        *((start, rx.spacer()) if start is not None else ()),
                        (rx.alert_dialog.cancel if alert else rx.dialog.close)(_cancel_button()),
                        submit,
                        justify="end",
                        spacing="3",
                        width="100%",
                    ),
                    spacing=spacing,
                    width="100%",
                ),
                on_submit=on_submit,
                width="100%",
                **form_props,
            ),
            after if after is not None else rx.fragment(),
            max_width=max_width,
            **content_props,
        ),
        open=open,
        on_open_change=on_open_change,
    )


def reason_dialog(
    title: Label,
    description: Label,
    reason: rx.Component,
    submit_label: str,
    on_submit: Any,
    *,
    open: rx.Var,
    on_open_change: Any,
    key: rx.Var | None = None,
    alert: bool = False,
) -> rx.Component:
    """A destructive action that asks why (decline a request, hide a review): the `reason` field and a red button."""
    return form_dialog(
        title,
        description,
        [reason],
        rx.button(T(submit_label), color_scheme="red", type="submit"),
        on_submit,
        open=open,
        on_open_change=on_open_change,
        key=key,
        alert=alert,
    )
