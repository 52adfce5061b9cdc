"""French and Spanish are complete: every message the code and the pages use is translated."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from attitudes_app.i18n_tools import build_template, untranslated
from services import i18n

LANGS = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE]


@pytest.fixture(scope="module")
def pot():
    return build_template()


def _catalog(lang: str):
    with i18n.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def test_the_pages_and_services_have_messages_to_translate(pot):
    ids = {m.id for m in pot if m.id}
    assert "Dashboard" in ids  # from a page (T)
    assert "This page does not exist or you do not have access to it." in ids  # from a service (N_)
    assert ("{n} day to go", "{n} days to go") in ids  # a plural (ngettext)


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(pot, lang):
    catalog = _catalog(lang)
    missing = [m.id for m in pot if m.id and m.id not in catalog]
    assert not missing, f"{lang}: run `attitudes i18n-extract` and translate: {missing}"
    assert not untranslated(catalog), f"{lang}: empty or fuzzy translations: {untranslated(catalog)}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang):
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{\w+\}", ids[-1]))
        for text in strings:
            assert set(re.findall(r"\{\w+\}", text)) == wanted, f"{lang}: {ids[0]!r} -> {text!r}"


def test_the_interface_switches_language():
    assert i18n.gettext("fr", "Log in") != "Log in"
    assert i18n.gettext("es", "Log in") != "Log in"
    assert i18n.ngettext("fr", "{n} day to go", "{n} days to go", 3).endswith("3 jours")
