"""Reading guest files: encodings, delimiters, BOM, XLSX; guessing columns; validating rows in plain words."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from models.weddings import Wedding
from services import i18n
from services.errors import ValidationError
from services.guest_import import guess_mapping, parse_file, to_csv, to_xlsx
from services.guests import normalize_email, normalize_phone, wedding_region

ROWS = [["First name", "Last name", "Email"], ["Zoé", "Müller", "zoe@example.com"], ["José", "Núñez", ""]]


def _csv(rows, delimiter=",") -> str:
    return "\r\n".join(delimiter.join(r) for r in rows) + "\r\n"


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", _csv(ROWS).encode("utf-8")),
        ("utf-8 with BOM", b"\xef\xbb\xbf" + _csv(ROWS).encode("utf-8")),
        ("latin-1", _csv(ROWS).encode("latin-1")),
        ("windows-1252", _csv(ROWS).encode("cp1252")),
        ("utf-16 (Excel 'Unicode text')", _csv(ROWS, "\t").encode("utf-16")),
        ("semicolon (French Excel)", _csv(ROWS, ";").encode("utf-8")),
        ("semicolon latin-1 with BOM-less accents", _csv(ROWS, ";").encode("latin-1")),
        ("tab", _csv(ROWS, "\t").encode("utf-8")),
    ],
)
def test_csv_files_read_the_same_whatever_their_encoding_and_delimiter(label, data):
    table = parse_file("guests.csv", data)
    assert table.headers == ["First name", "Last name", "Email"], label
    assert table.rows == [["Zoé", "Müller", "zoe@example.com"], ["José", "Núñez", ""]], label
    assert table.numbers == [2, 3]


def test_quoted_cells_with_delimiters_and_line_breaks_survive():
    data = b'First name,Address\n"Ana","12 rue X, Apt 3\n75011 Paris"\n'
    table = parse_file("g.csv", data)
    assert table.rows == [["Ana", "12 rue X, Apt 3\n75011 Paris"]]


def test_blank_lines_before_the_header_and_between_rows_are_skipped():
    table = parse_file("g.csv", b"\n\nName;Email\n\nAna;a@x.org\n;\nBo;b@x.org\n")
    assert table.headers == ["Name", "Email"]
    assert table.rows == [["Ana", "a@x.org"], ["Bo", "b@x.org"]]
    assert table.numbers == [5, 7]  # as the spreadsheet numbers them


def test_xlsx_numbers_dates_and_empty_cells_become_text():
    book = Workbook()
    sheet = book.active
    sheet.append(["Prénom", "Téléphone", "Enfant"])
    sheet.append(["Léa", 33612345678, None])
    sheet.append([None, None, None])
    sheet.append(["Hugo", "06 12 34 56 78", 7])
    buf = io.BytesIO()
    book.save(buf)
    table = parse_file("liste.xlsx", buf.getvalue())
    assert table.headers == ["Prénom", "Téléphone", "Enfant"]
    assert table.rows == [["Léa", "33612345678", ""], ["Hugo", "06 12 34 56 78", "7"]]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("g.csv", b"", "This file is empty."),
        ("g.csv", b"First name,Email\n", "This file has column names but no guests."),
        ("g.xls", b"\xd0\xcf\x11\xe0junk", "Old Excel files (.xls) cannot be read."),
        ("g.xlsx", b"PK\x03\x04 not really a zip", "This file could not be read as a spreadsheet."),
        ("g.csv", b"a" * (5 * 1024 * 1024 + 1), "This file is larger than 5 MB."),
    ],
)
def test_unreadable_files_are_refused_with_a_plain_message(name, data, message):
    with pytest.raises(ValidationError) as exc:
        parse_file(name, data)
    assert i18n.render("en", exc.value.field_errors["file"]).startswith(message)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["First name", "Last name", "E-mail", "Phone number", "Household", "Dietary restrictions", "RSVP"],
            ["first_name", "last_name", "email", "phone", "household", "dietary", "rsvp"],
        ),
        (
            ["Prénom", "Nom", "Courriel", "Téléphone", "Adresse", "Code postal", "Ville", "Régime", "Côté"],
            ["first_name", "last_name", "email", "phone", "address", "address", "address", "dietary", "side"],
        ),
        (
            ["Nombre", "Apellidos", "Correo electrónico", "Teléfono", "Alergias", "Idioma", "Acompañante"],
            ["first_name", "last_name", "email", "phone", "dietary", "language", "plus_one"],
        ),
        (
            ["Guest name", "Party", "Mobile", "Meal choice", "Notes"],
            ["full_name", "household", "phone", "meal", "notes"],
        ),
        (["Guest first name", "Whatever", "Email", "email"], ["first_name", "", "email", ""]),
    ],
)
def test_columns_are_guessed_from_english_french_and_spanish_headers(headers, expected):
    assert guess_mapping(headers) == expected


def test_per_event_columns_of_our_own_export_are_recognized():
    ceremony = type("E", (), {"id": "c1", "name": "Ceremony", "kind": "ceremony"})()
    dinner = type("E", (), {"id": "r1", "name": "Reception dinner", "kind": "reception"})()
    assert guess_mapping(
        ["First name", "Ceremony RSVP", "Reception dinner RSVP", "Reception dinner meal"], [ceremony, dinner]
    ) == [
        "first_name",
        "rsvp:c1",
        "rsvp:r1",
        "meal:r1",
    ]


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "US", "+33612345678"),
        ("33612345678", "US", "+33612345678"),  # Excel dropped the "+"
        ("(415) 555-2671", "US", "+14155552671"),
        ("612 345 678", "ES", "+34612345678"),
        ("", "FR", ""),
        ("+1 555", "US", None),
        ("call me", "FR", None),
    ],
)
def test_phones_are_normalized_to_e164(raw, region, expected):
    assert normalize_phone(raw, region) == expected


def test_emails_are_lower_cased_and_checked():
    assert normalize_email(" Zoe.Muller@Example.COM ") == "zoe.muller@example.com"
    assert normalize_email("josé@exämple.es") == "josé@exämple.es"
    assert normalize_email("") == ""
    assert normalize_email("not an email") is None
    assert normalize_email("a@b") is None


@pytest.mark.parametrize(
    ("address", "tz", "currency", "locale", "region"),
    [
        ("12 route des Vignes, 33000 Bordeaux, France", "UTC", "EUR", "en", "FR"),
        ("Calle Mayor 5\n28013 Madrid\nEspaña", "Europe/Paris", "EUR", "fr", "ES"),
        ("1 Main St, Austin, TX, USA", "UTC", "EUR", "fr", "US"),
        ("12 route des Vignes, Bordeaux", "Europe/Paris", "EUR", "en", "FR"),
        ("", "America/Mexico_City", "USD", "es", "MX"),
        ("", "UTC", "GBP", "en", "GB"),
        ("", "UTC", "EUR", "es", "ES"),
        ("", "UTC", "EUR", "fr", "FR"),
        ("", "UTC", "MXN", "es", "MX"),
    ],
)
def test_the_wedding_country_is_guessed_from_venue_time_zone_currency_language(address, tz, currency, locale, region):
    w = Wedding(partner_a="A", partner_b="B", venue_address=address, timezone=tz, currency=currency, locale=locale)
    assert wedding_region(w) == region


def test_export_formats_guard_against_spreadsheet_formulas():
    data = to_csv(["First name", "Phone", "Notes"], [["=HYPERLINK(1)", "+33 6 12 34 56 78", "+cmd|' /C calc'!A0"]])
    assert data.startswith(b"\xef\xbb\xbf")
    table = parse_file("x.csv", data)
    assert table.rows == [["'=HYPERLINK(1)", "+33 6 12 34 56 78", "'+cmd|' /C calc'!A0"]]
    xlsx = parse_file("x.xlsx", to_xlsx(["First name"], [["=1+1"]]))
    assert xlsx.rows == [["'=1+1"]]
