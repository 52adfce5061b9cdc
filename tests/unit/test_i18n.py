"""Language choice and locale-aware formatting (no catalog-completeness checks here)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services import i18n
from services.errors import N_


def test_money_in_french_uses_babel_spacing_and_the_euro_sign():
    text = i18n.format_money(123456, "EUR", "fr")
    assert "1\u202f234,56" in text  # narrow no-break space between thousands
    assert "€" in text
    assert text.index("€") > text.index("56")  # the sign comes after the amount in French


def test_money_in_english():
    assert i18n.format_money(123456, "EUR", "en") == "€1,234.56"


def test_money_without_minor_units():
    assert i18n.format_money(1000, "JPY", "en") == "¥1,000"


def test_day_in_spanish_uses_spanish_month_names():
    assert i18n.format_day(date(2027, 6, 12), "es") == "12 de junio de 2027"
    assert "juin" in i18n.format_day(date(2027, 6, 12), "fr")


def test_moment_is_shown_in_the_wedding_timezone():
    noon_utc = datetime(2027, 6, 12, 13, 0, tzinfo=UTC)
    assert i18n.format_clock(noon_utc, "fr", "Europe/Paris") == "15:00"
    assert i18n.format_clock(noon_utc, "en", "America/New_York") == "9:00\u202fAM"


def test_unknown_message_falls_back_to_the_msgid_with_its_parameters():
    assert i18n.gettext("fr", "A message nobody translated, {n} times", n=3) == "A message nobody translated, 3 times"
    assert i18n.render("es", N_("Another one for {name}", name="Ana")) == "Another one for Ana"


def test_plural_falls_back_to_english_forms():
    assert i18n.ngettext("en", "{n} guest", "{n} guests", 1) == "1 guest"
    assert i18n.ngettext("en", "{n} guest", "{n} guests", 1500) == "1,500 guests"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("fr-CA", "fr"),
        ("fr_FR", "fr"),
        ("ES", "es"),
        ("en-GB", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_normalize_language(raw, expected):
    assert i18n.normalize_language(raw) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-ES,es;q=0.9", "es"),
        ("de-DE,fr;q=0.8,en;q=0.5", "fr"),
        ("en-US,fr;q=0.8", "en"),
        ("de-DE,it;q=0.9", "en"),
        ("", "en"),
    ],
)
def test_best_language_from_accept_language(header, expected):
    assert i18n.best_language(header) == expected


@pytest.mark.parametrize("currency", ["EUR", "USD", "JPY", "CHF"])
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@given(minor=st.integers(min_value=-10**12, max_value=10**12))
@settings(max_examples=60, deadline=None)
def test_fast_money_formatter_gives_exactly_babels_text(currency, lang, minor):
    assert i18n.money_formatter(currency, lang)(minor) == i18n.format_money(minor, currency, lang)
