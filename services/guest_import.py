"""Guest list import (CSV and XLSX from spreadsheets and other wedding sites) and export.

The flow: parse_file() turns the upload into a RawTable (kept server side by the caller);
preview_import() guesses or applies a column mapping, validates every row and flags likely
duplicates, writing nothing; commit_import() re-validates the same RawTable and writes every
valid row in the caller's single transaction. Rows never come from the browser.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from models.audit import AuditEvent
from models.base import utcnow
from models.guests import (
    DIETARY_CODES,
    EventMealOption,
    Guest,
    GuestEventInvitation,
    GuestTag,
    Household,
    guest_snapshot,
)
from models.weddings import Wedding, WeddingEvent
from services import audit
from services.authz import Permission, Principal
from services.errors import N_, Msg, NotFound, TamperedInput, ValidationError
from services.guests import (
    DIETARY_LABELS,
    _events,
    _meal_options,
    _tag_names,
    clean_block,
    clean_text,
    fold,
    main_event,
    normalize_email,
    normalize_phone,
    split_tags,
    wedding_region,
)
from services.weddings import load_wedding

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 80
FUZZY_CUTOFF = 90
PREVIEW_ROWS = 200
ANALYZE_AFTER = 500  # imported guests  # rows shown with their problems; counts cover the whole file

# ---- reading files ----------------------------------------------------------------------


@dataclass
class RawTable:
    """A file's cells as text: the header row, the non-empty data rows and their spreadsheet row numbers."""

    filename: str
    headers: list[str]
    rows: list[list[str]]
    numbers: list[int]
    # The last validation of these rows (key: mapping and wedding context), reused by the commit so a
    # 10,000-row file is checked once; duplicates are always flagged again against the current list.
    checked: tuple[Any, list[RowResult]] | None = field(default=None, repr=False, compare=False)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Windows "ANSI": Latin-1 plus curly quotes, euro sign...
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:30])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(",;\t|", key=first.count)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _file_error(message: Msg) -> ValidationError:
    return ValidationError({"file": message, "": message})


def parse_file(filename: str, data: bytes) -> RawTable:
    """CSV (UTF-8 with or without BOM, UTF-16, Windows-1252/Latin-1; comma, semicolon, tab) or XLSX."""
    name = clean_text(filename, 200) or "guests"
    if len(data) > MAX_FILE_BYTES:
        raise _file_error(N_("This file is larger than 5 MB. Split it or remove unused columns."))
    if not data.strip():
        raise _file_error(N_("This file is empty."))
    lower = name.lower()
    if data.startswith(b"PK\x03\x04") or lower.endswith((".xlsx", ".xlsm")):
        grid = _read_xlsx(data)
    elif lower.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _file_error(N_("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or .csv and try again."))
    else:
        text = _decode(data).replace("\x00", "")
        grid = [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        ]
    start = next((i for i, row in enumerate(grid) if any(row)), None)
    if start is None:
        raise _file_error(N_("This file is empty."))
    headers = [clean_text(h, 120) for h in grid[start]][:MAX_COLUMNS]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise _file_error(N_("The first row should hold the column names."))
    width = len(headers)
    kept = [(i + 1, row) for i, row in enumerate(grid) if i > start and any(c for c in row)]
    rows = [(row + [""] * width)[:width] for _, row in kept]
    if not rows:
        raise _file_error(N_("This file has column names but no guests."))
    if len(rows) > MAX_ROWS:
        raise _file_error(N_("This file has more than {n} rows. Split it into smaller files.", n=MAX_ROWS))
    return RawTable(name, headers, rows, [n for n, _ in kept])


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same plain message
        raise _file_error(N_("This file could not be read as a spreadsheet. Save it as .xlsx or .csv.")) from None
    try:
        sheet = book.worksheets[0]
        grid = []
        for row in sheet.iter_rows(values_only=True):
            grid.append([_cell(v) for v in row[:MAX_COLUMNS]])
            if len(grid) > MAX_ROWS + 50:
                break
        return grid
    finally:
        book.close()


# ---- column mapping ------------------------------------------------------------------------

# field key -> (label msgid, header synonyms in English, French and Spanish, compared folded)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "first_name": (
        N_("First name").id,
        ("first name", "firstname", "first", "given name", "prenom", "nombre", "nombre de pila"),
    ),
    "last_name": (
        N_("Last name").id,
        ("last name", "lastname", "surname", "family name", "last", "nom", "nom de famille", "apellido", "apellidos"),
    ),
    "full_name": (
        N_("Full name").id,
        ("name", "full name", "guest", "guest name", "nom complet", "invite", "nombre completo", "invitado"),
    ),
    "email": (
        N_("Email").id,
        (
            "email",
            "e-mail",
            "email address",
            "mail",
            "courriel",
            "adresse e-mail",
            "adresse email",
            "correo",
            "correo electronico",
        ),
    ),
    "phone": (
        N_("Phone").id,
        ("phone", "phone number", "mobile", "cell", "telephone", "tel", "portable", "telefono", "movil", "celular"),
    ),
    "address": (
        N_("Address").id,
        (
            "address",
            "street",
            "street address",
            "address line 1",
            "address line 2",
            "address 1",
            "address 2",
            "city",
            "town",
            "zip",
            "zip code",
            "postal code",
            "postcode",
            "state",
            "province",
            "country",
            "adresse",
            "rue",
            "ville",
            "code postal",
            "pays",
            "direccion",
            "calle",
            "ciudad",
            "codigo postal",
            "pais",
        ),
    ),
    "household": (
        N_("Household").id,
        (
            "household",
            "party",
            "family",
            "group",
            "household name",
            "party name",
            "foyer",
            "famille",
            "groupe",
            "hogar",
            "familia",
            "grupo",
        ),
    ),
    "side": (N_("Side").id, ("side", "guest of", "cote", "invite de", "lado", "invitado de")),
    "age_group": (
        N_("Age group").id,
        ("age group", "age", "adult/child", "child", "tranche d'age", "enfant", "edad", "grupo de edad", "nino"),
    ),
    "language": (N_("Language").id, ("language", "langue", "idioma", "lengua")),
    "dietary": (
        N_("Dietary restrictions").id,
        (
            "dietary",
            "dietary restrictions",
            "diet",
            "allergies",
            "dietary notes",
            "food allergies",
            "regime",
            "regime alimentaire",
            "allergies alimentaires",
            "dieta",
            "alergias",
            "restricciones alimentarias",
        ),
    ),
    "accessibility": (
        N_("Accessibility").id,
        ("accessibility", "accessibility needs", "mobility", "accessibilite", "mobilite", "accesibilidad", "movilidad"),
    ),
    "notes": (
        N_("Notes").id,
        ("notes", "note", "comments", "comment", "remarques", "commentaires", "notas", "comentarios"),
    ),
    "tags": (N_("Tags").id, ("tags", "tag", "labels", "category", "etiquettes", "categorie", "etiquetas", "categoria")),
    "plus_one": (
        N_("Plus-one").id,
        ("plus one", "plus-one", "+1", "plus 1", "guest allowed", "accompagnant", "acompanante"),
    ),
    "plus_one_name": (
        N_("Plus-one name").id,
        ("plus one name", "plus-one name", "+1 name", "nom de l'accompagnant", "nombre del acompanante"),
    ),
    "rsvp": (
        N_("RSVP (main event)").id,
        ("rsvp", "rsvp status", "response", "attending", "status", "reponse", "presence", "respuesta", "asistencia"),
    ),
    "meal": (N_("Meal (main event)").id, ("meal", "meal choice", "entree", "menu", "repas", "plat", "comida", "plato")),
    "events": (
        N_("Invited to (events)").id,
        ("events", "invited to", "evenements", "invite a", "eventos", "invitado a"),
    ),
}
MULTI_FIELDS = {"address", "notes", "tags", "dietary"}  # several columns may feed these (joined)
_RSVP_WORDS = ("rsvp", "response", "status", "attending", "reponse", "respuesta", "asistencia", "presence")
_MEAL_WORDS = ("meal", "menu", "entree", "repas", "plat", "comida", "plato")

_RSVP_VALUES = {
    "attending": (
        "attending",
        "yes",
        "y",
        "accepted",
        "accept",
        "coming",
        "will attend",
        "confirmed",
        "attend",
        "1",
        "true",
        "oui",
        "present",
        "presente",
        "confirme",
        "confirmee",
        "si",
        "asistira",
        "confirmado",
        "acepta",
    ),
    "declined": (
        "declined",
        "no",
        "n",
        "regrets",
        "decline",
        "not attending",
        "not coming",
        "0",
        "false",
        "non",
        "absent",
        "absente",
        "decline",
        "ne vient pas",
        "no asistira",
        "rechazado",
        "no viene",
    ),
    "pending": (
        "pending",
        "maybe",
        "invited",
        "no response",
        "awaiting",
        "unknown",
        "?",
        "en attente",
        "peut-etre",
        "pendiente",
        "quizas",
        "sin respuesta",
        "invite",
        "invitee",
        "invitado",
    ),
}
_NOT_INVITED = ("", "-", "n/a", "not invited", "non invite", "no invitado", "x")
_AGE_VALUES = {
    "adult": ("adult", "adults", "a", "adulte", "adulto", "adulta", "grown-up"),
    "child": ("child", "kid", "kids", "children", "c", "enfant", "nino", "nina", "ninos", "teen", "teenager", "ado"),
    "infant": ("infant", "baby", "toddler", "bebe", "nourrisson", "i"),
}
_LANGUAGE_VALUES = {
    "en": ("en", "english", "anglais", "ingles", "eng"),
    "fr": ("fr", "french", "francais", "frances", "fra"),
    "es": ("es", "spanish", "espagnol", "espanol", "castellano", "spa"),
}
_DIET_WORDS = {
    "vegetarian": ("vegetarian", "veggie", "vegetarien", "vegetarienne", "vegetariano", "vegetariana"),
    "vegan": ("vegan", "vegane", "vegetalien", "vegetalienne", "vegano", "vegana"),
    "pescatarian": ("pescatarian", "pescetarian", "pescetarien", "pescatariano", "pescetariano"),
    "gluten_free": (
        "gluten free",
        "gluten-free",
        "gluten",
        "no gluten",
        "coeliac",
        "celiac",
        "sans gluten",
        "sin gluten",
        "celiaco",
        "coeliaque",
    ),
    "lactose_free": (
        "lactose free",
        "lactose-free",
        "lactose",
        "dairy free",
        "dairy-free",
        "no dairy",
        "sans lactose",
        "sin lactosa",
        "lactosa",
    ),
    "nut_allergy": (
        "nut allergy",
        "nuts",
        "nut",
        "peanut",
        "peanuts",
        "peanut allergy",
        "tree nuts",
        "arachides",
        "noix",
        "fruits a coque",
        "cacahuetes",
        "frutos secos",
        "nueces",
        "mani",
    ),
    "shellfish_allergy": (
        "shellfish",
        "shellfish allergy",
        "crustaceans",
        "fruits de mer",
        "crustaces",
        "mariscos",
        "crustaceos",
    ),
    "fish_allergy": ("fish allergy", "no fish", "poisson", "allergie au poisson", "pescado", "alergia al pescado"),
    "egg_allergy": ("egg allergy", "eggs", "egg", "oeufs", "oeuf", "huevo", "huevos"),
    "soy_allergy": ("soy", "soy allergy", "soja", "soya"),
    "halal": ("halal",),
    "kosher": ("kosher", "casher", "cacher", "kasher"),
    "no_pork": ("no pork", "pork", "sans porc", "pas de porc", "sin cerdo", "cerdo"),
    "no_alcohol": ("no alcohol", "alcohol free", "sans alcool", "sin alcohol"),
}
_DIET_LOOKUP = {fold(w): code for code, words in _DIET_WORDS.items() for w in words} | {
    fold(label): code for code, label in DIETARY_LABELS.items()
}
_YES = ("yes", "y", "1", "true", "x", "oui", "si", "+1", "allowed")
_NO = ("no", "n", "0", "false", "none", "non", "ninguno", "aucun", "")


def _key(text: str) -> str:
    return re.sub(r"[\s_.:/()\-]+", " ", fold(text)).strip()


_HEADER_LOOKUP = {_key(s): f for f, (_, synonyms) in FIELDS.items() for s in synonyms} | {
    _key(label): f for f, (label, _) in FIELDS.items()
}


def guess_mapping(headers: Sequence[str], events: Sequence[WeddingEvent] = ()) -> list[str]:
    """A field key per column ("" = ignored), from header names in English, French or Spanish.

    "<event name> RSVP" and "<event name> meal" columns (our own export) map to that event.
    """
    used: set[str] = set()
    out = []
    event_keys = sorted(((_key(e.name), e) for e in events), key=lambda kv: -len(kv[0]))
    for header in headers:
        k = _key(header)
        guess = ""
        for ek, event in event_keys:
            if ek and k.startswith(ek + " ") or k == ek:
                rest = k[len(ek) :].strip()
                if any(w in rest for w in _MEAL_WORDS):
                    guess = f"meal:{event.id}"
                elif any(w in rest for w in _RSVP_WORDS) or not rest:
                    guess = f"rsvp:{event.id}"
                break
        if not guess:
            guess = _HEADER_LOOKUP.get(k, "")
        if not guess:  # "Guest first name", "Prénom de l'invité"...
            for synonym, f in sorted(_HEADER_LOOKUP.items(), key=lambda kv: -len(kv[0])):
                if len(synonym) > 3 and re.search(rf"\b{re.escape(synonym)}\b", k):
                    guess = f
                    break
        if guess in used and guess not in MULTI_FIELDS:
            guess = ""
        if guess:
            used.add(guess)
        out.append(guess)
    if "first_name" in used and "full_name" in used:
        out = ["" if g == "full_name" else g for g in out]
    return out


def field_choices(events: Sequence[WeddingEvent]) -> list[tuple[str, str, str]]:
    """(key, label msgid, event name or "") for the mapping selects; per-event RSVP and meal columns included."""
    choices = [(k, label, "") for k, (label, _) in FIELDS.items()]
    for e in events:
        choices.append((f"rsvp:{e.id}", N_("{event}: RSVP").id, e.name))
        choices.append((f"meal:{e.id}", N_("{event}: meal").id, e.name))
    return choices


# ---- validating rows -------------------------------------------------------------------------


@dataclass
class RowResult:
    number: int  # spreadsheet row number
    values: dict[str, Any]  # guest fields
    tags: list[str]
    household: str
    invitations: dict[uuid.UUID, tuple[str, uuid.UUID | None]]  # event -> (status, meal)
    errors: list[Msg] = field(default_factory=list)
    duplicate_of: str = ""  # existing guest id
    duplicate_label: Msg | None = None
    duplicate_row: int = 0  # an earlier row of the same file


@dataclass
class Context:
    wedding: Wedding
    events: list[WeddingEvent]
    meals: dict[uuid.UUID, dict[str, EventMealOption]]  # event -> folded name -> option
    region: str
    side_words: dict[str, str]
    default_events: list[uuid.UUID]


def _context(session: Session, wedding: Wedding, default_events: Sequence[str] | None) -> Context:
    events = _events(session, wedding)
    meals: dict[uuid.UUID, dict[str, EventMealOption]] = defaultdict(dict)
    for m in _meal_options(session, wedding):
        meals[m.event_id][fold(m.name)] = m
    side_words = {
        w: "a"
        for w in ("a", "partner a", "bride", "mariee", "novia", fold(wedding.partner_a), f"{fold(wedding.partner_a)}'s")
    }
    side_words |= {
        w: "b"
        for w in ("b", "partner b", "groom", "marie", "novio", fold(wedding.partner_b), f"{fold(wedding.partner_b)}'s")
    }
    side_words |= {
        w: "both" for w in ("both", "", "mutual", "shared", "les deux", "commun", "ambos", "comun", "both sides")
    }
    ids = {str(e.id): e.id for e in events}
    if default_events is None:
        chosen = [e.id for e in events if e.kind in ("ceremony", "reception")] or [e.id for e in events]
    else:
        if any(str(d) not in ids for d in default_events):
            raise NotFound()  # an event of another wedding
        chosen = [ids[str(d)] for d in default_events]
    return Context(wedding, events, meals, wedding_region(wedding), side_words, chosen)


def _check_mapping(mapping: Sequence[str], width: int, ctx: Context) -> None:
    if len(mapping) != width:
        raise TamperedInput()
    allowed = set(FIELDS) | {f"{p}:{e.id}" for e in ctx.events for p in ("rsvp", "meal")} | {""}
    if any(m not in allowed for m in mapping):
        if any(m.startswith(("rsvp:", "meal:")) and m not in allowed for m in mapping):
            raise NotFound()  # an event of another wedding
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    taken = [m for m in mapping if m and m not in MULTI_FIELDS]
    dupes = sorted({m for m in taken if taken.count(m) > 1})
    if dupes:
        errors["mapping"] = N_("Each field can come from one column only. Check the columns set to the same field.")
    if "first_name" not in mapping and "full_name" not in mapping:
        errors["mapping"] = N_("Choose the column that holds the first names (or full names).")
    if errors:
        raise ValidationError({**errors, "": errors["mapping"]})


def _split_full_name(text: str) -> tuple[str, str]:
    if "," in text:
        last, _, first = text.partition(",")
        return clean_text(first, 120), clean_text(last, 120)
    parts = text.split()
    if len(parts) == 1:
        return parts[0][:120], ""
    return " ".join(parts[:-1])[:120], parts[-1][:120]


def _strip_formula_guard(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@") else value


def _validate_row(number: int, cells: Mapping[str, list[str]], ctx: Context) -> RowResult:
    def one(key: str) -> str:
        values = cells.get(key)
        return _strip_formula_guard(values[0]) if values else ""

    errors: list[Msg] = []
    first, last = clean_text(one("first_name"), 120), clean_text(one("last_name"), 120)
    if not first and one("full_name"):
        first, full_last = _split_full_name(clean_text(one("full_name"), 240))
        last = last or full_last
    if not first:
        errors.append(N_("the first name is missing"))
    email = normalize_email(one("email"))
    if email is None:
        errors.append(N_("email {value} is not a valid address", value=clean_text(one("email"), 80)))
    phone = normalize_phone(one("phone"), ctx.region)
    if phone is None:
        errors.append(N_("phone {value} is not a valid number", value=clean_text(one("phone"), 40)))
    side = ctx.side_words.get(fold(one("side")))
    if side is None:
        errors.append(
            N_(
                "side {value} should be {a}, {b} or both",
                value=clean_text(one("side"), 40),
                a=ctx.wedding.partner_a,
                b=ctx.wedding.partner_b,
            )
        )
    age = _age_group(one("age_group"))
    if age is None:
        errors.append(N_("age group {value} should be adult, child or infant", value=clean_text(one("age_group"), 40)))
    raw_lang = fold(one("language"))
    language = next((code for code, words in _LANGUAGE_VALUES.items() if raw_lang in words), None) if raw_lang else ""
    if language is None:
        errors.append(
            N_("language {value} should be English, French or Spanish", value=clean_text(one("language"), 40))
        )
    dietary: list[str] = []
    notes: list[str] = []
    for text in cells.get("dietary", []):
        for part in re.split(r"[,;/|+]| and | et | y ", text):
            word = fold(part).strip(" .")
            if not word:
                continue
            code = _DIET_LOOKUP.get(word)
            if code and code not in dietary:
                dietary.append(code)
            elif not code:
                notes.append(clean_text(part, 200))
    plus_raw = clean_text(one("plus_one"), 200)
    plus_name = clean_text(one("plus_one_name"), 200)
    if fold(plus_raw) in ("named",) or (plus_name and fold(plus_raw) not in _NO):
        plus_one = "named" if plus_name else "unnamed"
    elif fold(plus_raw) in _YES or fold(plus_raw) == "unnamed":
        plus_one = "unnamed"
    elif fold(plus_raw) in _NO:
        plus_one = "none"
    else:  # a name typed in the plus-one column
        plus_one, plus_name = "named", plus_raw
    invitations = _invitations(cells, ctx, errors)
    values = {
        "first_name": first,
        "last_name": last,
        "email": email or "",
        "phone": phone or "",
        "address": clean_block("\n".join(v for v in cells.get("address", []) if v), 500),
        "side": side or "both",
        "age_group": age or "adult",
        "language": language or "",
        "dietary": [c for c in DIETARY_CODES if c in dietary],
        "dietary_notes": clean_text("; ".join(notes), 500),
        "accessibility": clean_text(one("accessibility"), 500),
        "notes": clean_block("\n".join(v for v in cells.get("notes", []) if v), 2000),
        "plus_one": plus_one,
        "plus_one_name": plus_name if plus_one == "named" else "",
    }
    tags = split_tags(",".join(cells.get("tags", [])))
    household = clean_text(one("household"), 200)
    return RowResult(number, values, tags, household, invitations, errors)


def _age_group(raw: str) -> str | None:
    word = fold(raw)
    if not word:
        return "adult"
    for code, words in _AGE_VALUES.items():
        if word in words:
            return code
    if word.isdigit():
        age = int(word)
        return "infant" if age < 2 else "child" if age < 13 else "adult"
    return None


def _status(raw: str) -> str | None:
    word = fold(raw).strip(" .!")
    for status, words in _RSVP_VALUES.items():
        if word in words:
            return status
    return None


def _invitations(
    cells: Mapping[str, list[str]], ctx: Context, errors: list[Msg]
) -> dict[uuid.UUID, tuple[str, uuid.UUID | None]]:
    by_id = {str(e.id): e for e in ctx.events}
    main = main_event(ctx.events)
    statuses: dict[uuid.UUID, str] = {}
    meals: dict[uuid.UUID, str] = {}
    per_event_columns = any(k.startswith("rsvp:") for k in cells)
    for key, values in cells.items():
        prefix, _, event_key = key.partition(":")
        if prefix == "rsvp" and event_key:
            event = by_id[event_key]
            raw = values[0] if values else ""
            if fold(raw) in _NOT_INVITED:
                continue
            status = _status(raw)
            if status is None:
                errors.append(
                    N_(
                        "RSVP {value} for {event} should be attending, declined or pending",
                        value=clean_text(raw, 40),
                        event=event.name,
                    )
                )
                continue
            statuses[event.id] = status
        elif prefix == "meal" and event_key and values and values[0]:
            meals[by_id[event_key].id] = values[0]
    if "events" in cells and (cells["events"] or [""])[0]:
        names = {fold(e.name): e for e in ctx.events}
        for part in re.split(r"[,;|+/]", cells["events"][0]):
            word = fold(part)
            if not word:
                continue
            event = names.get(word) or next((e for e in ctx.events if fold(e.kind) == word), None)
            if event is None:
                errors.append(N_("event {value} is not one of this wedding's events", value=clean_text(part, 60)))
                continue
            statuses.setdefault(event.id, "pending")
    elif not per_event_columns:
        for event_id in ctx.default_events:
            statuses.setdefault(event_id, "pending")
    if main is not None:
        raw = (cells.get("rsvp") or [""])[0]
        if raw:
            status = _status(raw)
            if status is None:
                errors.append(N_("RSVP {value} should be attending, declined or pending", value=clean_text(raw, 40)))
            else:
                statuses[main.id] = status
        if (cells.get("meal") or [""])[0]:
            meals.setdefault(main.id, cells["meal"][0])
            statuses.setdefault(main.id, "pending")
    out: dict[uuid.UUID, tuple[str, uuid.UUID | None]] = {}
    for event_id, status in statuses.items():
        meal_id = None
        if raw_meal := meals.get(event_id):
            option = ctx.meals.get(event_id, {}).get(fold(raw_meal))
            if option is None:
                event = next(e for e in ctx.events if e.id == event_id)
                errors.append(
                    N_("meal {value} is not on the {event} menu", value=clean_text(raw_meal, 60), event=event.name)
                )
            else:
                meal_id = option.id
        out[event_id] = (status, meal_id)
    for event_id in meals:
        if event_id not in statuses:
            event = next(e for e in ctx.events if e.id == event_id)
            errors.append(N_("a meal is chosen for {event} but the guest is not invited to it", event=event.name))
    return out


@dataclass
class Existing:
    ids: list[str]
    labels: list[str]
    names: list[str]  # folded, tokens sorted
    by_email: dict[str, int]
    by_phone: dict[str, int]
    blocks: dict[str, list[int]]  # first letter of the folded name -> indexes


def _name_key(first: str, last: str) -> str:
    return " ".join(sorted(fold(f"{first} {last}").split()))


def _existing(session: Session, wedding: Wedding) -> Existing:
    rows = session.exec(
        select(Guest.id, Guest.first_name, Guest.last_name, Guest.email, Guest.phone).where(
            Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id
        )
    ).all()
    ex = Existing([], [], [], {}, {}, defaultdict(list))
    for i, (gid, first, last, email, phone) in enumerate(rows):
        ex.ids.append(str(gid))
        ex.labels.append(f"{first} {last}".strip())
        key = _name_key(first, last)
        ex.names.append(key)
        for letter in {w[0] for w in key.split() if w}:
            ex.blocks[letter].append(i)
        if email:
            ex.by_email.setdefault(email, i)
        if phone:
            ex.by_phone.setdefault(phone, i)
    return ex


def _flag_duplicates(results: list[RowResult], ex: Existing) -> None:
    seen_email: dict[str, int] = {}
    seen_phone: dict[str, int] = {}
    seen_name: dict[str, int] = {}
    for r in results:
        if r.errors:
            continue
        v = r.values
        key = _name_key(v["first_name"], v["last_name"])
        hit = None
        if v["email"] and v["email"] in ex.by_email:
            hit = (ex.by_email[v["email"]], N_("same email as {name}", name=ex.labels[ex.by_email[v["email"]]]))
        elif v["phone"] and v["phone"] in ex.by_phone:
            hit = (ex.by_phone[v["phone"]], N_("same phone as {name}", name=ex.labels[ex.by_phone[v["phone"]]]))
        elif key:
            # Fuzzy: only against guests sharing a first letter of a name (typos rarely hit the first letter).
            candidates = sorted({i for w in key.split() for i in ex.blocks.get(w[0], ())})
            if candidates:
                best = process.extractOne(
                    key, [ex.names[i] for i in candidates], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, processor=None
                )
                if best is not None:
                    i = candidates[best[2]]
                    hit = (i, N_("name close to {name}", name=ex.labels[i]))
        if hit is not None:
            r.duplicate_of, r.duplicate_label = ex.ids[hit[0]], hit[1]
            continue
        earlier = (
            (v["email"] and seen_email.get(v["email"]))
            or (v["phone"] and seen_phone.get(v["phone"]))
            or (key and seen_name.get(key + "|" + r.household.casefold()))
        )
        if earlier:
            r.duplicate_row, r.duplicate_label = earlier, N_("same guest as row {row}", row=earlier)
            continue
        if v["email"]:
            seen_email[v["email"]] = r.number
        if v["phone"]:
            seen_phone[v["phone"]] = r.number
        if key:
            seen_name[key + "|" + r.household.casefold()] = r.number


def _validate(
    session: Session, wedding: Wedding, table: RawTable, mapping: Sequence[str], ctx: Context
) -> list[RowResult]:
    _check_mapping(mapping, len(table.headers), ctx)
    columns: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(mapping):
        if key:
            columns[key].append(i)
    key = (
        tuple(mapping),
        ctx.region,
        tuple(sorted(ctx.side_words.items())),
        tuple(ctx.default_events),
        tuple((e.id, e.name, e.kind) for e in ctx.events),
        tuple(sorted((m.id, name) for options in ctx.meals.values() for name, m in options.items())),
    )
    if table.checked is not None and table.checked[0] == key:
        results = [replace(r, duplicate_of="", duplicate_label=None, duplicate_row=0) for r in table.checked[1]]
    else:
        results = []
        for offset, row in enumerate(table.rows):
            cells = {k: [row[i] for i in idx] for k, idx in columns.items()}
            results.append(_validate_row(table.numbers[offset], cells, ctx))
        table.checked = (key, [replace(r) for r in results])
    _flag_duplicates(results, _existing(session, wedding))
    return results


# ---- preview and commit -------------------------------------------------------------------


@dataclass
class PreviewRow:
    number: int
    name: str
    email: str
    phone: str
    household: str
    events: str
    errors: list[Msg]
    duplicate: Msg | None
    duplicate_kind: str  # "" | "existing" | "file"


@dataclass
class ImportPreview:
    filename: str
    headers: list[str]
    samples: list[str]  # first non-empty value of each column, to help mapping
    mapping: list[str]
    choices: list[tuple[str, str, str]]
    events: list[tuple[str, str]]  # (id, name) for "invite everyone to"
    default_events: list[str]
    total: int
    valid: int
    invalid: int
    duplicates: int
    rows: list[PreviewRow]  # problems first (errors, then duplicates), then the first valid rows
    decisions: dict[int, str]  # row number -> "skip" | "merge" | "add" for duplicate rows


def _preview_row(r: RowResult, event_names: dict[uuid.UUID, str]) -> PreviewRow:
    v = r.values
    return PreviewRow(
        r.number,
        f"{v['first_name']} {v['last_name']}".strip(),
        v["email"],
        v["phone"],
        r.household,
        ", ".join(event_names[e] for e in r.invitations),
        r.errors,
        r.duplicate_label,
        "existing" if r.duplicate_of else "file" if r.duplicate_row else "",
    )


def preview_import(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    table: RawTable,
    mapping: Sequence[str] | None = None,
    *,
    default_events: Sequence[str] | None = None,
    decisions: Mapping[int, str] | None = None,
) -> ImportPreview:
    """Validate every row with the given (or guessed) mapping; nothing is written."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    ctx = _context(session, wedding, default_events)
    mapping = list(mapping) if mapping is not None else guess_mapping(table.headers, ctx.events)
    results = _validate(session, wedding, table, mapping, ctx)
    names = {e.id: e.name for e in ctx.events}
    problems = [r for r in results if r.errors]
    dupes = [r for r in results if not r.errors and r.duplicate_label]
    fine = [r for r in results if not r.errors and not r.duplicate_label]
    shown = (problems + dupes + fine)[:PREVIEW_ROWS]
    shown.sort(key=lambda r: (not r.errors, not r.duplicate_label, r.number))
    samples = []
    for i in range(len(table.headers)):
        samples.append(next((row[i] for row in table.rows[:50] if row[i]), "")[:60])
    current = dict(decisions or {})
    return ImportPreview(
        filename=table.filename,
        headers=table.headers,
        samples=samples,
        mapping=mapping,
        choices=field_choices(ctx.events),
        events=[(str(e.id), e.name) for e in ctx.events],
        default_events=[str(e) for e in ctx.default_events],
        total=len(results),
        valid=len(results) - len(problems),
        invalid=len(problems),
        duplicates=len(dupes),
        rows=[_preview_row(r, names) for r in shown],
        decisions={r.number: _decision(current.get(r.number), r) for r in dupes},
    )


def _decision(value: str | None, r: RowResult) -> str:
    allowed = ("skip", "merge", "add") if r.duplicate_of else ("skip", "add")
    if value is None:
        return "skip"
    if value not in allowed:
        raise TamperedInput()
    return value


@dataclass
class ImportResult:
    created: int
    merged: int
    skipped: int
    invalid: int
    households: int


def commit_import(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    table: RawTable,
    mapping: Sequence[str],
    *,
    default_events: Sequence[str] | None = None,
    decisions: Mapping[int, str] | None = None,
) -> ImportResult:
    """Write every valid row in the caller's one transaction: all of them, or (on any failure) none."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    ctx = _context(session, wedding, default_events)
    results = _validate(session, wedding, table, mapping, ctx)
    decisions = dict(decisions or {})
    if any(not isinstance(k, int) for k in decisions):
        raise TamperedInput()
    t, wid, now = wedding.tenant_id, wedding.id, utcnow()
    households = {
        fold(name): hid
        for hid, name in session.exec(
            select(Household.id, Household.name).where(Household.wedding_id == wid, Household.tenant_id == t)
        ).all()
    }
    known_tags = {n.casefold(): n for n in _tag_names(session, wedding)}
    new_households: list[dict[str, Any]] = []
    guests: list[dict[str, Any]] = []
    invitations: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    merges: list[RowResult] = []
    skipped = invalid = 0
    for r in results:
        if r.errors:
            invalid += 1
            continue
        if r.duplicate_label is not None:
            choice = _decision(decisions.get(r.number), r)
            if choice == "skip":
                skipped += 1
                continue
            if choice == "merge":
                merges.append(r)
                continue
        v = r.values
        hh_name = r.household or f"{v['first_name']} {v['last_name']}".strip()
        hh_key = fold(r.household) if r.household else f"\x00{r.number}"  # no household column: one each
        hid = households.get(hh_key)
        if hid is None:
            hid = uuid.uuid4()
            households[hh_key] = hid
            new_households.append({"id": hid, "tenant_id": t, "wedding_id": wid, "name": hh_name, "created_at": now})
        gid = uuid.uuid4()
        guests.append(
            {
                "id": gid,
                "tenant_id": t,
                "wedding_id": wid,
                "household_id": hid,
                "invited_at": now,
                "created_at": now,
                **v,
            }
        )
        for event_id, (status, meal_id) in r.invitations.items():
            invitations.append(_invitation_row(t, wid, gid, event_id, status, meal_id, now))
        names = [known_tags.setdefault(tag.casefold(), tag) for tag in r.tags]
        tags.extend({"id": uuid.uuid4(), "tenant_id": t, "wedding_id": wid, "guest_id": gid, "name": n} for n in names)
        snapshot = {**v, "household_id": str(hid), "tags": sorted(names)}
        audits.append(_audit_row(principal, t, "guest.import", gid, None, snapshot, now))
    merged = _merge(session, principal, wedding, merges, known_tags, now)
    for model, rows in (
        (Household, new_households),
        (Guest, guests),
        (GuestEventInvitation, invitations),
        (GuestTag, tags),
        (AuditEvent, audits),
    ):
        _bulk_insert(session, model.__table__, rows)
    if len(guests) >= ANALYZE_AFTER and session.get_bind().dialect.name == "postgresql":
        # Fresh planner statistics: right after a big import the list's filters would otherwise
        # get nested-loop plans built for "one row" until autovacuum notices (about a minute).
        session.execute(sa.text("ANALYZE household, guest, guesttag, guesteventinvitation"))
    audit.record(
        session,
        principal,
        "guest.import.batch",
        tenant_id=t,
        obj=wedding,
        after={
            "file": table.filename,
            "created": len(guests),
            "merged": merged,
            "skipped": skipped,
            "invalid": invalid,
        },
    )
    return ImportResult(len(guests), merged, skipped, invalid, len(new_households))


def _bulk_insert(session: Session, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Many rows at once in the session's transaction: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(table.insert(), rows)
        return
    from psycopg.types.json import Json

    columns = list(rows[0])
    json_columns = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([Json(row[c]) if c in json_columns and row[c] is not None else row[c] for c in columns])


def _invitation_row(t, wid, gid, event_id, status, meal_id, now) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "tenant_id": t,
        "wedding_id": wid,
        "guest_id": gid,
        "event_id": event_id,
        "rsvp_status": status,
        "meal_option_id": meal_id,
        "plus_one_attending": False,
        "plus_one_meal_option_id": None,
        "responded_at": None if status == "pending" else now,
        "created_at": now,
    }


def _audit_row(principal: Principal, tenant_id, action: str, guest_id, before, after, now) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "tenant_id": tenant_id,
        "actor_user_id": principal.user_id,
        "action": action,
        "object_type": "guest",
        "object_id": str(guest_id),
        "before": before,
        "after": after,
        "ip": "",
        "created_at": now,
    }


def _merge(
    session: Session, principal: Principal, wedding: Wedding, rows: list[RowResult], known_tags: dict[str, str], now
) -> int:
    """Fill the existing guest's empty fields from the row, add its tags and invitations; nothing is erased."""
    if not rows:
        return 0
    ids = [uuid.UUID(r.duplicate_of) for r in rows]
    guests = {
        g.id: g for g in session.exec(select(Guest).where(Guest.id.in_(ids), Guest.wedding_id == wedding.id)).all()
    }
    have_tags: dict[uuid.UUID, set[str]] = defaultdict(set)
    for gid, name in session.exec(select(GuestTag.guest_id, GuestTag.name).where(GuestTag.guest_id.in_(ids))).all():
        have_tags[gid].add(name)
    have_inv: dict[uuid.UUID, dict[uuid.UUID, GuestEventInvitation]] = defaultdict(dict)
    for inv in session.exec(select(GuestEventInvitation).where(GuestEventInvitation.guest_id.in_(ids))).all():
        have_inv[inv.guest_id][inv.event_id] = inv
    merged = 0
    for r in rows:
        g = guests[uuid.UUID(r.duplicate_of)]
        before = guest_snapshot(g, sorted(have_tags[g.id]))
        for key, value in r.values.items():
            if key in ("first_name", "last_name"):
                continue
            current = getattr(g, key)
            if key == "dietary":
                setattr(g, key, [c for c in DIETARY_CODES if c in set(current or []) | set(value)])
            elif key in ("side", "age_group", "plus_one"):
                if value != {"side": "both", "age_group": "adult", "plus_one": "none"}[key]:
                    setattr(g, key, value)
            elif value and not current:
                setattr(g, key, value)
        for tag in r.tags:
            name = known_tags.setdefault(tag.casefold(), tag)
            if name not in have_tags[g.id]:
                have_tags[g.id].add(name)
                session.add(GuestTag(tenant_id=wedding.tenant_id, wedding_id=wedding.id, guest_id=g.id, name=name))
        for event_id, (status, meal_id) in r.invitations.items():
            inv = have_inv[g.id].get(event_id)
            if inv is None:
                session.add(
                    GuestEventInvitation(
                        **_invitation_row(wedding.tenant_id, wedding.id, g.id, event_id, status, meal_id, now)
                    )
                )
            elif status != "pending" or meal_id:
                if status != "pending":
                    inv.rsvp_status, inv.responded_at = status, now
                inv.meal_option_id = meal_id or inv.meal_option_id
        g.updated_at = now
        audit.record(
            session,
            principal,
            "guest.merge",
            tenant_id=wedding.tenant_id,
            obj=g,
            before=before,
            after=guest_snapshot(g, sorted(have_tags[g.id])),
        )
        merged += 1
    session.flush()
    return merged


# ---- export -------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("address", "Address"),
    ("household", "Household"),
    ("side", "Side"),
    ("age_group", "Age group"),
    ("language", "Language"),
    ("dietary", "Dietary restrictions"),
    ("accessibility", "Accessibility"),
    ("notes", "Notes"),
    ("tags", "Tags"),
    ("plus_one", "Plus-one"),
    ("plus_one_name", "Plus-one name"),
)


_PLAIN_NUMBER = re.compile(r"[+-]?[\d ().-]+")


def _guard(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: keep them text."""
    if value[:1] not in ("=", "+", "-", "@", "\t", "\r") or _PLAIN_NUMBER.fullmatch(value):
        return value  # phone numbers like +33 6 12 34 56 78 stay as they are
    return "'" + value


def export_rows(session: Session, principal: Principal, wedding_id: Any) -> tuple[str, list[str], list[list[str]]]:
    """(file stem, headers, rows) of the whole guest list, in the columns the import reads back."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    events = _events(session, wedding)
    meals = {m.id: m.name for m in _meal_options(session, wedding)}
    rows = session.exec(
        select(Guest, Household.name)
        .join(Household, Household.id == Guest.household_id)
        .where(Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
        .order_by(
            sa.func.lower(Household.name), sa.func.lower(Guest.last_name), sa.func.lower(Guest.first_name), Guest.id
        )
    ).all()
    tags: dict[uuid.UUID, list[str]] = defaultdict(list)
    for gid, name in session.exec(
        select(GuestTag.guest_id, GuestTag.name).where(GuestTag.wedding_id == wedding.id)
    ).all():
        tags[gid].append(name)
    invs: dict[uuid.UUID, dict[uuid.UUID, GuestEventInvitation]] = defaultdict(dict)
    for inv in session.exec(select(GuestEventInvitation).where(GuestEventInvitation.wedding_id == wedding.id)).all():
        invs[inv.guest_id][inv.event_id] = inv
    headers = [h for _, h in EXPORT_COLUMNS]
    for e in events:
        headers += [f"{e.name} RSVP", f"{e.name} meal"]
    sides = {"a": wedding.partner_a, "b": wedding.partner_b, "both": "Both"}
    out = []
    for g, hh in rows:
        values = {
            "household": hh,
            "side": sides.get(g.side, g.side),
            "dietary": ", ".join(
                [DIETARY_LABELS[c] for c in g.dietary or [] if c in DIETARY_LABELS]
                + ([g.dietary_notes] if g.dietary_notes else [])
            ),
            "tags": ", ".join(sorted(tags.get(g.id, []), key=str.casefold)),
        }
        line = [str(values[k]) if k in values else str(getattr(g, k) or "") for k, _ in EXPORT_COLUMNS]
        for e in events:
            inv = invs[g.id].get(e.id)
            line += [
                inv.rsvp_status if inv else "",
                meals.get(inv.meal_option_id, "") if inv and inv.meal_option_id else "",
            ]
        out.append(line)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", fold(f"guests {wedding.partner_a} {wedding.partner_b}")).strip("-") or "guests"
    return stem, headers, out


def to_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows([[_guard(c) for c in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8 correctly


def to_xlsx(headers: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Guests")
    sheet.append(headers)
    for row in rows:
        sheet.append([("'" + c) if c.startswith("=") else c for c in row])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def export_guests(session: Session, principal: Principal, wedding_id: Any, fmt: str) -> tuple[str, bytes, str]:
    """(file name, content, media type) of the guest list as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise TamperedInput()
    stem, headers, rows = export_rows(session, principal, wedding_id)
    if fmt == "csv":
        return f"{stem}.csv", to_csv(headers, rows), "text/csv; charset=utf-8"
    return (
        f"{stem}.xlsx",
        to_xlsx(headers, rows),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
