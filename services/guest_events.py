"""The wedding's events as the guest list sees them: name, kind, time, place, capacity and meal options."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from models.guests import EventMealOption
from models.weddings import WeddingEvent
from services import audit
from services.authz import Permission, Principal
from services.errors import N_, Msg, TamperedInput, ValidationError
from services.guests import _events, _in_wedding, clean_text
from services.weddings import load_wedding

EVENT_KINDS = ("ceremony", "reception", "rehearsal", "welcome", "brunch", "other")
KIND_LABELS = {
    "ceremony": N_("Ceremony").id,
    "reception": N_("Reception").id,
    "rehearsal": N_("Rehearsal dinner").id,
    "welcome": N_("Welcome party").id,
    "brunch": N_("Brunch").id,
    "other": N_("Other").id,
}
EVENT_FIELDS = frozenset({"name", "kind", "date", "time", "location", "capacity", "meals"})
MAX_MEALS = 12
MAX_CAPACITY = 10_000


def _snapshot(e: WeddingEvent, meals: list[str]) -> dict[str, Any]:
    return {
        "name": e.name,
        "kind": e.kind,
        "starts_at": e.starts_at.isoformat() if e.starts_at else "",
        "location": e.location,
        "capacity": e.capacity,
        "meals": meals,
    }


def parse_event_form(data: Mapping[str, Any], *, tz: str) -> dict[str, Any]:
    if set(data) - EVENT_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    name = clean_text(data.get("name"), 120)
    if not name:
        errors["name"] = N_("Enter a name for the event, like Ceremony.")
    kind = str(data.get("kind") or "other")
    if kind not in EVENT_KINDS:
        raise TamperedInput()
    starts_at = None
    raw_date, raw_time = str(data.get("date") or "").strip(), str(data.get("time") or "").strip()
    if raw_date or raw_time:
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            errors["date"] = N_("Enter a date like 2027-06-12.")
            day = None
        clock = time(0, 0)
        if raw_time:
            try:
                clock = time.fromisoformat(raw_time)
            except ValueError:
                errors["time"] = N_("Enter a time like 18:30.")
        if day is not None:
            starts_at = datetime.combine(day, clock, ZoneInfo(tz)).astimezone(UTC)
    capacity = None
    raw_capacity = str(data.get("capacity") or "").strip()
    if raw_capacity:
        try:
            capacity = int(raw_capacity)
            if not 1 <= capacity <= MAX_CAPACITY:
                raise ValueError
        except ValueError:
            errors["capacity"] = N_("Enter a number of seats between 1 and {n}, or leave it empty.", n=MAX_CAPACITY)
    meals: list[str] = []
    for part in re.split(r"[\n,;]", str(data.get("meals") or "")):
        meal = clean_text(part, 120)
        if meal and meal.casefold() not in {m.casefold() for m in meals}:
            meals.append(meal)
    if len(meals) > MAX_MEALS:
        errors["meals"] = N_("Offer at most {n} meal options.", n=MAX_MEALS)
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "kind": kind,
        "starts_at": starts_at,
        "location": clean_text(data.get("location"), 300),
        "capacity": capacity,
        "meals": meals,
    }


def save_event(
    session: Session, principal: Principal, wedding_id: Any, event_id: Any | None, data: Mapping[str, Any]
) -> WeddingEvent:
    """Create or edit an event; its meal options follow the list given (kept by name, so choices survive)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    fields = parse_event_form(data, tz=wedding.timezone)
    meals = fields.pop("meals")
    if event_id is None:
        event = WeddingEvent(tenant_id=wedding.tenant_id, wedding_id=wedding.id, **fields)
        session.add(event)
        session.flush()
        current: list[EventMealOption] = []
        before = None
    else:
        event = _in_wedding(session, WeddingEvent, wedding, event_id)
        current = list(session.exec(select(EventMealOption).where(EventMealOption.event_id == event.id)).all())
        before = _snapshot(event, [m.name for m in sorted(current, key=lambda m: m.position)])
        for key, value in fields.items():
            setattr(event, key, value)
    by_name = {m.name.casefold(): m for m in current}
    for position, name in enumerate(meals):
        option = by_name.pop(name.casefold(), None)
        if option is None:
            session.add(
                EventMealOption(
                    tenant_id=wedding.tenant_id, wedding_id=wedding.id, event_id=event.id, name=name, position=position
                )
            )
        else:
            option.name, option.position = name, position
    for gone in by_name.values():
        session.delete(gone)  # choices of this meal become "no choice" (ON DELETE SET NULL)
    session.flush()
    audit.record(
        session,
        principal,
        "event.create" if before is None else "event.update",
        tenant_id=wedding.tenant_id,
        obj=event,
        before=before,
        after=_snapshot(event, meals),
    )
    return event


def delete_event(session: Session, principal: Principal, wedding_id: Any, event_id: Any, *, confirmed: bool) -> None:
    """Delete an event; its invitations, answers and meal options go with it."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    event = _in_wedding(session, WeddingEvent, wedding, event_id)
    if not confirmed:
        raise ValidationError({"": N_("Confirm the deletion first.")})
    audit.record(
        session, principal, "event.delete", tenant_id=wedding.tenant_id, obj=event, before=_snapshot(event, [])
    )
    session.delete(event)
    session.flush()


def add_standard_events(session: Session, principal: Principal, wedding_id: Any, *, names: Mapping[str, str]) -> int:
    """A ceremony at 15:00 and a reception at 18:00 on the wedding day, when the wedding has no event yet.

    `names` gives the events' names in the couple's language ({"ceremony": ..., "reception": ...}).
    """
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    if _events(session, wedding):
        return 0
    tz = ZoneInfo(wedding.timezone)
    for kind, hour in (("ceremony", 15), ("reception", 18)):
        event = WeddingEvent(
            tenant_id=wedding.tenant_id,
            wedding_id=wedding.id,
            name=clean_text(names.get(kind) or kind.title(), 120),
            kind=kind,
            starts_at=datetime.combine(wedding.wedding_date, time(hour, 0), tz).astimezone(UTC),
            location=wedding.venue_name,
        )
        session.add(event)
        session.flush()
        audit.record(
            session, principal, "event.create", tenant_id=wedding.tenant_id, obj=event, after=_snapshot(event, [])
        )
    return 2
