"""Translations (Babel catalogs in services/locales) and locale-aware formatting."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_time as _format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)
from babel.support import Translations

from services.errors import Msg

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"
LANGUAGES: Mapping[str, str] = {"en": "English", "fr": "Français", "es": "Español"}


def normalize_language(value: str | None) -> str:
    code = (value or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def best_language(accept_language: str) -> str:
    """Pick a supported language from an Accept-Language header."""
    for part in accept_language.split(","):
        code = normalize_language(part.split(";")[0].strip())
        if code != DEFAULT_LANGUAGE or part.strip().lower().startswith("en"):
            return code
    return DEFAULT_LANGUAGE


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> Translations:
    """Compile the .po catalog in memory, so no generated .mo file has to be committed."""
    path = po_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return Translations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf)


def gettext(lang: str, msgid: str, **params) -> str:
    text = translations(normalize_language(lang)).gettext(msgid)
    return text.format(**params) if params else text


def ngettext(lang: str, singular: str, plural: str, n: int, **params) -> str:
    text = translations(normalize_language(lang)).ngettext(singular, plural, n)
    return text.format(n=format_number(n, lang), **params)


def render(lang: str, msg: Msg) -> str:
    return gettext(lang, msg.id, **msg.params)


@lru_cache(maxsize=len(LANGUAGES))
def ui_catalog(lang: str) -> dict[str, str]:
    """Every translated message of a language, for the compiled front end."""
    path = po_path(lang)
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


# ---- formatting -------------------------------------------------------------------------


def locale_of(lang: str) -> Locale:
    return Locale.parse(normalize_language(lang))


def format_number(value: int | float | Decimal, lang: str) -> str:
    return format_decimal(value, locale=normalize_language(lang))


def minor_to_decimal(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-get_currency_precision(currency))


def format_money(amount_minor: int, currency: str, lang: str) -> str:
    return format_currency(minor_to_decimal(amount_minor, currency), currency, locale=normalize_language(lang))


@lru_cache(maxsize=64)
def money_formatter(currency: str, lang: str) -> Callable[[int], str]:
    """format_money for one currency and language, about 20x faster, for pages and feeds that
    format thousands of amounts. The locale's currency pattern is applied by hand and used only
    if it gives exactly Babel's text on a range of samples; otherwise Babel formats every amount.
    """
    lang = normalize_language(lang)
    loc = Locale.parse(lang)
    pattern = loc.currency_formats["standard"]
    digits = get_currency_precision(currency)
    group, decimal = get_group_symbol(locale=loc), get_decimal_symbol(locale=loc)
    symbol = get_currency_symbol(currency, loc)
    prefixes = [p.replace("¤", symbol) for p in pattern.prefix]
    suffixes = [p.replace("¤", symbol) for p in pattern.suffix]
    # Some locales (es) leave four-digit amounts ungrouped: 1234,56 € but 12.345,67 €.
    groups_four_digits = group in format_money(1234 * 10**digits, currency, lang)

    def fast(minor: int) -> str:
        sign = 1 if minor < 0 else 0
        whole, frac = divmod(abs(minor), 10**digits)
        text = str(whole) if whole < 10_000 and not groups_four_digits else f"{whole:,}".replace(",", group)
        if digits:
            text += decimal + str(frac).zfill(digits)
        return prefixes[sign] + text + suffixes[sign]

    samples = (0, 7, 99, 1234, 12_345, 123_456, 1_234_567, 123_456_789, 10**11, -5, -123_456)
    if all(fast(m) == format_money(m, currency, lang) for m in samples):
        return fast
    return lambda minor: format_money(minor, currency, lang)


def format_day(value: date, lang: str, fmt: str = "long") -> str:
    return _format_date(value, format=fmt, locale=normalize_language(lang))


def format_moment(value: datetime, lang: str, tz: str, fmt: str = "medium") -> str:
    return _format_datetime(value, format=fmt, tzinfo=ZoneInfo(tz), locale=normalize_language(lang))


def format_clock(value: datetime, lang: str, tz: str) -> str:
    return _format_time(value, format="short", tzinfo=ZoneInfo(tz), locale=normalize_language(lang))
