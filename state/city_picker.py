"""Suggestions for the city fields (a vendor's base city, a wedding's town): a typeahead over the GeoNames places
that services.vendor_cities loads offline. The field itself stays a plain text input of its form; the browser shows
these as its suggestion list, and the service resolves whatever is typed when the form is saved."""

from __future__ import annotations

import reflex as rx

from services import vendor_cities
from state.base import authenticated, run

MAX_QUERY = 200


def _suggest(query: str) -> tuple[list[str], str]:
    """The suggestions, and the place the text resolves to as it stands (what saving the form would keep)."""
    exact = vendor_cities.city_by_name(query)
    return [c.label for c in vendor_cities.search(query)], exact.label if exact else ""


class CityPickerState(rx.State):
    city_suggestions: list[str] = []
    city_best: str = ""  # what the typed text will be saved as, shown under the field
    city_typed: bool = False

    @authenticated
    async def suggest_cities(self, query: str):
        text = str(query or "")[:MAX_QUERY]
        labels, best = ([], "")
        if len(vendor_cities.fold(text)) >= vendor_cities.MIN_QUERY_CHARS:
            labels, best = await run(_suggest, text)
        self.city_suggestions, self.city_best = labels, best
        self.city_typed = bool(text.strip())

    @authenticated
    def reset_cities(self):
        self.city_suggestions, self.city_best, self.city_typed = [], "", False
