"""Live counts: while a dashboard, guest or check-in page is open, reload its numbers when they change.

A background task per open page polls services.checkin.change_marker (a few indexed aggregates of
the wedding's answers and check-ins) every POLL_SECONDS and, only when the marker moved, sends the
page's own reload events to the browser. Each round re-resolves the session and re-checks access
to the wedding (change_marker goes through load_wedding), so a logged-out or removed member stops
receiving numbers. The state lock is held only to read or bump the generation counter: never while
querying. The loop ends when the page unmounts (stop bumps the generation), when another watch
starts in the same tab, when the browser disconnects, or after MAX_SECONDS.
"""

from __future__ import annotations

import asyncio
import time

import reflex as rx
import structlog

from services.auth import principal_from_token
from services.checkin import change_marker
from services.errors import DomainError
from state.base import authenticated, call, current_principal, public, route_param, session_token
from state.checkin import ArrivalsState, CheckinState
from state.dashboard import DashboardState
from state.guests import GuestsState

POLL_SECONDS = 2.0
MAX_SECONDS = 6 * 3600  # a wedding day; a page left open longer reloads by itself on the next visit
CONNECTION_CHECK_EVERY = 15  # rounds (30 s)
log = structlog.get_logger("attitudes.live")

# The events that reload each page's numbers (each one an @authenticated handler of that page).
REFRESH = {
    "dashboard": (DashboardState.load, ArrivalsState.load),
    "guests": (GuestsState.refresh_counts,),
    "checkin": (CheckinState.refresh_live,),
}


async def _client_connected(token: str) -> bool:
    """Whether the browser tab behind `token` still has a socket (Reflex's token manager; True if unknown)."""
    try:
        from reflex.utils.prerequisites import get_and_validate_app

        app = get_and_validate_app().app
        return await app.event_namespace._token_manager.is_token_connected(token)
    except Exception:  # noqa: BLE001 - an internal API: never stop a live page because of it
        return True


class LiveState(rx.State):
    live: bool = False  # shown as a small "Live" badge
    _generation: int = 0

    @public("Runs when a live page unmounts, also right after log-out; only stops this tab's own loop.")
    async def stop(self):
        self._generation += 1
        self.live = False

    @rx.event(background=True)
    @authenticated
    async def watch(self, page: str):
        if page not in REFRESH:
            return
        async with self:
            self._generation += 1
            generation = self._generation
            wedding_id = route_param(self, "wedding_id")
            token = self.router.session.client_token
            cookie_token = session_token(self)
            self.live = True
        principal = current_principal()
        started, last, rounds = time.monotonic(), None, 0
        while time.monotonic() - started < MAX_SECONDS:
            try:
                marker = await call(change_marker, principal, wedding_id)
            except DomainError:
                break  # no longer a member, or the wedding is gone
            if last is not None and marker != last:
                yield list(REFRESH[page])
            last = marker
            await asyncio.sleep(POLL_SECONDS)
            async with self:
                if self._generation != generation:
                    return  # the page was left, or a newer watch took over
            rounds += 1
            principal = await asyncio.to_thread(principal_from_token, cookie_token)
            if principal is None:
                break  # logged out or expired
            if rounds % CONNECTION_CHECK_EVERY == 0 and not await _client_connected(token):
                log.info("live.disconnected", page=page)
                return
        async with self:
            if self._generation == generation:
                self.live = False
