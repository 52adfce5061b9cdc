"""Message extraction: source keywords (N_, gettext, ngettext, T) plus every msgid the pages use.

`attitudes i18n-extract` rewrites services/locales/messages.pot and merges it into each
language's messages.po; translators then fill the empty msgstr entries.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from services import i18n
from services.config import ROOT

KEYWORDS = {"T": None, "N_": None, "gettext": (2,), "ngettext": (2, 3)}
SOURCE_DIRS = ("attitudes_app", "components", "state", "services", "models")


def page_msgids() -> set[str]:
    """Build every page once (as the compiler does) and return the msgids passed to T()."""
    from attitudes_app.attitudes_app import app
    from components.i18n import USED_MSGIDS

    for page in app._unevaluated_pages.values():
        page.component()
    return set(USED_MSGIDS)


def source_messages() -> dict[str | tuple[str, str], None]:
    found: dict[str | tuple[str, str], None] = {}
    for folder in SOURCE_DIRS:
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
        ):
            found[message] = None
    return found


def build_template() -> Catalog:
    template = Catalog(project="Attitudes.vip", fuzzy=False)
    for message in source_messages():
        if isinstance(message, tuple):
            template.add(message, None)
        elif message:
            template.add(message)
    for msgid in page_msgids():
        if msgid and msgid not in template:
            template.add(msgid)
    return template


def extract() -> dict[str, int]:
    """Write the .pot and merge it into every catalog; returns untranslated counts per language."""
    template = build_template()
    pot = i18n.LOCALES_DIR / "messages.pot"
    with pot.open("wb") as fh:
        write_po(fh, template, omit_header=True, sort_output=True, no_location=True)
    missing: dict[str, int] = {}
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT_LANGUAGE:
            continue
        path = i18n.po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Attitudes.vip")
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, sort_output=True, no_location=True, ignore_obsolete=True)
        missing[lang] = len(untranslated(catalog))
    return missing


def untranslated(catalog: Catalog) -> list[str]:
    """Msgids with no translation (or a fuzzy one) in a catalog."""

    def done(m) -> bool:
        strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
        return bool(strings) and all(strings) and not m.fuzzy

    return [m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and not done(m)]
