"""The wedding details form, shared by onboarding and the settings page."""

from __future__ import annotations

import reflex as rx
from babel.numbers import get_currency_symbol

from components.city_picker import city_field
from components.forms import field, select_field
from components.i18n import T
from services import i18n
from services.weddings import TIMEZONES

COMMON_CURRENCIES = (
    "EUR",
    "USD",
    "GBP",
    "CAD",
    "AUD",
    "NZD",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "MXN",
    "BRL",
    "ARS",
    "COP",
    "CLP",
    "JPY",
    "INR",
    "SGD",
    "AED",
    "MAD",
    "ZAR",
)
CURRENCY_OPTIONS = [(c, f"{c} ({get_currency_symbol(c, locale='en')})") for c in COMMON_CURRENCIES]
TIMEZONE_OPTIONS = [(tz, tz.replace("_", " ")) for tz in sorted(TIMEZONES) if "/" in tz or tz == "UTC"]
LANGUAGE_OPTIONS = list(i18n.LANGUAGES.items())


def wedding_fields(errors: rx.Var, values: rx.Var | dict) -> rx.Component:
    def v(key: str, default: str = ""):
        return values[key].to(str) if isinstance(values, rx.Var) else values.get(key, default)

    two = rx.breakpoints(initial="1", sm="2")
    return rx.vstack(
        rx.grid(
            field(
                "partner_a",
                "First partner's name",
                errors,
                default_value=v("partner_a"),
                required=True,
                autocomplete="given-name",
            ),
            field("partner_b", "Second partner's name", errors, default_value=v("partner_b"), required=True),
            columns=two,
            spacing="4",
            width="100%",
        ),
        rx.grid(
            field("wedding_date", "Wedding date", errors, type="date", default_value=v("wedding_date"), required=True),
            field(
                "expected_guests",
                "Expected number of guests",
                errors,
                type="number",
                min="0",
                max="5000",
                default_value=v("expected_guests", "100"),
            ),
            columns=two,
            spacing="4",
            width="100%",
        ),
        field("venue_name", "Venue name", errors, default_value=v("venue_name")),
        field(
            "venue_address", "Venue address", errors, default_value=v("venue_address"), autocomplete="street-address"
        ),
        city_field(
            "city",
            "Town or city",
            errors,
            v("city"),
            hint="The marketplace shows the vendors who work there.",
        ),
        rx.grid(
            field("budget_total", "Total budget", errors, default_value=v("budget_total", "0"), input_mode="decimal"),
            select_field("currency", "Currency", errors, CURRENCY_OPTIONS, default_value=v("currency", "EUR")),
            columns=two,
            spacing="4",
            width="100%",
        ),
        rx.grid(
            select_field(
                "locale", "Language of the wedding", errors, LANGUAGE_OPTIONS, default_value=v("locale", "en")
            ),
            select_field("timezone", "Time zone", errors, TIMEZONE_OPTIONS, default_value=v("timezone", "UTC")),
            columns=two,
            spacing="4",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


# Onboarding starts in the browser's own time zone when we know it.
GUESS_TIMEZONE = rx.call_script(
    "(() => { const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;"
    " const el = document.querySelector('select[name=timezone]');"
    " if (el && tz && [...el.options].some(o => o.value === tz)) el.value = tz; })()"
)


def hint(text: str) -> rx.Component:
    return rx.text(T(text), size="2", color_scheme="gray")
