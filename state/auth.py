"""Sign-up, log-in, password reset. Credentials are checked here; the cookie is set by the API."""

from __future__ import annotations

import json
from urllib.parse import quote

import reflex as rx

from services import auth
from services.config import get_settings
from services.errors import DomainError
from state.base import client_ip, explain, public, route_param, run
from state.i18n import LangState


def _safe_next(raw: str) -> str:
    """Only same-site paths: an open redirect would let phishing pages borrow our log-in."""
    return raw if raw.startswith("/") and not raw.startswith("//") and "\\" not in raw else "/weddings"


def go_to_session(ticket: str, next_path: str) -> rx.event.EventSpec:
    """A full page load through the API route that swaps the ticket for an HttpOnly cookie."""
    url = f"{get_settings().api_url}/api/auth/session?ticket={quote(ticket)}&next={quote(_safe_next(next_path))}"
    return rx.call_script(f"window.location.assign({json.dumps(url)})")


class LoginState(rx.State):
    errors: dict[str, str] = {}
    form_error: str = ""
    busy: bool = False

    @public("Log-in: rate limited per IP and per account in services.auth.login.")
    async def submit(self, form_data: dict):
        lang = (await self.get_state(LangState)).active_lang
        self.busy, self.errors, self.form_error = True, {}, ""
        yield
        try:
            ticket = await run(auth.login, form_data, ip=client_ip(self))
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="login")
            self.busy = False
            return
        yield go_to_session(ticket, (route_param(self, "next") or "/weddings"))

    @public("Resets the form's own error display; touches no data.")
    def clear(self):
        self.errors, self.form_error, self.busy = {}, "", False


class SignupState(rx.State):
    errors: dict[str, str] = {}
    form_error: str = ""
    busy: bool = False

    @public("Sign-up creates a new account and tenant; rate limited per IP in services.auth.signup.")
    async def submit(self, form_data: dict):
        lang = (await self.get_state(LangState)).active_lang
        self.busy, self.errors, self.form_error = True, {}, ""
        yield
        invite = route_param(self, "invite")
        try:
            ticket = await run(auth.signup, form_data, ip=client_ip(self), lang=lang, invite_token=invite)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="signup")
            self.busy = False
            return
        if invite:
            yield go_to_session(ticket, "/weddings")
        else:  # a vendor business starts on its profile, couples and agencies on their first wedding
            yield go_to_session(ticket, "/vendor" if form_data.get("tenant_kind") == "vendor" else "/onboarding")

    @public("Resets the form's own error display; touches no data.")
    def clear(self):
        self.errors, self.form_error, self.busy = {}, "", False


class ForgotState(rx.State):
    errors: dict[str, str] = {}
    form_error: str = ""
    sent: bool = False

    @public("Password reset request: same answer for known and unknown emails, rate limited.")
    async def submit(self, form_data: dict):
        lang = (await self.get_state(LangState)).active_lang
        self.errors, self.form_error = {}, ""
        try:
            await run(auth.request_password_reset, form_data, ip=client_ip(self), lang=lang)
            self.sent = True
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="forgot")


class ResetState(rx.State):
    errors: dict[str, str] = {}
    form_error: str = ""

    @public("The reset token in the URL is the credential; it is single use and expires in an hour.")
    async def submit(self, form_data: dict):
        lang = (await self.get_state(LangState)).active_lang
        self.errors, self.form_error = {}, ""
        token = route_param(self, "token")
        try:
            ticket = await run(auth.reset_password, token, form_data, ip=client_ip(self))
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="reset")
            return
        yield go_to_session(ticket, "/weddings")
