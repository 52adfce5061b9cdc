"""A city field with suggestions (GeoNames places, offline): a text input tied to a <datalist> that fills as the
user types, so it works with the keyboard (arrows pick a suggestion, Enter or Tab takes it), on phones, and with
screen readers (an input with a list is announced as a combo box). Under it, what the typed text will be saved as."""

from __future__ import annotations

import reflex as rx

from components.forms import field
from components.i18n import T
from state.city_picker import CityPickerState as C


def city_field(
    name: str, label: str, errors: rx.Var, default_value: rx.Var | str = "", *, hint: str = ""
) -> rx.Component:
    list_id = f"{name}-suggestions"
    return rx.box(
        field(
            name,
            label,
            errors,
            default_value=default_value,
            hint=hint,
            on_change=C.suggest_cities.debounce(200),
            custom_attrs={"list": list_id},
            placeholder=T("Start typing a town or city").to(str),
            data_testid=f"{name}-input",
        ),
        rx.el.datalist(rx.foreach(C.city_suggestions, lambda c: rx.el.option(value=c)), id=list_id),
        rx.cond(
            C.city_typed,
            rx.text(
                rx.cond(
                    C.city_best != "",
                    rx.fragment(T("Will be saved as"), " ", rx.el.strong(C.city_best)),
                    rx.cond(
                        C.city_suggestions.length() > 0,
                        T("Pick a place from the suggestions."),
                        T("No town or city of that name. Check the spelling, or try a nearby town."),
                    ),
                ),
                size="1",
                color_scheme="gray",
                aria_live="polite",
                data_testid=f"{name}-match",
            ),
        ),
        width="100%",
        on_mount=C.reset_cities,  # no suggestion or preview left over from another page
    )
