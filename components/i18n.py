"""T(): a message id rendered in the viewer's language, switching live in the browser.

Every catalog is compiled into the page once; no round trip is needed to change language.
"""

from __future__ import annotations

import reflex as rx

from services import i18n
from state.i18n import LangState

# Every msgid the UI asked for while the pages were built: the catalog check and extraction read it.
USED_MSGIDS: set[str] = set()
_CATALOGS = {lang: i18n.ui_catalog(lang) for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE}


def T(msgid: str) -> rx.Var:
    USED_MSGIDS.add(msgid)
    translations = {lang: catalog.get(msgid, msgid) for lang, catalog in _CATALOGS.items()}
    return rx.match(LangState.active_lang, *translations.items(), msgid)
