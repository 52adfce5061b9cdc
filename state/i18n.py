"""The interface language: a cookie for visitors, the user's saved preference once logged in."""

from __future__ import annotations

import json

import reflex as rx

from services import i18n
from services.auth import principal_from_token, set_language
from state.base import public, run, session_token


class LangState(rx.State):
    lang: str = rx.Cookie("", name="attitudes_lang", max_age=365 * 24 * 3600, same_site="lax")

    @public("Choosing the interface language needs no account; it only changes this browser's cookie.")
    async def detect(self):
        """On first visit, follow the browser's Accept-Language; a logged-in user's choice wins."""
        principal = await run(principal_from_token, session_token(self))
        if principal is not None:
            self.lang = i18n.normalize_language(principal.locale)
        elif not self.lang:
            self.lang = i18n.best_language(self.router.headers.accept_language or "")
        # Screen readers and the browser's spell checker follow <html lang>.
        return rx.call_script(f"document.documentElement.lang = {json.dumps(self.active_lang)}")

    @public("Visitors may switch language; a logged-in user's preference is saved for their account only.")
    async def switch(self, lang: str):
        self.lang = i18n.normalize_language(lang)
        principal = await run(principal_from_token, session_token(self))
        if principal is not None:
            await run(set_language, principal, self.lang)
        yield
        # Server-formatted dates, numbers and money come back in the new language on reload.
        yield rx.call_script("window.location.reload()")

    @rx.var
    def active_lang(self) -> str:
        return self.lang or i18n.DEFAULT_LANGUAGE


async def viewer_lang(state: rx.State) -> str:
    """The language the current viewer reads the page in."""
    return (await state.get_state(LangState)).active_lang
