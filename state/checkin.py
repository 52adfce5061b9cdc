"""The check-in page (a staff phone at the door) and the arrivals counter of the dashboard."""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import checkin, i18n
from services.checkin import Arrivals, CheckInOutcome, CheckInRecord, HouseholdCard, Setup
from services.errors import DomainError
from services.guests import AGE_LABELS, DIETARY_LABELS, RSVP_LABELS, clean_text
from state.base import authenticated, call, current_principal, explain, route_param
from state.i18n import viewer_lang

STATUS_COLORS = {"attending": "green", "pending": "amber", "declined": "red", "not_invited": "gray"}


def _arrivals_view(a: Arrivals | None, lang: str) -> dict[str, Any]:
    if a is None:
        return {"has_event": False, "arrived": "0", "expected": "0", "event": "", "pct": 0, "show": False}
    num = lambda n: i18n.format_number(n, lang)  # noqa: E731
    return {
        "has_event": True,
        "arrived": num(a.arrived),
        "expected": num(a.expected),
        "event": a.event_name,
        "pct": min(100, round(100 * a.arrived / a.expected)) if a.expected else 0,
        "show": a.checkins > 0 or a.on_now,  # the dashboard shows it on the day, or once someone arrived
    }


def _already(r: CheckInRecord, lang: str, tz: str) -> str:
    return i18n.gettext(
        lang,
        "{name}: already checked in at {time} by station {station}",
        name=r.guest_name,
        time=i18n.format_clock(r.at, lang, tz),
        station=r.station,
    )


class CheckinState(rx.State):
    loaded: bool = False
    not_found: bool = False
    events: list[dict[str, str]] = []
    event_id: str = ""
    # The station's name, typed once on this phone and kept in a cookie (a label, not a secret).
    station: str = rx.Cookie("", name="attitudes_station", max_age=30 * 24 * 3600, same_site="lax")
    station_error: str = ""
    editing_station: bool = False
    query: str = ""
    hits: list[dict[str, Any]] = []
    household_id: str = ""
    household_name: str = ""
    members: list[dict[str, Any]] = []
    waiting: int = 0  # expected members not checked in yet
    arrivals: dict[str, Any] = {}
    message: str = ""
    warnings: list[str] = []
    notices: list[str] = []  # "already checked in at 14:32 by station Door 2"
    error: str = ""
    undo_guest_id: str = ""
    undo_name: str = ""
    _tz: str = "UTC"

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    def _clear_messages(self) -> None:
        self.message, self.error, self.warnings, self.notices = "", "", [], []

    async def _fail(self, exc: DomainError, where: str) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        fields, general = explain(exc, lang, where=where, principal=principal)
        self.station_error = fields.get("station", "")
        self.error = general or self.station_error

    async def _load_arrivals(self, lang: str) -> None:
        a = await call(checkin.arrivals, current_principal(), self._wedding_id(), self.event_id)
        self.arrivals = _arrivals_view(a, lang)

    async def _load_household(self, lang: str) -> None:
        card: HouseholdCard = await call(
            checkin.household_card, current_principal(), self._wedding_id(), self.household_id, self.event_id
        )
        tr = lambda msgid: i18n.gettext(lang, msgid)  # noqa: E731
        self.household_name = card.name
        members = []
        for m in card.members:
            diet = [tr(DIETARY_LABELS[c]) for c in m.dietary if c in DIETARY_LABELS]
            if m.dietary_notes:
                diet.append(m.dietary_notes)
            plus = ""
            if m.plus_one:
                plus = (
                    i18n.gettext(lang, "+1: {name}", name=m.plus_one_name)
                    if m.plus_one_name
                    else i18n.gettext(lang, "+1 (guest of {name})", name=m.first_name)
                )
                if m.plus_one_table:
                    plus = i18n.gettext(lang, "{plus_one} · table {table}", plus_one=plus, table=m.plus_one_table)
            members.append(
                {
                    "id": m.guest_id,
                    "name": f"{m.first_name} {m.last_name}".strip(),
                    "status": m.status,
                    "status_label": tr("Not invited") if m.status == "not_invited" else tr(RSVP_LABELS[m.status]),
                    "color": STATUS_COLORS[m.status],
                    "expected": m.expected,
                    "invited": m.status != "not_invited",
                    "age": tr(AGE_LABELS[m.age_group]) if m.age_group != "adult" else "",
                    "plus_one": plus,
                    "diet": ", ".join(diet),
                    "accessibility": m.accessibility,
                    "table": m.table or "—",
                    "arrived": m.checkin is not None,
                    "arrived_label": i18n.gettext(
                        lang,
                        "Arrived at {time} · {station}",
                        time=i18n.format_clock(m.checkin.at, lang, self._tz),
                        station=m.checkin.station,
                    )
                    if m.checkin
                    else "",
                    "already": _already(m.checkin, lang, self._tz) if m.checkin else "",
                }
            )
        self.members = members
        self.waiting = sum(1 for m in members if m["expected"] and not m["arrived"])

    async def _search(self, lang: str) -> None:
        hits = await call(checkin.search_households, current_principal(), self._wedding_id(), self.event_id, self.query)
        num = lambda n: i18n.format_number(n, lang)  # noqa: E731
        self.hits = [
            {
                "id": h.household_id,
                "name": h.name,
                "members": ", ".join(h.members),
                "count": i18n.gettext(
                    lang, "{arrived} of {expected} arrived", arrived=num(h.arrived), expected=num(h.expected)
                ),
                "done": h.expected > 0 and h.arrived >= h.expected,
            }
            for h in hits
        ]

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self._clear_messages()
        self.not_found, self.query, self.hits, self.household_id, self.members = False, "", [], "", []
        self.undo_guest_id, self.undo_name, self.station_error = "", "", ""
        self.editing_station = not self.station
        try:
            setup: Setup = await call(checkin.checkin_setup, current_principal(), self._wedding_id())
            self._tz = setup.timezone
            self.events = [{"id": i, "name": n} for i, n in setup.events]
            self.event_id = setup.default_event_id
            await self._load_arrivals(lang)
        except DomainError:
            self.not_found = True
        self.loaded = True

    @authenticated
    async def choose_event(self, event_id: str):
        if not any(e["id"] == event_id for e in self.events):
            return
        self.event_id = event_id
        self._clear_messages()
        lang = await viewer_lang(self)
        try:
            await self._load_arrivals(lang)
            if self.household_id:
                await self._load_household(lang)
            if self.query:
                await self._search(lang)
        except DomainError as exc:
            await self._fail(exc, "checkin.event")

    @authenticated
    def edit_station(self):
        self.editing_station = True

    @authenticated
    async def keep_station(self, form_data: dict):
        name = clean_text(form_data.get("station"), checkin.MAX_STATION) if isinstance(form_data, dict) else ""
        if not name:
            self.station_error = i18n.gettext(await viewer_lang(self), "Enter this station's name first, like Door 1.")
            return
        self.station, self.station_error, self.editing_station = name, "", False

    @authenticated
    async def search(self, value: str):
        self.query = str(value or "")[:100]
        try:
            await self._search(await viewer_lang(self))
        except DomainError as exc:
            await self._fail(exc, "checkin.search")

    @authenticated
    async def open_household(self, household_id: str):
        self._clear_messages()
        self.household_id = str(household_id or "")[:64]
        try:
            await self._load_household(await viewer_lang(self))
        except DomainError as exc:
            self.household_id, self.members = "", []
            await self._fail(exc, "checkin.household")
            return
        self._say_if_already_in()

    @authenticated
    async def scanned(self, text: str):
        """The camera decoded a QR code (or a code was pasted): open the household it belongs to."""
        self._clear_messages()
        try:
            household_id = await call(checkin.resolve_scan, current_principal(), self._wedding_id(), str(text or ""))
        except DomainError as exc:
            self.household_id, self.members = "", []
            await self._fail(exc, "checkin.scan")
            return
        self.household_id = household_id
        await self._load_household(await viewer_lang(self))
        self._say_if_already_in()

    def _say_if_already_in(self) -> None:
        """A second scan or search of a household already in: say when and at which station."""
        if self.members and self.waiting == 0:
            self.notices = [m["already"] for m in self.members if m["arrived"]]

    @authenticated
    def close_household(self):
        self.household_id, self.members, self.household_name = "", [], ""
        self._clear_messages()

    async def _check_in(self, guest_ids: list[str]) -> None:
        self._clear_messages()
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            outcome: CheckInOutcome = await call(
                checkin.check_in, principal, self._wedding_id(), self.event_id, guest_ids, station=self.station
            )
        except DomainError as exc:
            await self._fail(exc, "checkin.check_in")
            if self.station_error:
                self.editing_station = True
            return
        if outcome.created:
            self.message = i18n.ngettext(
                lang,
                "{names} checked in.",
                "{names} checked in.",
                len(outcome.created),
                names=", ".join(outcome.created),
            )
        self.warnings = [i18n.render(lang, w) for w in outcome.warnings]
        self.notices = [_already(r, lang, self._tz) for r in outcome.already]
        await self._load_household(lang)
        await self._load_arrivals(lang)
        if self.query:
            await self._search(lang)

    @authenticated
    async def check_in_all(self):
        ids = [m["id"] for m in self.members if m["expected"] and not m["arrived"]]
        if not ids:
            ids = [m["id"] for m in self.members if m["expected"]]  # all in already: show when and where
        await self._check_in(ids)

    @authenticated
    async def check_in_one(self, guest_id: str):
        if any(m["id"] == guest_id for m in self.members):
            await self._check_in([guest_id])

    @authenticated
    def ask_undo(self, guest_id: str):
        member = next((m for m in self.members if m["id"] == guest_id and m["arrived"]), None)
        self.undo_guest_id, self.undo_name = (guest_id, member["name"]) if member else ("", "")

    @authenticated
    def cancel_undo(self, value: bool = False):
        if not value:
            self.undo_guest_id, self.undo_name = "", ""

    @authenticated
    async def confirm_undo(self):
        guest_id = self.undo_guest_id
        self.undo_guest_id = ""
        if not guest_id:
            return
        self._clear_messages()
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            name = await call(
                checkin.undo_check_in, principal, self._wedding_id(), self.event_id, guest_id, confirmed=True
            )
        except DomainError as exc:
            await self._fail(exc, "checkin.undo")
            return
        self.message = i18n.gettext(lang, "Check-in of {name} undone.", name=name)
        await self._load_household(lang)
        await self._load_arrivals(lang)

    @authenticated
    async def refresh_live(self):
        """Another station or an RSVP changed something: reload the counter and the open household."""
        lang = await viewer_lang(self)
        try:
            await self._load_arrivals(lang)
            if self.household_id:
                await self._load_household(lang)
        except DomainError:
            pass


class ArrivalsState(rx.State):
    """The dashboard's arrivals counter: people arrived / expected at today's (else the main) event."""

    arrivals: dict[str, Any] = {}

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        try:
            a = await call(checkin.arrivals, current_principal(), route_param(self, "wedding_id"))
        except DomainError:
            a = None
        self.arrivals = _arrivals_view(a, lang)
