"""The guest list page: filters, paging, counts, inline edit, bulk actions, the guest and event dialogs."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx

from services import guest_events, guests, i18n
from services.errors import DomainError, TamperedInput
from services.guests import (
    AGE_LABELS,
    DIETARY_CODES,
    DIETARY_LABELS,
    RSVP_LABELS,
    SIDE_LABELS,
    GuestOptions,
    GuestPage,
    GuestQuery,
    GuestSummary,
)
from state.base import authenticated, call, current_principal, explain, route_param
from state.i18n import viewer_lang

FILTERS = ("side", "tag", "event_id", "rsvp", "meal_id", "dietary", "has_email", "household_id", "age_group")
RSVP_COLORS = {"attending": "green", "declined": "red", "pending": "amber"}
INLINE_FIELDS = ("first_name", "last_name", "email", "phone", "side")


def _short_day(value: datetime | None, lang: str, tz: str) -> str:
    return i18n.format_moment(value, lang, tz, "medium") if value else ""


def _row_view(row: guests.GuestRow, lang: str, parties: dict[str, str]) -> dict[str, Any]:
    tr = lambda msgid: i18n.gettext(lang, msgid)  # noqa: E731
    diet = [tr(DIETARY_LABELS[c]) for c in row.dietary if c in DIETARY_LABELS]
    if row.dietary_notes:
        diet.append(row.dietary_notes)
    plus = ""
    if row.plus_one == "named":
        plus = i18n.gettext(lang, "+1: {name}", name=row.plus_one_name)
    elif row.plus_one == "unnamed":
        plus = i18n.gettext(lang, "+1 (guest of {name})", name=row.first_name)
    return {
        "id": row.id,
        "name": f"{row.first_name} {row.last_name}".strip(),
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone": row.phone,
        "phone_display": guests.display_phone(row.phone),
        "side": row.side,
        "side_label": parties.get(row.side, row.side),
        "age_group": row.age_group,
        "age_label": tr(AGE_LABELS[row.age_group]) if row.age_group != "adult" else "",
        "household": row.household_name,
        "household_id": row.household_id,
        "tags": row.tags,
        "diet": ", ".join(diet),
        "plus_one": plus,
        "invitations": [
            {
                "event_id": i.event_id,
                "event": i.event_name,
                "status": i.rsvp_status,
                "status_label": tr(RSVP_LABELS[i.rsvp_status]),
                "color": RSVP_COLORS[i.rsvp_status],
                "meal": i.meal_name,
                "label": f"{i.event_name}: {tr(RSVP_LABELS[i.rsvp_status])}"
                + (f" · {i.meal_name}" if i.meal_name else ""),
            }
            for i in row.invitations
        ],
    }


def _summary_view(s: GuestSummary, lang: str, tz: str, starts: dict[str, datetime | None]) -> tuple[dict, list, list]:
    num = lambda n: i18n.format_number(n, lang)  # noqa: E731
    main = next((e for e in s.events if e.event_id == s.main_event_id), None)
    cards = {
        "guests": num(s.guests),
        "households": i18n.ngettext(lang, "in {n} household", "in {n} households", s.households),
        "attending": num(main.attending) if main else "0",
        "attending_detail": (
            i18n.gettext(
                lang,
                "{event}: {attending} of {invited} invited, +{plus} plus-ones",
                event=main.name,
                attending=num(main.attending),
                invited=num(main.invited),
                plus=num(main.plus_ones),
            )
            if main
            else i18n.gettext(lang, "Add an event to collect answers.")
        ),
        "pending": num(main.pending) if main else num(s.guests),
        "declined": num(main.declined) if main else "0",
        "households_pending": num(s.households_pending),
        "children": num(s.children + s.infants),
        "children_detail": i18n.gettext(
            lang, "{children} children, {infants} infants", children=num(s.children), infants=num(s.infants)
        ),
        "with_email": i18n.gettext(lang, "{n} with an email address", n=num(s.with_email)),
    }
    events = []
    for e in s.events:
        seats = (
            i18n.gettext(lang, "{taken} of {capacity} seats", taken=num(e.seats_taken), capacity=num(e.capacity))
            if e.capacity
            else i18n.gettext(lang, "{taken} seats, no limit", taken=num(e.seats_taken))
        )
        events.append(
            {
                "id": e.event_id,
                "name": e.name,
                "when": _short_day(starts.get(e.event_id), lang, tz),
                "attending": num(e.attending),
                "declined": num(e.declined),
                "pending": num(e.pending),
                "invited": num(e.invited),
                "seats": seats,
                "full": bool(e.capacity and e.seats_taken >= e.capacity),
                "seats_pct": min(100, round(100 * e.seats_taken / e.capacity)) if e.capacity else 0,
                "meals": [f"{name}: {num(n)}" for name, n in e.meals],
                "meal_missing": i18n.gettext(lang, "{n} without a meal choice", n=num(e.meal_missing))
                if e.meal_missing
                else "",
                "is_main": e.event_id == s.main_event_id,
            }
        )
    diets = [{"label": i18n.gettext(lang, DIETARY_LABELS[c]), "count": num(n)} for c, n in s.dietary]
    if s.dietary_notes:
        diets.append({"label": i18n.gettext(lang, "Other notes"), "count": num(s.dietary_notes)})
    return cards, events, diets


class GuestsState(rx.State):
    loaded: bool = False
    not_found: bool = False
    can_edit: bool = False
    rows: list[dict[str, Any]] = []
    total: int = 0
    total_label: str = ""
    page: int = 1
    pages: int = 1
    page_label: str = ""
    has_guests: bool = False
    # filters, sort, search (the service re-checks every value)
    search: str = ""
    filters: dict[str, str] = {k: "" for k in FILTERS}
    sort: str = "name"
    descending: bool = False
    # what the filters and forms offer
    events: list[dict[str, str]] = []
    meals: list[dict[str, str]] = []
    tags: list[str] = []
    households: list[dict[str, str]] = []
    side_options: list[dict[str, str]] = []
    # counts
    cards: dict[str, str] = {}
    event_counts: list[dict[str, Any]] = []
    diets: list[dict[str, str]] = []
    # selection, bulk actions, messages
    selected: list[str] = []
    tag_input: str = ""
    bulk_event: str = ""
    delete_open: bool = False
    message: str = ""
    error: str = ""
    # inline edit
    editing_id: str = ""
    inline_errors: dict[str, str] = {}

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    def _query(self) -> GuestQuery:
        f = self.filters
        return GuestQuery(
            search=self.search,
            sort=self.sort,
            descending=self.descending,
            page=self.page,
            **{k: f.get(k, "") for k in FILTERS},
        )

    async def _refresh(self, lang: str, *, everything: bool = False) -> None:
        principal, wid = current_principal(), self._wedding_id()
        if everything:
            opts: GuestOptions = await call(guests.guest_options, principal, wid)
            self._options(opts, lang)
        page: GuestPage = await call(guests.list_guests, principal, wid, self._query())
        summary: GuestSummary = await call(guests.guest_summary, principal, wid)
        parties = {o["value"]: o["label"] for o in self.side_options}
        self.rows = [_row_view(r, lang, parties) for r in page.rows]
        self.total, self.page, self.pages = page.total, page.page, page.pages
        self.has_guests = summary.guests > 0
        self.total_label = i18n.ngettext(lang, "{n} guest", "{n} guests", page.total)
        self.page_label = i18n.gettext(
            lang,
            "Page {page} of {pages}",
            page=i18n.format_number(page.page, lang),
            pages=i18n.format_number(page.pages, lang),
        )
        starts = {e.id: e.starts_at for e in page.events}
        self.cards, self.event_counts, self.diets = _summary_view(summary, lang, self._tz, starts)
        visible = {r["id"] for r in self.rows}
        if self.editing_id and self.editing_id not in visible:
            self.editing_id = ""

    _tz: str = "UTC"

    def _options(self, opts: GuestOptions, lang: str) -> None:
        self.can_edit = opts.can_edit
        self._tz = opts.timezone
        self.events = [{"id": e.id, "name": e.name} for e in opts.events]
        self.meals = [{"id": mid, "label": f"{e.name}: {name}"} for e in opts.events for mid, name in e.meals]
        self.tags = opts.tags
        self.households = [{"id": i, "name": n} for i, n in opts.households]
        a, b = opts.partners
        self.side_options = [
            {"value": "a", "label": a or i18n.gettext(lang, SIDE_LABELS["a"])},
            {"value": "b", "label": b or i18n.gettext(lang, SIDE_LABELS["b"])},
            {"value": "both", "label": i18n.gettext(lang, SIDE_LABELS["both"])},
        ]

    async def _run(self, where: str, fn, *args, **kwargs) -> Any:
        """Call a service; a refused or invalid request becomes the page's error message."""
        principal, lang = current_principal(), await viewer_lang(self)
        self.error, self.message = "", ""
        try:
            return await call(fn, principal, self._wedding_id(), *args, **kwargs)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where=where, principal=principal)
            return None

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.not_found, self.error, self.message, self.selected, self.editing_id = False, "", "", [], ""
        self.delete_open, self.inline_errors, self.page = False, {}, 1
        try:
            await self._refresh(lang, everything=True)
        except DomainError:
            self.not_found = True
        self.loaded = True

    async def _reload_first_page(self):
        self.page, self.selected = 1, []
        try:
            await self._refresh(await viewer_lang(self))
        except TamperedInput:
            self.filters, self.search = {k: "" for k in FILTERS}, ""
            await self._refresh(await viewer_lang(self))

    @authenticated
    async def filter_on(self, name: str, value: str):
        if name not in FILTERS:
            return
        self.filters = {**{k: "" for k in FILTERS}, **self.filters, name: str(value or "")[:64]}
        await self._reload_first_page()

    @authenticated
    async def search_for(self, value: str):
        self.search = str(value or "")[:200]
        await self._reload_first_page()

    @authenticated
    async def clear_filters(self):
        self.filters, self.search = {k: "" for k in FILTERS}, ""
        await self._reload_first_page()

    @authenticated
    async def sort_on(self, value: str):
        if value in guests.SORTS:
            self.sort = value
        await self._reload_first_page()

    @authenticated
    async def flip_order(self):
        self.descending = not self.descending
        await self._reload_first_page()

    @authenticated
    async def go_to_page(self, page: int):
        try:
            self.page = max(1, int(page))
        except (TypeError, ValueError):
            return
        await self._refresh(await viewer_lang(self))

    # ---- selection and bulk actions ----

    @authenticated
    def toggle_selected(self, guest_id: str):
        if guest_id in self.selected:
            self.selected = [g for g in self.selected if g != guest_id]
        elif any(r["id"] == guest_id for r in self.rows):
            self.selected = [*self.selected, guest_id]

    @authenticated
    def toggle_page(self, checked: bool):
        ids = [r["id"] for r in self.rows]
        self.selected = (
            list(dict.fromkeys([*self.selected, *ids])) if checked else [g for g in self.selected if g not in ids]
        )

    @authenticated
    def clear_selection(self):
        self.selected = []

    @authenticated
    def keep_tag(self, value: str):
        self.tag_input = str(value or "")[:60]

    @authenticated
    def keep_event(self, value: str):
        self.bulk_event = str(value or "")[:64]

    @authenticated
    async def bulk_tag(self, remove: bool):
        n = await self._run("guests.bulk_tag", guests.tag_guests, self.selected, self.tag_input, remove=bool(remove))
        if n is not None:
            lang = await viewer_lang(self)
            self.message = i18n.ngettext(lang, "{n} guest updated.", "{n} guests updated.", n)
            self.tag_input = ""
            await self._refresh(lang, everything=True)

    @authenticated
    async def bulk_invite(self, remove: bool):
        if not self.bulk_event:
            self.error = i18n.gettext(await viewer_lang(self), "Choose an event first.")
            return
        n = await self._run(
            "guests.bulk_invite", guests.invite_guests, self.selected, self.bulk_event, remove=bool(remove)
        )
        if n is not None:
            lang = await viewer_lang(self)
            self.message = i18n.ngettext(lang, "{n} guest updated.", "{n} guests updated.", n)
            await self._refresh(lang)

    @authenticated
    def open_delete(self, value: bool):
        self.delete_open = bool(value) and bool(self.selected)

    @authenticated
    async def confirm_delete(self):
        n = await self._run("guests.delete", guests.delete_guests, self.selected, confirmed=True)
        self.delete_open = False
        if n is not None:
            lang = await viewer_lang(self)
            self.selected = []
            self.message = i18n.ngettext(lang, "{n} guest deleted.", "{n} guests deleted.", n)
            await self._refresh(lang, everything=True)

    # ---- inline edit ----

    @authenticated
    def start_edit(self, guest_id: str):
        if any(r["id"] == guest_id for r in self.rows):
            self.editing_id, self.inline_errors = guest_id, {}

    @authenticated
    def cancel_edit(self):
        self.editing_id, self.inline_errors = "", {}

    @authenticated
    async def save_inline(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.inline_errors, self.error, self.message = {}, "", ""
        data = {k: v for k, v in form_data.items() if k in INLINE_FIELDS}
        if len(data) != len(form_data) or not self.editing_id:
            return
        try:
            await call(guests.save_guest, principal, self._wedding_id(), self.editing_id, data)
        except DomainError as exc:
            self.inline_errors, self.error = explain(exc, lang, where="guests.inline", principal=principal)
            return
        self.editing_id = ""
        self.message = i18n.gettext(lang, "Saved.")
        await self._refresh(lang)

    @authenticated
    async def refresh_counts(self):
        """Live update (state/live.py): an answer or a check-in arrived; reload the counts and this page."""
        try:
            await self._refresh(await viewer_lang(self))
        except DomainError:
            pass

    @authenticated
    async def change_rsvp(self, guest_id: str, event_id: str, status: str):
        done = await self._run("guests.rsvp", guests.set_rsvp, guest_id, event_id, status)
        if done is not None:
            await self._refresh(await viewer_lang(self))

    # ---- events ----

    @authenticated
    async def add_standard_events(self):
        lang = await viewer_lang(self)
        names = {k: i18n.gettext(lang, guest_events.KIND_LABELS[k]) for k in ("ceremony", "reception")}
        n = await self._run("guests.standard_events", guest_events.add_standard_events, names=names)
        if n is not None:
            await self._refresh(lang, everything=True)


def _local_parts(value: datetime | None, tz: str) -> tuple[str, str]:
    if value is None:
        return "", ""
    local = value.astimezone(ZoneInfo(tz))
    return local.date().isoformat(), local.strftime("%H:%M")


class GuestFormState(rx.State):
    """The add/edit guest dialog."""

    open: bool = False
    guest_id: str = ""
    values: dict[str, str] = {}
    diets: list[dict[str, Any]] = []
    invitations: list[dict[str, Any]] = []
    households: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0
    saving: bool = False

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _fill(self, detail: guests.GuestDetail | None, opts: GuestOptions, lang: str) -> None:
        g = detail.guest if detail else None
        self.values = {
            "first_name": g.first_name if g else "",
            "last_name": g.last_name if g else "",
            "email": g.email if g else "",
            "phone": guests.display_phone(g.phone) if g else "",
            "address": g.address if g else "",
            "side": g.side if g else "both",
            "age_group": g.age_group if g else "adult",
            "language": g.language if g else "",
            "dietary_notes": g.dietary_notes if g else "",
            "accessibility": g.accessibility if g else "",
            "notes": g.notes if g else "",
            "plus_one": g.plus_one if g else "none",
            "plus_one_name": g.plus_one_name if g else "",
            "tags": ", ".join(detail.tags) if detail else "",
            "household_id": str(g.household_id) if g else "new",
            "household_name": "",
        }
        chosen = set(g.dietary or []) if g else set()
        self.diets = [
            {"code": c, "label": i18n.gettext(lang, DIETARY_LABELS[c]), "checked": c in chosen} for c in DIETARY_CODES
        ]
        default_events = {e.id for e in opts.events if e.kind in ("ceremony", "reception")} or {
            e.id for e in opts.events
        }
        self.invitations = []
        for e in opts.events:
            inv = detail.invitations.get(e.id) if detail else None
            self.invitations.append(
                {
                    "event_id": e.id,
                    "name": e.name,
                    "invited": inv is not None if detail else e.id in default_events,
                    "rsvp": inv.rsvp_status if inv else "pending",
                    "meal": str(inv.meal_option_id or "") if inv else "",
                    "plus": bool(inv.plus_one_attending) if inv else False,
                    "plus_meal": str(inv.plus_one_meal_option_id or "") if inv else "",
                    "meals": [{"id": mid, "name": name} for mid, name in e.meals],
                    "has_meals": bool(e.meals),
                }
            )
        self.households = [{"id": "new", "name": i18n.gettext(lang, "New household")}] + [
            {"id": i, "name": n} for i, n in opts.households
        ]
        self.errors, self.form_error = {}, ""
        self.form_key += 1

    @authenticated
    async def open_new(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            opts = await call(guests.guest_options, principal, self._wedding_id())
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="guests.form", principal=principal)
            return
        self.guest_id = ""
        await self._fill(None, opts, lang)
        self.open = True

    @authenticated
    async def open_guest(self, guest_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            detail = await call(guests.get_guest, principal, self._wedding_id(), guest_id)
            opts = await call(guests.guest_options, principal, self._wedding_id())
        except DomainError as exc:
            list_state = await self.get_state(GuestsState)
            _, list_state.error = explain(exc, lang, where="guests.open", principal=principal)
            return
        self.guest_id = guest_id
        await self._fill(detail, opts, lang)
        (await self.get_state(GuestsState)).editing_id = ""
        self.open = True

    @authenticated
    def toggle_open(self, value: bool):
        self.open = bool(value)

    @authenticated
    async def save(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error, self.saving = {}, "", True
        yield
        try:
            await call(guests.save_guest, principal, self._wedding_id(), self.guest_id or None, form_data)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="guests.save", principal=principal)
            self.saving = False
            return
        self.saving, self.open = False, False
        list_state = await self.get_state(GuestsState)
        await list_state._refresh(lang, everything=True)
        list_state.message = i18n.gettext(lang, "Saved.")


class EventFormState(rx.State):
    """The add/edit event dialog (capacity and meal options)."""

    open: bool = False
    event_id: str = ""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0
    delete_open: bool = False

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    @authenticated
    async def open_event(self, event_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            opts: GuestOptions = await call(guests.guest_options, principal, self._wedding_id())
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="events.open", principal=principal)
            return
        event = next((e for e in opts.events if e.id == event_id), None)
        if event_id and event is None:
            return
        day, clock = _local_parts(event.starts_at if event else None, opts.timezone)
        self.values = {
            "name": event.name if event else "",
            "kind": event.kind if event else "other",
            "date": day,
            "time": clock,
            "location": event.location if event else "",
            "capacity": str(event.capacity or "") if event else "",
            "meals": "\n".join(name for _, name in event.meals) if event else "",
        }
        self.event_id = event_id
        self.errors, self.form_error, self.delete_open = {}, "", False
        self.form_key += 1
        self.open = True

    @authenticated
    def toggle_open(self, value: bool):
        self.open = bool(value)

    @authenticated
    def toggle_delete(self, value: bool):
        self.delete_open = bool(value)

    @authenticated
    async def save(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        try:
            await call(guest_events.save_event, principal, self._wedding_id(), self.event_id or None, form_data)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="events.save", principal=principal)
            return
        self.open = False
        await (await self.get_state(GuestsState))._refresh(lang, everything=True)

    @authenticated
    async def delete(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(guest_events.delete_event, principal, self._wedding_id(), self.event_id, confirmed=True)
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="events.delete", principal=principal)
            self.delete_open = False
            return
        self.open, self.delete_open = False, False
        await (await self.get_state(GuestsState))._refresh(lang, everything=True)
