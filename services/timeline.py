"""The day-of timeline: an ordered schedule per event, overlaps flagged, and read-only share links."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from models.base import utcnow
from models.planning import TimelineItem
from models.schedule import TimelineShareLink
from models.weddings import Wedding, WeddingEvent
from services import audit, i18n
from services.authz import Permission, Principal, can
from services.errors import N_, Conflict, Msg, NotFound, TamperedInput, ValidationError
from services.sessions import hash_token
from services.tenancy import get_scoped, scoped
from services.weddings import TIMEZONES, couple_names, load_wedding

ITEM_FIELDS = frozenset(
    {"event_id", "day", "start", "duration", "title", "location", "people", "vendors", "notes", "timezone"}
)
MAX_MINUTES = 24 * 60
MAX_SHARE_LINKS = 50


@dataclass(frozen=True)
class ItemFields:
    event_id: uuid.UUID | None
    starts_at: datetime
    duration_minutes: int
    title: str
    location: str
    people: str
    vendors: str
    notes: str


def _line(raw: Any) -> str:
    return " ".join(str(raw or "").split())


def parse_item_form(data: Mapping[str, Any], *, wedding: Wedding, event_ids: set[uuid.UUID]) -> ItemFields:
    """Validate a timeline item; every problem is reported at once, next to its field."""
    if set(data) - ITEM_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    title = _line(data.get("title"))
    if not title:
        errors["title"] = N_("Enter a title, like Ceremony or First dance.")
    elif len(title) > 200:
        errors["title"] = N_("Keep the title under {n} characters.", n=200)
    event_id: uuid.UUID | None = None
    if raw_event := str(data.get("event_id") or "").strip():
        try:
            event_id = uuid.UUID(raw_event)
        except ValueError:
            raise TamperedInput() from None
        if event_id not in event_ids:
            errors["event_id"] = N_("Choose an event from the list.")
    tz = str(data.get("timezone") or "").strip() or wedding.timezone
    if tz not in TIMEZONES:
        errors["timezone"] = N_("Choose a time zone from the list, like Europe/Paris.")
    day = wedding.wedding_date
    if raw_day := str(data.get("day") or "").strip():
        try:
            day = date.fromisoformat(raw_day)
            if abs((day - wedding.wedding_date).days) > 30:
                errors["day"] = N_("Choose a day within a month of the wedding.")
        except ValueError:
            errors["day"] = N_("Enter a date like 2027-06-12.")
    start: time | None = None
    try:
        start = time.fromisoformat(str(data.get("start") or "").strip())
    except ValueError:
        errors["start"] = N_("Enter a time like 14:30.")
    minutes = 0
    try:
        minutes = int(str(data.get("duration") or "0").strip())
        if minutes < 0:
            errors["duration"] = N_("An item cannot end before it starts: enter 0 minutes or more.")
        elif minutes > MAX_MINUTES:
            errors["duration"] = N_("Keep an item under 24 hours ({n} minutes).", n=MAX_MINUTES)
    except ValueError:
        errors["duration"] = N_("Enter the duration in minutes, like 45.")
    texts = {}
    for name, limit in (("location", 200), ("people", 300), ("vendors", 300)):
        texts[name] = _line(data.get(name))
        if len(texts[name]) > limit:
            errors[name] = N_("Keep this under {n} characters.", n=limit)
    notes = str(data.get("notes") or "").strip()
    if len(notes) > 2000:
        errors["notes"] = N_("Keep the notes under {n} characters.", n=2000)
    if errors or start is None:
        raise ValidationError(errors)
    starts_at = datetime.combine(day, start.replace(tzinfo=None), ZoneInfo(tz)).astimezone(UTC)
    return ItemFields(event_id, starts_at, minutes, title, texts["location"], texts["people"], texts["vendors"], notes)


def _events(session: Session, principal: Principal, wedding: Wedding) -> list[WeddingEvent]:
    return list(
        session.exec(
            scoped(principal, WeddingEvent, WeddingEvent.wedding_id == wedding.id).order_by(
                WeddingEvent.starts_at.is_(None), WeddingEvent.starts_at, WeddingEvent.name
            )
        ).all()
    )


def _snapshot(item: TimelineItem) -> dict[str, str]:
    return {
        "title": item.title,
        "starts_at": item.starts_at.isoformat(),
        "duration_minutes": str(item.duration_minutes),
        "event_id": str(item.event_id or ""),
        "location": item.location,
    }


def add_item(session: Session, principal: Principal, wedding_id: Any, data: Mapping[str, Any]) -> TimelineItem:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    fields = parse_item_form(data, wedding=wedding, event_ids={e.id for e in _events(session, principal, wedding)})
    item = TimelineItem(tenant_id=wedding.tenant_id, wedding_id=wedding.id, **fields.__dict__)
    session.add(item)
    session.flush()
    audit.record(session, principal, "timeline.create", tenant_id=wedding.tenant_id, obj=item, after=_snapshot(item))
    return item


def _item(session: Session, principal: Principal, wedding: Wedding, item_id: Any) -> TimelineItem:
    return get_scoped(session, principal, TimelineItem, item_id, TimelineItem.wedding_id == wedding.id)


def update_item(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    item_id: Any,
    data: Mapping[str, Any],
    *,
    expected_version: int,
) -> TimelineItem:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    item = _item(session, principal, wedding, item_id)
    fields = parse_item_form(data, wedding=wedding, event_ids={e.id for e in _events(session, principal, wedding)})
    if item.version != expected_version:
        raise Conflict()
    before = _snapshot(item)
    for key, value in fields.__dict__.items():
        setattr(item, key, value)
    item.version += 1
    audit.record(
        session,
        principal,
        "timeline.update",
        tenant_id=wedding.tenant_id,
        obj=item,
        before=before,
        after=_snapshot(item),
    )
    return item


def delete_item(session: Session, principal: Principal, wedding_id: Any, item_id: Any) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    item = _item(session, principal, wedding, item_id)
    audit.record(session, principal, "timeline.delete", tenant_id=wedding.tenant_id, obj=item, before=_snapshot(item))
    session.delete(item)


# ---- overlaps ---------------------------------------------------------------------------------


def find_overlaps(spans: Sequence[tuple[Hashable, datetime, datetime]]) -> dict[Hashable, list[Hashable]]:
    """For each span (key, start, end), the keys of the spans it overlaps. Touching ends do not overlap,
    and zero-length items (milestones) never do."""
    ordered = sorted((s for s in spans if s[2] > s[1]), key=lambda s: (s[1], s[2]))
    found: dict[Hashable, list[Hashable]] = {}
    for i, (key, _start, end) in enumerate(ordered):
        for other, other_start, _other_end in ordered[i + 1 :]:
            if other_start >= end:
                break
            found.setdefault(key, []).append(other)
            found.setdefault(other, []).append(key)
    return found


# ---- what the pages show ------------------------------------------------------------------------


def shift_schedule(session: Session, wedding: Wedding, days: int) -> int:
    """The wedding date moved by `days`: its events and day-of timeline items move with it, keeping their
    local clock time in the wedding's timezone (a 15:00 ceremony stays at 15:00 across a DST change).
    Returns how many rows moved. Called by services.weddings.update_wedding inside its transaction (which
    already checked access); the caller's audit entry records the date change.
    """
    if not days:
        return 0
    zone = ZoneInfo(wedding.timezone or "UTC")

    def moved(moment: datetime) -> datetime:
        local = moment.astimezone(zone)
        wall = datetime.combine(local.date() + timedelta(days=days), local.time(), tzinfo=zone)
        return wall.astimezone(UTC)

    count = 0
    for event in session.exec(select(WeddingEvent).where(WeddingEvent.wedding_id == wedding.id)).all():
        if event.starts_at is not None:
            event.starts_at = moved(event.starts_at)
            count += 1
    for item in session.exec(select(TimelineItem).where(TimelineItem.wedding_id == wedding.id)).all():
        item.starts_at = moved(item.starts_at)
        item.version += 1
        count += 1
    return count


def _minutes_label(minutes: int, lang: str) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return i18n.gettext(lang, "{h} h {m} min", h=hours, m=rest)
    if hours:
        return i18n.gettext(lang, "{h} h", h=hours)
    return i18n.gettext(lang, "{m} min", m=rest)


def schedule(wedding: Wedding, events: list[WeddingEvent], items: list[TimelineItem], lang: str) -> list[dict]:
    """Items grouped by event (in event order), each group sorted by start, overlaps flagged."""
    tz = wedding.timezone
    known = {e.id for e in events}
    by_event: dict[uuid.UUID | None, list[TimelineItem]] = {}
    for item in sorted(items, key=lambda i: (i.starts_at, i.duration_minutes, i.title)):
        by_event.setdefault(item.event_id if item.event_id in known else None, []).append(item)
    groups = []
    for event in [*events, None]:
        rows = by_event.get(event.id if event else None, [])
        if event is None and not rows:
            continue
        ends = {i.id: i.starts_at + timedelta(minutes=i.duration_minutes) for i in rows}
        overlaps = find_overlaps([(i.id, i.starts_at, ends[i.id]) for i in rows])
        titles = {i.id: i.title for i in rows}
        local_day = lambda moment: moment.astimezone(ZoneInfo(tz)).date()  # noqa: E731
        groups.append(
            {
                "id": str(event.id) if event else "",
                "name": event.name if event else i18n.gettext(lang, "Other items"),
                "time": i18n.format_clock(event.starts_at, lang, tz) if event and event.starts_at else "",
                "day": i18n.format_day(local_day(event.starts_at), lang, "full") if event and event.starts_at else "",
                "location": event.location if event else "",
                "items": [
                    {
                        "id": str(i.id),
                        "start": i18n.format_clock(i.starts_at, lang, tz),
                        "end": i18n.format_clock(ends[i.id], lang, tz),
                        "day": i18n.format_day(local_day(i.starts_at), lang, "medium"),
                        "day_iso": local_day(i.starts_at).isoformat(),
                        "start_iso": i.starts_at.astimezone(ZoneInfo(tz)).strftime("%H:%M"),
                        "duration": _minutes_label(i.duration_minutes, lang),
                        "minutes": i.duration_minutes,
                        "title": i.title,
                        "location": i.location,
                        "people": i.people,
                        "vendors": i.vendors,
                        "notes": i.notes,
                        "event_id": str(i.event_id or ""),
                        "version": i.version,
                        "overlap": i.id in overlaps,
                        "overlap_with": ", ".join(titles[o] for o in overlaps.get(i.id, [])),
                    }
                    for i in rows
                ],
            }
        )
    return groups


def _load_items(session: Session, principal: Principal | None, wedding: Wedding) -> list[TimelineItem]:
    query = (
        scoped(principal, TimelineItem, TimelineItem.wedding_id == wedding.id)
        if principal
        else select(TimelineItem).where(TimelineItem.wedding_id == wedding.id)
    )
    return list(session.exec(query).all())


def timeline_page(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> dict[str, Any]:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    events = _events(session, principal, wedding)
    items = _load_items(session, principal, wedding)
    can_edit = can(principal, Permission.PLANNING_EDIT, wedding.tenant_id)
    links = list_share_links(session, principal, wedding) if can_edit else []
    groups = schedule(wedding, events, items, lang)
    return {
        "timezone": wedding.timezone,
        "wedding_date": wedding.wedding_date.isoformat(),
        "can_edit": can_edit,
        "events": [{"id": str(e.id), "name": e.name} for e in events],
        "groups": groups,
        "count": len(items),
        "overlaps": sum(1 for g in groups for i in g["items"] if i["overlap"]),
        "links": [
            {
                "id": str(link.id),
                "label": link.label or i18n.gettext(lang, "Share link"),
                "hint": link.token_hint,
                "created": i18n.format_day(link.created_at.date(), lang, "medium"),
            }
            for link in links
        ],
    }


# ---- share links --------------------------------------------------------------------------------


def new_token() -> tuple[str, str]:
    """A random URL-safe token (256 bits) and its SHA-256, the only thing stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def list_share_links(session: Session, principal: Principal, wedding: Wedding) -> list[TimelineShareLink]:
    return list(
        session.exec(
            scoped(
                principal,
                TimelineShareLink,
                TimelineShareLink.wedding_id == wedding.id,
                TimelineShareLink.revoked_at.is_(None),
            ).order_by(TimelineShareLink.created_at)
        ).all()
    )


def create_share_link(session: Session, principal: Principal, wedding_id: Any, label: str) -> str:
    """A new read-only link to the timeline; returns the token (shown once, never stored)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    label = _line(label)
    if len(label) > 120:
        raise ValidationError({"label": N_("Keep the name under {n} characters.", n=120)})
    if len(list_share_links(session, principal, wedding)) >= MAX_SHARE_LINKS:
        raise ValidationError({"label": N_("You have {n} active links. Revoke one before creating another.", n=50)})
    token, digest = new_token()
    link = TimelineShareLink(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        label=label,
        token_hash=digest,
        token_hint=token[-4:],
        created_by=principal.user_id,
    )
    session.add(link)
    session.flush()
    audit.record(session, principal, "timeline.share", tenant_id=wedding.tenant_id, obj=link, after={"label": label})
    return token


def revoke_share_link(session: Session, principal: Principal, wedding_id: Any, link_id: Any) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    link = get_scoped(session, principal, TimelineShareLink, link_id, TimelineShareLink.wedding_id == wedding.id)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        audit.record(session, principal, "timeline.unshare", tenant_id=wedding.tenant_id, obj=link)


def wedding_for_share_token(session: Session, token: str) -> Wedding:
    """The wedding behind a live share link; NotFound for unknown, revoked or deleted."""
    if not token or len(token) > 100:
        raise NotFound(N_("This link is not valid any more. Ask the couple for a new one."))
    link = session.exec(select(TimelineShareLink).where(TimelineShareLink.token_hash == hash_token(token))).first()
    wedding = session.get(Wedding, link.wedding_id) if link and link.revoked_at is None else None
    if wedding is None or wedding.deleted_at is not None:
        raise NotFound(N_("This link is not valid any more. Ask the couple for a new one."))
    return wedding


def public_timeline(session: Session, token: str, *, lang: str) -> dict[str, Any]:
    """The read-only timeline behind a share link: the schedule only, nothing else of the wedding."""
    wedding = wedding_for_share_token(session, token)
    events = list(
        session.exec(
            select(WeddingEvent)
            .where(WeddingEvent.wedding_id == wedding.id)
            .order_by(WeddingEvent.starts_at.is_(None), WeddingEvent.starts_at, WeddingEvent.name)
        ).all()
    )
    return _sheet(wedding, events, _load_items(session, None, wedding), lang)


def run_sheet_view(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> dict[str, Any]:
    """The same view as the share page, for a signed-in member (the PDF run sheet)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    return _sheet(wedding, _events(session, principal, wedding), _load_items(session, principal, wedding), lang)


def _sheet(wedding: Wedding, events: list[WeddingEvent], items: list[TimelineItem], lang: str) -> dict[str, Any]:
    return {
        "couple": couple_names(wedding),
        "date": i18n.format_day(wedding.wedding_date, lang, "full"),
        "venue": wedding.venue_name,
        "timezone": wedding.timezone.replace("_", " "),
        "groups": schedule(wedding, events, items, lang),
    }
