"""The day-of timeline page (schedule, share links, calendar subscription) and the public share page."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from services import calendar, i18n, timeline
from services.config import get_settings
from services.db import transaction
from services.errors import N_, DomainError, Msg, TamperedInput
from state.base import authenticated, call, current_principal, explain, public, route_param, run
from state.confirm import DeleteConfirmMixin
from state.i18n import viewer_lang

EMPTY_ITEM = {
    "event_id": "",
    "day": "",
    "start": "",
    "duration": "30",
    "title": "",
    "location": "",
    "people": "",
    "vendors": "",
    "notes": "",
    "timezone": "",
}


def _flatten(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for group in groups:
        rows.append(
            {
                "kind": "event",
                "id": "event-" + (group["id"] or "other"),
                "event_id": group["id"],
                "title": group["name"],
                "day": group["day"],
                "time": group["time"],
                "location": group["location"],
                "empty": not group["items"],
            }
        )
        rows.extend({"kind": "item", **item} for item in group["items"])
    return rows


class TimelineState(DeleteConfirmMixin, rx.State):
    delete_row_kind: ClassVar[str] = "item"
    delete_done: ClassVar[Msg] = N_("The item is removed from the timeline.")
    delete_where: ClassVar[str] = "timeline.delete"

    loaded: bool = False
    not_found: bool = False
    can_edit: bool = False
    rows: list[dict[str, Any]] = []
    events: list[dict[str, str]] = []
    count: int = 0
    overlaps: int = 0
    timezone: str = ""
    wedding_date: str = ""
    api_base: str = ""
    message: str = ""
    # item dialog
    form_open: bool = False
    editing_id: str = ""
    editing_version: int = 0
    values: dict[str, str] = EMPTY_ITEM
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0
    # share links and the calendar feed
    links: list[dict[str, str]] = []
    new_link: str = ""
    link_errors: dict[str, str] = {}
    link_key: int = 0
    revoke_id: str = ""
    sub: dict[str, Any] = {}
    feed_url: str = ""

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _delete_object(self, principal, object_id: str) -> None:
        await call(timeline.delete_item, principal, self._wedding_id(), object_id)

    async def _refresh(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        data = await call(timeline.timeline_page, principal, self._wedding_id(), lang=lang)
        self.rows = _flatten(data["groups"])
        self.events, self.count, self.overlaps = data["events"], data["count"], data["overlaps"]
        self.can_edit, self.links = data["can_edit"], data["links"]
        self.timezone, self.wedding_date = data["timezone"], data["wedding_date"]
        self.sub = await call(calendar.subscription_status, principal, self._wedding_id(), lang=lang)

    @authenticated
    async def load(self):
        self.not_found, self.message, self.new_link, self.feed_url = False, "", "", ""
        self.form_open, self.delete_id, self.revoke_id = False, "", ""
        self.api_base = f"{get_settings().api_url}/api/v1/weddings/{self._wedding_id()}"
        try:
            await self._refresh()
        except DomainError:
            self.not_found = True
        self.loaded = True

    @authenticated
    def new_item(self, event_id: str = ""):
        self.editing_id, self.editing_version = "", 0
        event_id = event_id if any(e["id"] == event_id for e in self.events) else ""
        last = next((r for r in reversed(self.rows) if r["kind"] == "item" and r["event_id"] == event_id), None)
        self.values = {
            **EMPTY_ITEM,
            "event_id": event_id,
            "day": last["day_iso"] if last else self.wedding_date,
            "timezone": self.timezone,
        }
        self.errors, self.form_error = {}, ""
        self.form_key += 1
        self.form_open = True

    @authenticated
    def edit_item(self, item_id: str):
        item = next((r for r in self.rows if r["kind"] == "item" and r["id"] == item_id), None)
        if item is None:
            return
        self.editing_id, self.editing_version = item_id, int(item["version"])
        self.values = {
            "event_id": item["event_id"],
            "day": item["day_iso"],
            "start": item["start_iso"],
            "duration": str(item["minutes"]),
            "title": item["title"],
            "location": item["location"],
            "people": item["people"],
            "vendors": item["vendors"],
            "notes": item["notes"],
            "timezone": self.timezone,
        }
        self.errors, self.form_error = {}, ""
        self.form_key += 1
        self.form_open = True

    @authenticated
    def close_form(self, is_open: bool = False):
        self.form_open = bool(is_open)

    @authenticated
    async def save_item(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        try:
            if self.editing_id:
                await call(
                    timeline.update_item,
                    principal,
                    self._wedding_id(),
                    self.editing_id,
                    form_data,
                    expected_version=self.editing_version,
                )
            else:
                await call(timeline.add_item, principal, self._wedding_id(), form_data)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="timeline.save", principal=principal)
            self.values = {k: str(form_data.get(k, "")) for k in EMPTY_ITEM}
            return
        self.message = i18n.gettext(lang, "Timeline saved.")
        self.form_open = False
        await self._refresh()

    @authenticated
    async def create_link(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.link_errors, self.new_link = {}, ""
        try:
            if set(form_data) - {"label"}:
                raise TamperedInput()
            token = await call(
                timeline.create_share_link, principal, self._wedding_id(), str(form_data.get("label", ""))
            )
        except DomainError as exc:
            fields, general = explain(exc, lang, where="timeline.share", principal=principal)
            self.link_errors = fields or {"label": general}
            return
        self.new_link = f"{get_settings().base_url}/timeline/{token}"
        self.link_key += 1
        await self._refresh()

    @authenticated
    def ask_revoke(self, link_id: str):
        self.revoke_id = link_id if any(link["id"] == link_id for link in self.links) else ""

    @authenticated
    def cancel_revoke(self, is_open: bool = False):
        if not is_open:
            self.revoke_id = ""

    @authenticated
    async def confirm_revoke(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(timeline.revoke_share_link, principal, self._wedding_id(), self.revoke_id)
            self.message = i18n.gettext(lang, "The link is revoked: it no longer opens the timeline.")
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="timeline.unshare", principal=principal)
        self.revoke_id, self.new_link = "", ""
        await self._refresh()

    @authenticated
    async def subscribe(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            token = await call(calendar.create_subscription, principal, self._wedding_id())
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="calendar.subscribe", principal=principal)
            return
        self.feed_url = f"{get_settings().api_url}/api/calendar/{token}.ics"
        await self._refresh()

    @authenticated
    async def unsubscribe(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(calendar.revoke_subscription, principal, self._wedding_id())
            self.message = i18n.gettext(lang, "Your calendar link is revoked. Calendars using it stop updating.")
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="calendar.unsubscribe", principal=principal)
        self.feed_url = ""
        await self._refresh()


def _public_view(token: str, lang: str) -> dict[str, Any]:
    with transaction() as s:
        return timeline.public_timeline(s, token, lang=lang)


class SharedTimelineState(rx.State):
    loaded: bool = False
    valid: bool = False
    problem: str = ""
    couple: str = ""
    date: str = ""
    venue: str = ""
    timezone: str = ""
    rows: list[dict[str, Any]] = []
    pdf_url: str = ""

    @public("Read-only timeline behind an unguessable, revocable share token; shows the schedule and nothing else.")
    async def load(self):
        lang = await viewer_lang(self)
        token = route_param(self, "token")
        self.valid, self.problem, self.rows = False, "", []
        try:
            view = await run(_public_view, token, lang)
        except DomainError as exc:
            self.problem, self.loaded = i18n.render(lang, exc.message), True
            return
        self.couple, self.date, self.venue, self.timezone = (
            view["couple"],
            view["date"],
            view["venue"],
            view["timezone"],
        )
        self.rows = _flatten(view["groups"])
        self.pdf_url = f"{get_settings().api_url}/api/timeline/{token}/runsheet.pdf"
        self.valid, self.loaded = True, True
