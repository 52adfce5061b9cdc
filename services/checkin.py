"""Check-in on the day: find a household (QR code or name), mark its members arrived, count arrivals.

Two stations may check in the same household at the same moment: the unique (guest, event) pair on
GuestCheckIn decides, the insert does nothing on a conflict, and the loser reads the winner's record
("already checked in at 14:32 by station Door 2"). Every read and write goes through load_wedding,
and households, guests and events are looked up within that wedding only.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from rapidfuzz import fuzz
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, func, select

from models.base import utcnow
from models.checkin import GuestCheckIn
from models.guests import Guest, GuestEventInvitation, Household
from models.seating import SeatAssignment, SeatingPlan, SeatingTable
from models.tenancy import User
from models.weddings import Wedding, WeddingEvent
from services import audit
from services.authz import Permission, Principal
from services.errors import N_, Msg, NotFound, TamperedInput, ValidationError
from services.guests import _events, _guests_in_wedding, _in_wedding, clean_text, fold, hash_token, main_event
from services.weddings import load_wedding

EXPECTED_STATUSES = ("attending", "pending")
MAX_RESULTS = 8
MAX_STATION = 60
# The household's private link, as the RSVP QR code encodes it: {base_url}/rsvp/<token>
_SCAN = re.compile(r"/rsvp/([A-Za-z0-9_\-]{16,128})/?(?:[?#].*)?$")
NOT_OUR_GUEST = N_("This code is not an invitation to this wedding: not a guest of this wedding.")


@dataclass
class CheckInRecord:
    guest_id: str
    guest_name: str
    at: datetime
    station: str
    by_name: str


@dataclass
class Member:
    guest_id: str
    first_name: str
    last_name: str
    status: str  # attending | pending | declined | not_invited (for the chosen event)
    plus_one: bool  # an attending plus-one comes along
    plus_one_name: str
    age_group: str
    dietary: list[str]
    dietary_notes: str
    accessibility: str
    table: str  # the table's label on the event's seating plan, "" when not seated
    checkin: CheckInRecord | None = None
    plus_one_table: str = ""  # where the plus-one sits (next to their guest), "" when not seated

    @property
    def expected(self) -> bool:
        return self.status in EXPECTED_STATUSES


@dataclass
class HouseholdCard:
    household_id: str
    name: str
    event_id: str
    event_name: str
    members: list[Member]


@dataclass
class Arrivals:
    event_id: str
    event_name: str
    arrived: int  # people: checked-in guests and their attending plus-ones
    expected: int  # people: attending or undecided guests and attending plus-ones
    checkins: int  # check-in records at the event
    on_now: bool = False  # the event starts or started within 12 hours of now: the day is on


@dataclass
class SearchHit:
    household_id: str
    name: str
    members: list[str]
    expected: int
    arrived: int


@dataclass
class CheckInOutcome:
    event_name: str
    created: list[str] = field(default_factory=list)  # names checked in now
    already: list[CheckInRecord] = field(default_factory=list)  # earlier records (first one wins)
    warnings: list[Msg] = field(default_factory=list)


@dataclass
class Setup:
    events: list[tuple[str, str]]  # (id, name)
    default_event_id: str
    timezone: str


def _event(session: Session, wedding: Wedding, event_id: Any) -> WeddingEvent:
    if event_id:
        return _in_wedding(session, WeddingEvent, wedding, event_id)
    main = main_event(_events(session, wedding))
    if main is None:
        raise ValidationError({"": N_("Add an event to the guest list first: check-in happens per event.")})
    return main


def _default_event(events: list[WeddingEvent], now: datetime) -> WeddingEvent | None:
    """The event on now's day that started last (else the next one today), else the main event."""
    today = [e for e in events if e.starts_at and abs((e.starts_at - now).total_seconds()) < 12 * 3600]
    started = [e for e in today if e.starts_at <= now]
    if started:
        return max(started, key=lambda e: e.starts_at)
    if today:
        return min(today, key=lambda e: e.starts_at)
    return main_event(events)


def checkin_setup(session: Session, principal: Principal, wedding_id: Any, *, now: datetime | None = None) -> Setup:
    """The events a station can check in to, and the one to start with. Staff only (GUESTS_EDIT)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    events = _events(session, wedding)
    default = _default_event(events, now or utcnow())
    return Setup([(str(e.id), e.name) for e in events], str(default.id) if default else "", wedding.timezone)


def _records(session: Session, event_id: uuid.UUID, guest_ids: list[uuid.UUID]) -> dict[uuid.UUID, CheckInRecord]:
    if not guest_ids:
        return {}
    rows = session.exec(
        select(GuestCheckIn, Guest.first_name, Guest.last_name, User.display_name)
        .join(Guest, Guest.id == GuestCheckIn.guest_id)
        .join(User, User.id == GuestCheckIn.checked_in_by, isouter=True)
        .where(GuestCheckIn.event_id == event_id, GuestCheckIn.guest_id.in_(guest_ids))
    ).all()
    return {
        c.guest_id: CheckInRecord(str(c.guest_id), f"{first} {last}".strip(), c.created_at, c.station, by or "")
        for c, first, last, by in rows
    }


def _tables(
    session: Session, wedding: Wedding, event: WeddingEvent, guest_ids: list[uuid.UUID]
) -> dict[tuple[uuid.UUID, bool], str]:
    """(guest id, is their plus-one) -> the label of their table on the event's seating plan (one query)."""
    if not guest_ids:
        return {}
    rows = session.exec(
        select(SeatAssignment.guest_id, SeatAssignment.companion, SeatingTable.label)
        .join(SeatingTable, SeatingTable.id == SeatAssignment.table_id)
        .join(SeatingPlan, SeatingPlan.id == SeatAssignment.plan_id)
        .where(
            SeatingPlan.event_id == event.id,
            SeatingPlan.wedding_id == wedding.id,
            SeatingPlan.tenant_id == wedding.tenant_id,
            SeatAssignment.guest_id.in_(guest_ids),
        )
    ).all()
    return {(gid, bool(companion)): label for gid, companion, label in rows}


def household_card(
    session: Session, principal: Principal, wedding_id: Any, household_id: Any, event_id: Any
) -> HouseholdCard:
    """Who in the household is expected at the event, their diet, table and check-in."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    household = _in_wedding(session, Household, wedding, household_id)
    event = _event(session, wedding, event_id)
    guests = session.exec(
        select(Guest)
        .where(Guest.household_id == household.id, Guest.wedding_id == wedding.id)
        .order_by(Guest.created_at, Guest.first_name)
    ).all()
    invs = {
        i.guest_id: i
        for i in session.exec(
            select(GuestEventInvitation).where(
                GuestEventInvitation.event_id == event.id,
                GuestEventInvitation.guest_id.in_([g.id for g in guests]),
            )
        ).all()
    }
    records = _records(session, event.id, [g.id for g in guests])
    tables = _tables(session, wedding, event, [g.id for g in guests])
    members = []
    for g in guests:
        inv = invs.get(g.id)
        members.append(
            Member(
                guest_id=str(g.id),
                first_name=g.first_name,
                last_name=g.last_name,
                status=inv.rsvp_status if inv else "not_invited",
                plus_one=bool(inv and inv.plus_one_attending),
                plus_one_name=g.plus_one_name if g.plus_one == "named" else "",
                age_group=g.age_group,
                dietary=list(g.dietary or []),
                dietary_notes=g.dietary_notes,
                accessibility=g.accessibility,
                table=tables.get((g.id, False), ""),
                checkin=records.get(g.id),
                plus_one_table=tables.get((g.id, True), "") if inv and inv.plus_one_attending else "",
            )
        )
    # Expected members first, then the others; the household's own order within each group.
    members.sort(key=lambda m: (not m.expected, m.status == "not_invited"))
    return HouseholdCard(str(household.id), household.name, str(event.id), event.name, members)


def resolve_scan(session: Session, principal: Principal, wedding_id: Any, text: str) -> str:
    """The household id behind a scanned RSVP link ({base_url}/rsvp/<token>), in this wedding only."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    match = _SCAN.search(str(text or "").strip()[:2000])
    if not match:
        raise ValidationError({"": NOT_OUR_GUEST})
    household = session.exec(
        select(Household).where(
            Household.invite_token_hash == hash_token(match.group(1)),
            Household.wedding_id == wedding.id,
            Household.tenant_id == wedding.tenant_id,
        )
    ).first()
    if household is None:  # unknown, revoked, or another wedding's code: the same answer
        raise ValidationError({"": NOT_OUR_GUEST})
    return str(household.id)


def search_households(
    session: Session, principal: Principal, wedding_id: Any, event_id: Any, text: str
) -> list[SearchHit]:
    """Households whose name or a member's name matches `text`, tolerant of case, accents and typos."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    event = _event(session, wedding, event_id)
    query = fold(clean_text(text, 100))
    if len(query) < 2:
        return []
    rows = session.exec(
        select(Guest.id, Guest.first_name, Guest.last_name, Household.id, Household.name)
        .join(Household, Household.id == Guest.household_id)
        .where(Guest.wedding_id == wedding.id, Guest.tenant_id == wedding.tenant_id)
    ).all()
    words = query.split()
    scores: dict[uuid.UUID, float] = {}
    members: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
    names: dict[uuid.UUID, str] = {}
    for gid, first, last, hid, hname in rows:
        full = f"{first} {last}".strip()
        members.setdefault(hid, []).append((gid, full))
        names[hid] = hname
        hay = fold(f"{full} {hname}")
        if all(w in hay for w in words):
            score = 100.0 + (5 if hay.startswith(query) else 0)
        else:
            score = max(fuzz.partial_ratio(query, fold(full)), fuzz.partial_ratio(query, fold(hname)))
            if score < 80:
                continue
        scores[hid] = max(scores.get(hid, 0), score)
    best = sorted(scores, key=lambda h: (-scores[h], fold(names[h])))[:MAX_RESULTS]
    if not best:
        return []
    guest_ids = [gid for h in best for gid, _ in members[h]]
    status = dict(
        session.exec(
            select(GuestEventInvitation.guest_id, GuestEventInvitation.rsvp_status).where(
                GuestEventInvitation.event_id == event.id, GuestEventInvitation.guest_id.in_(guest_ids)
            )
        ).all()
    )
    arrived = set(
        session.exec(
            select(GuestCheckIn.guest_id).where(GuestCheckIn.event_id == event.id, GuestCheckIn.guest_id.in_(guest_ids))
        ).all()
    )
    return [
        SearchHit(
            household_id=str(h),
            name=names[h],
            members=[n for _, n in members[h]],
            expected=sum(1 for gid, _ in members[h] if status.get(gid) in EXPECTED_STATUSES),
            arrived=sum(1 for gid, _ in members[h] if gid in arrived),
        )
        for h in best
    ]


def _insert_checkin(session: Session, values: dict[str, Any]) -> bool:
    """Insert one check-in unless (guest, event) already has one; True when this call wrote it."""
    table = GuestCheckIn.__table__
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    # ON CONFLICT DO NOTHING: a concurrent station's insert waits for ours, then does nothing.
    stmt = (
        insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["guest_id", "event_id"])
        .returning(table.c.id)
    )
    return session.execute(stmt).first() is not None


def check_in(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    event_id: Any,
    guest_ids: list[Any],
    *,
    station: str,
    now: datetime | None = None,
) -> CheckInOutcome:
    """Mark guests arrived at an event. A guest already checked in keeps the first record, returned in `already`."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    event = _event(session, wedding, event_id)
    if not isinstance(guest_ids, list | tuple) or len(guest_ids) > 50:
        raise TamperedInput()
    guests = _guests_in_wedding(session, wedding, guest_ids)
    order = {str(g): i for i, g in enumerate(guest_ids)}
    guests.sort(key=lambda g: order.get(str(g.id), 0))  # in the order the station listed them
    if not guests:
        raise ValidationError({"": N_("Choose who arrived first.")})
    name = clean_text(station, MAX_STATION)
    if not name:
        raise ValidationError({"station": N_("Enter this station's name first, like Door 1.")})
    status = dict(
        session.exec(
            select(GuestEventInvitation.guest_id, GuestEventInvitation.rsvp_status).where(
                GuestEventInvitation.event_id == event.id,
                GuestEventInvitation.guest_id.in_([g.id for g in guests]),
            )
        ).all()
    )
    outsiders = [g for g in guests if g.id not in status]
    if outsiders:
        who = ", ".join(f"{g.first_name} {g.last_name}".strip() for g in outsiders)
        raise ValidationError({"": N_("{name} is not invited to {event}.", name=who, event=event.name)})
    outcome = CheckInOutcome(event.name)
    moment = now or utcnow()
    written: set[uuid.UUID] = set()
    for g in guests:
        full = f"{g.first_name} {g.last_name}".strip()
        wrote = _insert_checkin(
            session,
            {
                "id": uuid.uuid4(),
                "tenant_id": wedding.tenant_id,
                "wedding_id": wedding.id,
                "guest_id": g.id,
                "event_id": event.id,
                "station": name,
                "checked_in_by": principal.user_id,
                "created_at": moment,
            },
        )
        if not wrote:
            continue
        written.add(g.id)
        outcome.created.append(full)
        if status[g.id] == "declined":
            outcome.warnings.append(N_("{name} had declined {event}: checked in anyway.", name=full, event=event.name))
        audit.record(
            session,
            principal,
            "guest.checkin",
            tenant_id=wedding.tenant_id,
            obj=g,
            after={"event": str(event.id), "station": name},
        )
    late = [g.id for g in guests if g.id not in written]
    outcome.already = sorted(_records(session, event.id, late).values(), key=lambda r: r.at)
    return outcome


def undo_check_in(
    session: Session, principal: Principal, wedding_id: Any, event_id: Any, guest_id: Any, *, confirmed: bool
) -> str:
    """Remove a guest's check-in at an event (after confirmation); returns the guest's name."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_EDIT)
    event = _event(session, wedding, event_id)
    guest = _in_wedding(session, Guest, wedding, guest_id)
    if not confirmed:
        raise ValidationError({"": N_("Confirm the undo first.")})
    record = session.exec(
        select(GuestCheckIn).where(GuestCheckIn.guest_id == guest.id, GuestCheckIn.event_id == event.id)
    ).first()
    if record is None:
        raise NotFound()
    audit.record(
        session,
        principal,
        "guest.checkin_undo",
        tenant_id=wedding.tenant_id,
        obj=guest,
        before={"event": str(event.id), "station": record.station, "at": record.created_at.isoformat()},
    )
    session.delete(record)
    session.flush()
    return f"{guest.first_name} {guest.last_name}".strip()


def _arrivals(session: Session, wedding: Wedding, event: WeddingEvent, now: datetime) -> Arrivals:
    inv = GuestEventInvitation
    expected = session.exec(
        select(func.count(), func.coalesce(func.sum(sa.case((inv.plus_one_attending, 1), else_=0)), 0)).where(
            inv.wedding_id == wedding.id, inv.event_id == event.id, inv.rsvp_status.in_(EXPECTED_STATUSES)
        )
    ).one()
    arrived = session.exec(
        select(
            func.count(GuestCheckIn.id),
            func.coalesce(
                func.sum(sa.case((inv.plus_one_attending & (inv.rsvp_status == "attending"), 1), else_=0)), 0
            ),
        )
        .select_from(GuestCheckIn)
        .join(inv, (inv.guest_id == GuestCheckIn.guest_id) & (inv.event_id == GuestCheckIn.event_id), isouter=True)
        .where(GuestCheckIn.wedding_id == wedding.id, GuestCheckIn.event_id == event.id)
    ).one()
    return Arrivals(
        event_id=str(event.id),
        event_name=event.name,
        arrived=int(arrived[0]) + int(arrived[1]),
        expected=int(expected[0]) + int(expected[1]),
        checkins=int(arrived[0]),
        on_now=bool(event.starts_at and abs((event.starts_at - now).total_seconds()) < 12 * 3600),
    )


def arrivals(
    session: Session, principal: Principal, wedding_id: Any, event_id: Any = "", *, now: datetime | None = None
) -> Arrivals | None:
    """Arrived / expected people at an event (default: today's event, else the main event); None without events."""
    wedding = load_wedding(session, principal, wedding_id, Permission.GUESTS_VIEW)
    now = now or utcnow()
    if event_id:
        event = _in_wedding(session, WeddingEvent, wedding, event_id)
    else:
        event = _default_event(_events(session, wedding), now)
        if event is None:
            return None
    return _arrivals(session, wedding, event, now)


def change_marker(session: Session, principal: Principal, wedding_id: Any) -> str:
    """A cheap fingerprint of the wedding's guest answers and check-ins: it changes when a count may have.

    Live pages poll it every few seconds and reload their numbers only when it moves. Four indexed
    aggregates on the wedding's own rows; no write, so stations never contend on a shared counter.
    """
    wedding = load_wedding(session, principal, wedding_id, Permission.WEDDING_VIEW)
    inv, chk = GuestEventInvitation, GuestCheckIn
    answers = session.exec(
        select(
            func.count(),
            func.coalesce(func.sum(sa.case((inv.rsvp_status == "attending", 1), else_=0)), 0),
            func.coalesce(func.sum(sa.case((inv.rsvp_status == "declined", 1), else_=0)), 0),
            func.coalesce(func.sum(sa.case((inv.plus_one_attending, 1), else_=0)), 0),
            func.max(inv.responded_at),
        ).where(inv.wedding_id == wedding.id)
    ).one()
    arrivals_row = session.exec(
        select(func.count(), func.max(chk.created_at)).where(chk.wedding_id == wedding.id)
    ).one()
    guests_row = session.exec(
        select(func.count(), func.max(Guest.updated_at), func.max(Guest.created_at)).where(
            Guest.wedding_id == wedding.id
        )
    ).one()
    return "|".join(str(v) for v in (*answers, *arrivals_row, *guests_row))
