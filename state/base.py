"""What every State handler shares: the session principal, the guard markers, service calls.

Every public method of a State class can be called from any browser. Each one is marked
either @authenticated (resolves the principal from the server-side session before it runs)
or @public("why") (an explicit, reviewed allow-list). tests/unit/test_handler_guards.py
fails on any handler that is neither.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
from collections.abc import Callable
from datetime import date, datetime
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import reflex as rx
import structlog

from models.base import utcnow
from services import audit, i18n
from services.auth import principal_from_token
from services.authz import Principal
from services.db import transaction
from services.errors import DomainError, NotFound, RateLimited, TamperedInput, ValidationError

SESSION_COOKIE = "attitudes_session"
GUARD_ATTR = "__attitudes_access__"
log = structlog.get_logger("attitudes.state")
_principal: contextvars.ContextVar[Principal] = contextvars.ContextVar("principal")
F = TypeVar("F", bound=Callable[..., Any])


def session_token(state: rx.State) -> str | None:
    """The session cookie from the WebSocket handshake (HttpOnly: JavaScript never sees it)."""
    raw = state.router.headers.cookie or ""
    try:
        jar = SimpleCookie(raw)
    except CookieError:
        return None
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel else None


def route_param(state: rx.State, name: str) -> str:
    """A dynamic route argument of the current page ([wedding_id], [token]), or a query parameter."""
    value = None
    if name in ("wedding_id", "token"):
        # Reflex exposes route arguments as vars of the root state; no State of ours may define a
        # var of the same name (tests/unit/test_handler_guards.py checks), or it would be read instead.
        value = getattr(state, name, None)
    if not value:
        value = state.router.url.query_parameters.get(name, "")
    return str(value or "")


def client_ip(state: rx.State) -> str:
    return state.router.session.client_ip or ""


def user_agent(state: rx.State) -> str:
    return state.router.headers.user_agent or ""


def current_principal() -> Principal:
    """The principal of the running @authenticated handler."""
    return _principal.get()


def public(reason: str) -> Callable[[F], F]:
    """Mark a handler callable without a session. `reason` says why that is safe."""
    if not reason:
        raise ValueError("a public handler needs a reason")

    def mark(fn: F) -> F:
        setattr(fn, GUARD_ATTR, ("public", reason))
        return fn

    return mark


def authenticated(fn: F) -> F:
    """Run the handler only for a live session; otherwise send the browser to the log-in page."""

    async def _resolve(self: rx.State) -> Principal | None:
        principal = await asyncio.to_thread(principal_from_token, session_token(self))
        if principal is not None:
            _principal.set(principal)
        return principal

    def _to_login(self: rx.State):
        return rx.redirect(f"/login?next={quote(self.router.url.path or '/weddings', safe='/')}")

    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def agen_wrapper(self, *args, **kwargs):
            if await _resolve(self) is None:
                yield _to_login(self)
                return
            async for item in fn(self, *args, **kwargs):
                yield item

        wrapper = agen_wrapper
    else:

        @functools.wraps(fn)
        async def coro_wrapper(self, *args, **kwargs):
            if await _resolve(self) is None:
                return _to_login(self)
            result = fn(self, *args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
            return result

        wrapper = coro_wrapper
    setattr(wrapper, GUARD_ATTR, ("authenticated", ""))
    return wrapper  # type: ignore[return-value]


async def call(service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one service function in one transaction, off the event loop."""

    def work():
        with transaction() as session:
            return service(session, *args, **kwargs)

    return await asyncio.to_thread(work)


async def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a blocking function (one that opens its own transaction) off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def explain(
    exc: DomainError, lang: str, *, where: str, principal: Principal | None = None
) -> tuple[dict[str, str], str]:
    """Field errors and a general message, translated for the viewer. Logs refused requests."""
    if isinstance(exc, TamperedInput | NotFound):
        # Wrong ids and forged fields are worth a trace: a normal form cannot produce them.
        audit.security_event("security.refused", principal, where=where, error=type(exc).__name__)
    if isinstance(exc, ValidationError):
        fields = {k: i18n.render(lang, m) for k, m in exc.field_errors.items() if k}
        general = i18n.render(lang, exc.field_errors[""]) if "" in exc.field_errors else ""
        return fields, general
    if isinstance(exc, RateLimited):
        log.info("rate_limited", where=where)
    return {}, i18n.render(lang, exc.message)


def wedding_today(tz: str) -> date:
    return datetime.now(ZoneInfo(tz)).date()


def today_utc() -> date:
    return utcnow().date()
