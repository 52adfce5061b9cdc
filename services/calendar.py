"""Calendar feeds (RFC 5545): a personal subscription URL per user and wedding, and single-item downloads.

The feed holds the wedding's events, the day-of timeline, open tasks with a due date and payments
due (BudgetItem.due_date, read only). UIDs are stable (`<kind>-<row id>@attitudes.vip`); each item's
SEQUENCE is kept in CalendarSequence and bumped whenever the item's content digest changes, whoever
changed it. The text is written directly (the icalendar library is used for VTIMEZONE only, and by
the tests to parse the feed back), so a feed of several hundred items renders in milliseconds.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, select

from models.base import utcnow
from models.planning import BudgetItem, Task, TimelineItem
from models.schedule import CalendarSequence, CalendarSubscription
from models.weddings import Wedding, WeddingEvent
from services import audit, i18n
from services.auth import load_principal
from services.authz import Permission, Principal
from services.errors import N_, DomainError, NotFound
from services.sessions import hash_token
from services.timeline import new_token
from services.weddings import couple_names, load_wedding

PRODID = "-//Attitudes.vip//Wedding planning//EN"
UID_DOMAIN = "attitudes.vip"
KINDS = ("event", "timeline", "task", "payment")
_BAD_LINK = N_("This calendar link is not valid any more. Create a new one in the app.")


@dataclass(frozen=True)
class CalItem:
    uid: str
    summary: str
    start: datetime | date  # aware datetime (timed) or date (all day)
    end: datetime | date
    location: str = ""
    description: str = ""
    category: str = ""
    transparent: bool = False

    def digest(self) -> str:
        raw = "\x1f".join(
            (self.summary, str(self.start), str(self.end), self.location, self.description, self.category)
        )
        return hashlib.sha256(raw.encode()).hexdigest()


# ---- gathering the wedding's items --------------------------------------------------------------


def wedding_items(
    session: Session, wedding: Wedding, lang: str, *, only: tuple[str, Any] | None = None
) -> list[CalItem]:
    """Every calendar item of a wedding (or only one: (kind, id)), texts in `lang`."""
    tr = lambda msgid, **kw: i18n.gettext(lang, msgid, **kw)  # noqa: E731
    items: list[CalItem] = []
    wid = wedding.id
    kind, only_id = only if only else (None, None)

    def wanted(k: str) -> bool:
        return kind is None or kind == k

    def by_id(column):
        return (column == only_id,) if only_id is not None else ()

    if wanted("event"):
        for e in session.exec(
            select(WeddingEvent).where(
                WeddingEvent.wedding_id == wid, WeddingEvent.starts_at.is_not(None), *by_id(WeddingEvent.id)
            )
        ).all():
            items.append(
                CalItem(
                    f"event-{e.id}@{UID_DOMAIN}",
                    f"{e.name} · {couple_names(wedding)}",
                    e.starts_at,
                    e.starts_at + timedelta(hours=1),
                    e.location,
                    category=tr("Event"),
                )
            )
    if wanted("timeline"):
        for t in session.exec(
            select(TimelineItem).where(TimelineItem.wedding_id == wid, *by_id(TimelineItem.id))
        ).all():
            details = []
            if t.people:
                details.append(tr("People: {names}", names=t.people))
            if t.vendors:
                details.append(tr("Vendors: {names}", names=t.vendors))
            if t.notes:
                details.append(t.notes)
            items.append(
                CalItem(
                    f"timeline-{t.id}@{UID_DOMAIN}",
                    t.title,
                    t.starts_at,
                    t.starts_at + timedelta(minutes=t.duration_minutes),
                    t.location,
                    "\n".join(details),
                    tr("Timeline"),
                )
            )
    if wanted("task"):
        rows = session.exec(
            select(Task.id, Task.title, Task.category, Task.due_date, Task.notes).where(
                Task.wedding_id == wid, Task.done_at.is_(None), Task.due_date.is_not(None), *by_id(Task.id)
            )
        ).all()
        for task_id, title, category, due, notes in rows:
            items.append(
                CalItem(
                    f"task-{task_id}@{UID_DOMAIN}",
                    tr("To do: {title}", title=title),
                    due,
                    due + timedelta(days=1),
                    description=notes,
                    category=category or tr("Task"),
                    transparent=True,
                )
            )
    if wanted("payment"):
        money = i18n.money_formatter(wedding.currency, lang)
        rows = session.exec(
            select(
                BudgetItem.id,
                BudgetItem.name,
                BudgetItem.due_date,
                BudgetItem.estimated_minor,
                BudgetItem.committed_minor,
                BudgetItem.paid_minor,
            ).where(BudgetItem.wedding_id == wid, BudgetItem.due_date.is_not(None), *by_id(BudgetItem.id))
        ).all()
        for item_id, name, due, estimated, committed, paid in rows:
            remaining = (committed or estimated) - paid
            if remaining <= 0:
                continue
            amount = money(remaining)
            items.append(
                CalItem(
                    f"payment-{item_id}@{UID_DOMAIN}",
                    tr("Payment due: {name} ({amount})", name=name, amount=amount),
                    due,
                    due + timedelta(days=1),
                    description=tr("Still to pay: {amount}", amount=amount),
                    category=tr("Payment"),
                    transparent=True,
                )
            )
    return items


def sequences(
    session: Session, wedding: Wedding, items: list[CalItem], now: datetime
) -> dict[str, tuple[int, datetime]]:
    """SEQUENCE and last change of every item; a changed digest bumps the sequence (RFC 5545 3.8.7.4)."""
    known = {
        row.uid: row
        for row in session.execute(
            sa.select(
                CalendarSequence.id,
                CalendarSequence.uid,
                CalendarSequence.sequence,
                CalendarSequence.digest,
                CalendarSequence.changed_at,
            ).where(CalendarSequence.wedding_id == wedding.id)
        ).all()
    }
    result: dict[str, tuple[int, datetime]] = {}
    new_rows, changed = [], []
    for item in items:
        digest = item.digest()
        row = known.get(item.uid)
        if row is None:
            new_rows.append(
                {
                    "id": uuid.uuid4(),
                    "tenant_id": wedding.tenant_id,
                    "wedding_id": wedding.id,
                    "uid": item.uid,
                    "sequence": 0,
                    "digest": digest,
                    "changed_at": now,
                }
            )
            result[item.uid] = (0, now)
        elif row.digest != digest:
            changed.append({"row_id": row.id, "sequence": row.sequence + 1, "digest": digest, "changed_at": now})
            result[item.uid] = (row.sequence + 1, now)
        else:
            result[item.uid] = (row.sequence, row.changed_at)
    if changed:
        table = CalendarSequence.__table__
        session.execute(
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values(
                sequence=sa.bindparam("sequence"), digest=sa.bindparam("digest"), changed_at=sa.bindparam("changed_at")
            ),
            changed,
        )
    if new_rows:
        try:
            with session.begin_nested():  # a concurrent fetch may have created them: theirs are as good
                session.execute(sa.insert(CalendarSequence), new_rows)
        except sa.exc.IntegrityError:
            pass
    return result


# ---- writing RFC 5545 ---------------------------------------------------------------------------


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # continuation byte: step back
            end -= 1
        parts.append(raw[start:end].decode())
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, value: datetime | date, tz: str) -> str:
    if isinstance(value, datetime):
        if tz == "UTC":
            return f"{name}:{_utc(value)}"
        return f"{name};TZID={tz}:{value.astimezone(ZoneInfo(tz)).strftime('%Y%m%dT%H%M%S')}"
    return f"{name};VALUE=DATE:{value.strftime('%Y%m%d')}"


@lru_cache(maxsize=64)
def vtimezone(tz: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE block for `tz`, covering the given years, from the system's zone data."""
    from icalendar import Timezone

    block = Timezone.from_tzinfo(
        ZoneInfo(tz), tzid=tz, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1)
    )
    return block.to_ical().decode().replace("\r\n", "\n").strip("\n").replace("\n", "\r\n")


def render(
    wedding: Wedding,
    items: list[CalItem],
    seqs: dict[str, tuple[int, datetime]],
    *,
    now: datetime,
    name: str,
    lang: str,
) -> bytes:
    tz = wedding.timezone
    stamp = _utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape(name)}",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{tz}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    if tz != "UTC" and any(isinstance(i.start, datetime) for i in items):
        lines.append(vtimezone(tz, wedding.wedding_date.year - 2, wedding.wedding_date.year + 2))
    for item in sorted(items, key=lambda i: (str(i.start), i.uid)):
        sequence, changed = seqs.get(item.uid, (0, now))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.uid}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{_utc(changed)}",
            f"SEQUENCE:{sequence}",
            _when("DTSTART", item.start, tz),
            _when("DTEND", item.end, tz),
            fold(f"SUMMARY:{escape(item.summary)}"),
        ]
        if item.location:
            lines.append(fold(f"LOCATION:{escape(item.location)}"))
        if item.description:
            lines.append(fold(f"DESCRIPTION:{escape(item.description)}"))
        if item.category:
            lines.append(fold(f"CATEGORIES:{escape(item.category)}"))
        lines.append("TRANSP:TRANSPARENT" if item.transparent else "TRANSP:OPAQUE")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


# ---- subscriptions ------------------------------------------------------------------------------


def _active(session: Session, principal: Principal, wedding: Wedding) -> CalendarSubscription | None:
    return session.exec(
        select(CalendarSubscription).where(
            CalendarSubscription.wedding_id == wedding.id,
            CalendarSubscription.user_id == principal.user_id,
            CalendarSubscription.revoked_at.is_(None),
        )
    ).first()


def subscription_status(session: Session, principal: Principal, wedding_id: Any, *, lang: str) -> dict[str, Any]:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    sub = _active(session, principal, wedding)
    if sub is None:
        return {"active": False, "hint": "", "created": "", "fetched": ""}
    return {
        "active": True,
        "hint": sub.token_hint,
        "created": i18n.format_day(sub.created_at.date(), lang, "medium"),
        "fetched": i18n.format_moment(sub.last_fetched_at, lang, wedding.timezone, "short")
        if sub.last_fetched_at
        else "",
    }


def create_subscription(session: Session, principal: Principal, wedding_id: Any) -> str:
    """A new personal feed URL token; any earlier one of this user for this wedding stops working."""
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    now = utcnow()
    old = _active(session, principal, wedding)
    if old is not None:
        old.revoked_at = now
    token, digest = new_token()
    sub = CalendarSubscription(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        user_id=principal.user_id,
        token_hash=digest,
        token_hint=token[-4:],
    )
    session.add(sub)
    session.flush()
    audit.record(session, principal, "calendar.subscribe", tenant_id=wedding.tenant_id, obj=sub)
    return token


def revoke_subscription(session: Session, principal: Principal, wedding_id: Any) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    sub = _active(session, principal, wedding)
    if sub is not None:
        sub.revoked_at = utcnow()
        audit.record(session, principal, "calendar.unsubscribe", tenant_id=wedding.tenant_id, obj=sub)


def feed(session: Session, token: str, *, now: datetime | None = None) -> bytes:
    """The ICS text behind a subscription token, for as long as its user may still view the wedding."""
    now = now or utcnow()
    if not token or len(token) > 100:
        raise NotFound(_BAD_LINK)
    sub = session.exec(select(CalendarSubscription).where(CalendarSubscription.token_hash == hash_token(token))).first()
    principal = load_principal(session, sub.user_id) if sub is not None and sub.revoked_at is None else None
    if principal is None:
        raise NotFound(_BAD_LINK)
    try:
        wedding = load_wedding(session, principal, sub.wedding_id, Permission.PLANNING_VIEW)
    except DomainError:  # removed from the team, or the wedding was deleted: the feed ends
        raise NotFound(_BAD_LINK) from None
    lang = principal.locale
    items = wedding_items(session, wedding, lang)
    seqs = sequences(session, wedding, items, now)
    sub.last_fetched_at = now
    name = i18n.gettext(lang, "Wedding of {couple}", couple=couple_names(wedding))
    return render(wedding, items, seqs, now=now, name=name, lang=lang)


def item_ics(
    session: Session, principal: Principal, wedding_id: Any, kind: str, item_id: Any, *, now: datetime | None = None
) -> tuple[str, bytes]:
    """One item as a downloadable .ics file: (file name, content)."""
    now = now or utcnow()
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    try:
        row_id = uuid.UUID(str(item_id))
    except ValueError:
        raise NotFound() from None
    if kind not in KINDS:
        raise NotFound()
    lang = principal.locale
    items = wedding_items(session, wedding, lang, only=(kind, row_id))
    if not items:
        raise NotFound()
    seqs = sequences(session, wedding, items, now)
    body = render(wedding, items, seqs, now=now, name=items[0].summary, lang=lang)
    slug = "".join(c if c.isalnum() else "-" for c in items[0].summary.lower()).strip("-")[:40] or kind
    return f"{slug}.ics", body
