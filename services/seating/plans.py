"""Seating plans: tables, room elements, seats, rules, undo/redo, presence, counts, export/import.

Implements /tmp/brief/seating_contract.md (S2 <-> S3). Every public function takes
(session, principal, wedding_id, ...), goes through load_wedding with SEATING_VIEW or SEATING_EDIT,
finds plans, tables, guests and households within that wedding only (anything else is NotFound),
audits every change and bumps the plan's version (the live poll compares it).

No seat is ever double-booked: SeatAssignment has UNIQUE(plan_id, guest_id) and UNIQUE(table_id, seat);
a write that loses a race on them gets Conflict with the reason ("Table 7 is full: its last seat was
just taken."). Changing a table takes its row lock, seating at a table takes a shared lock on it, so a
capacity cut and a drop cannot cross. Stale table/element versions are Conflict.

Undo/redo: each change records the state before and after of what it touched (tables, elements, seats,
rules); undo writes the "before" state back, redo the "after" state (last 50 actions per user and plan).

Additions and precisions to the contract (S3 may rely on them):
- update_plan(session, principal, wedding_id, plan_id, data): keep_households_together, width, height, grid.
- jobs.latest_run(session, principal, wedding_id, plan_id) -> run id ("" when none) that is running or awaits
  a decision, so a reopened page resumes watching it.
- add_table/update_table data may carry "locked" (bool or "on"/"true"): a locked table's guests stay put
  when the optimizer runs.
- plan_view: tables[].guests[].rsvp / unassigned[].rsvp are the raw codes (pending|attending|declined, ""
  when no longer invited); a guest who declined after being seated stays on the table with rsvp
  "declined" until moved (the optimizer frees the seat). unassigned[].side is the raw code (a|b|both).
  tables[].guests[] also has sort_name ("Last, First"); rules[] also has kind_label, hard, a and b
  ("guest:<id>" / "household:<id>"); plan_view also has event_id. violations also carry household splits
  (rule_id "" and the message) when the plan keeps households together. Soft rules are "violated" when not
  met but never produce red links.
- jobs.run_status moves[] also carry guest_id; the dict also has solver_status.
- assign()/undo()/redo() messages and labels are rendered in the principal's own language (principal.locale).
- Unit: x, y, width, height, rotation are whole numbers (floor units, degrees).
- Plus-ones: a guest who brings a plus-one to the event (brings_plus_one) takes two seats side by side; the
  plus-one's SeatAssignment row has companion=True and is written only by _write_seats (with its guest, and
  put right on every seat change: _sync_companions). tables[].guests[] lists the plus-one as an entry with
  companion=True, the guest's id (dragging it moves the pair), name "Guest of …" or the named plus-one, their
  meal; guests carry plus_one (bool), unassigned[].plus_one too; totals count people; the spec export's party
  sizes include plus-ones; a plus-one still waiting for a seat (RSVP changed) is listed in violations.
"""

from __future__ import annotations

import math
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, func, select

from models.base import utcnow
from models.guests import EventMealOption, Guest, GuestEventInvitation, GuestTag, Household
from models.seating import (
    ELEMENT_KINDS,
    HARD_RULES,
    RULE_KINDS,
    TABLE_SHAPES,
    RoomElement,
    SeatAssignment,
    SeatingAction,
    SeatingPlan,
    SeatingPresence,
    SeatingRule,
    SeatingTable,
)
from models.weddings import Wedding, WeddingEvent
from services import audit, i18n
from services.authz import Permission, Principal, can
from services.errors import N_, Conflict, Msg, NotFound, TamperedInput, ValidationError
from services.guests import DIETARY_LABELS, _events, _guests_in_wedding, _in_wedding, _uuid, clean_text
from services.weddings import load_wedding

MAX_ACTIONS = 50
MAX_TABLES = 300
MAX_ELEMENTS = 100
MAX_RULES = 1000
MAX_CAPACITY = 30
MAX_ROOM = 20_000  # floor units (200 m)
PRESENCE_TTL = timedelta(seconds=10)
COLORS = ("#e5484d", "#0090ff", "#30a46c", "#f76b15", "#8e4ec6", "#d6409f", "#12a594", "#ad7f58")
TABLE_FIELDS = frozenset({"label", "shape", "capacity", "x", "y", "rotation", "width", "height", "locked"})
ELEMENT_FIELDS = frozenset({"kind", "label", "x", "y", "width", "height", "rotation"})
PLAN_FIELDS = frozenset({"keep_households_together", "width", "height", "grid"})
RULE_FIELDS = frozenset({"kind", "a", "b", "weight"})
ELEMENT_LABELS = {
    "dance_floor": N_("Dance floor").id,
    "stage": N_("Stage").id,
    "bar": N_("Bar").id,
    "exit": N_("Exit").id,
    "pillar": N_("Pillar").id,
}
ELEMENT_SIZES = {
    "dance_floor": (500, 500),
    "stage": (600, 250),
    "bar": (400, 100),
    "exit": (150, 50),
    "pillar": (50, 50),
}
RULE_LABELS = {
    "together": N_("Must sit together").id,
    "apart": N_("Must sit apart").id,
    "prefer_together": N_("Prefer together").id,
    "prefer_apart": N_("Prefer apart").id,
}
NO_MEAL = N_("No meal chosen").id
STALE = N_("Someone else changed this in the meantime. Reload and try again.")


# ---- loading ----------------------------------------------------------------------------------


def _plan(
    session: Session, principal: Principal, wedding_id: Any, plan_id: Any, permission: Permission
) -> tuple[Wedding, SeatingPlan]:
    wedding = load_wedding(session, principal, wedding_id, permission)
    return wedding, _in_wedding(session, SeatingPlan, wedding, plan_id)


def _in_plan(session: Session, model: type, plan: SeatingPlan, object_id: Any, *, lock: str = ""):
    query = select(model).where(
        model.id == _uuid(object_id), model.plan_id == plan.id, model.tenant_id == plan.tenant_id
    )
    if lock == "update":
        query = query.with_for_update().execution_options(populate_existing=True)
    elif lock == "share":
        query = query.with_for_update(read=True).execution_options(populate_existing=True)
    row = session.exec(query).first()
    if row is None:
        raise NotFound()
    return row


def _bump(session: Session, plan: SeatingPlan) -> int:
    """Every change to a plan bumps its version (last, so the row lock is held only until commit).

    Returns the new version: a tab that showed the one before knows its own change is all that happened.
    """
    session.flush()
    version = session.execute(
        sa.update(SeatingPlan)
        .where(SeatingPlan.id == plan.id)
        .values(version=SeatingPlan.version + 1, updated_at=utcnow())
        .returning(SeatingPlan.version)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    session.expire(plan, ["version", "updated_at"])
    return int(version)


def _name(g: Guest) -> str:
    return f"{g.first_name} {g.last_name}".strip()


def _initials(g: Guest) -> str:
    return "".join(part[:1] for part in (g.first_name, g.last_name) if part).upper()


def _plan_guests(session: Session, plan: SeatingPlan) -> dict[uuid.UUID, tuple[Guest, GuestEventInvitation]]:
    """Guests on the plan: invited to its event and not declined."""
    rows = session.exec(
        select(Guest, GuestEventInvitation)
        .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
        .where(
            GuestEventInvitation.event_id == plan.event_id,
            GuestEventInvitation.rsvp_status != "declined",
            Guest.wedding_id == plan.wedding_id,
            Guest.tenant_id == plan.tenant_id,
        )
    ).all()
    return {g.id: (g, inv) for g, inv in rows}


def _assignments(session: Session, plan: SeatingPlan) -> list[SeatAssignment]:
    """The guests' own seats (not their plus-ones': see _companion_rows)."""
    return list(
        session.exec(
            select(SeatAssignment).where(SeatAssignment.plan_id == plan.id, SeatAssignment.companion.is_(False))
        ).all()
    )


def _companion_rows(session: Session, plan: SeatingPlan) -> dict[uuid.UUID, SeatAssignment]:
    """Guest id -> the seat of the plus-one they bring."""
    return {
        a.guest_id: a
        for a in session.exec(
            select(SeatAssignment).where(SeatAssignment.plan_id == plan.id, SeatAssignment.companion.is_(True))
        ).all()
    }


def brings_plus_one(guest: Guest, inv: GuestEventInvitation | None) -> bool:
    """The guest comes to the event with a plus-one, who then needs a seat next to them."""
    return (
        inv is not None
        and inv.rsvp_status != "declined"
        and bool(inv.plus_one_attending)
        and guest.plus_one in ("named", "unnamed")
    )


def _plus_one_guests(
    session: Session, plan: SeatingPlan, guest_ids: Iterable[uuid.UUID] | None = None
) -> set[uuid.UUID]:
    """The plan's guests (or those of guest_ids) who bring a plus-one (one query)."""
    query = (
        select(Guest.id)
        .join(GuestEventInvitation, GuestEventInvitation.guest_id == Guest.id)
        .where(
            GuestEventInvitation.event_id == plan.event_id,
            GuestEventInvitation.rsvp_status != "declined",
            GuestEventInvitation.plus_one_attending.is_(True),
            Guest.plus_one.in_(("named", "unnamed")),
            Guest.wedding_id == plan.wedding_id,
            Guest.tenant_id == plan.tenant_id,
        )
    )
    if guest_ids is not None:
        query = query.where(Guest.id.in_(list(guest_ids)))
    return set(session.exec(query).all())


def _tables(session: Session, plan: SeatingPlan) -> list[SeatingTable]:
    rows = session.exec(select(SeatingTable).where(SeatingTable.plan_id == plan.id)).all()
    return sorted(rows, key=lambda t: _natural(t.label))


def _natural(text: str) -> tuple:
    """Table 2 before Table 10."""
    out: list[Any] = []
    for chunk in re.split(r"(\d+)", text.casefold()):
        out.append((0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk))
    return tuple(out)


@dataclass
class PlanData:
    """Everything about one plan, loaded in a handful of queries (view, export, PDFs, optimizer)."""

    wedding: Wedding
    plan: SeatingPlan
    event: WeddingEvent
    tables: list[SeatingTable]
    elements: list[RoomElement]
    rules: list[SeatingRule]
    assignments: list[SeatAssignment]
    on_plan: dict[uuid.UUID, tuple[Guest, GuestEventInvitation]]
    guests: dict[uuid.UUID, Guest]  # on the plan or seated on it
    status: dict[uuid.UUID, str]  # rsvp of every guest above ("" when not invited to the event)
    households: dict[uuid.UUID, Household]
    meals: dict[uuid.UUID, str]
    companions: dict[uuid.UUID, SeatAssignment] = field(default_factory=dict)  # guest id -> their plus-one's seat
    seat_of: dict[uuid.UUID, SeatAssignment] = field(default_factory=dict)
    table_by_id: dict[uuid.UUID, SeatingTable] = field(default_factory=dict)
    plus_ones: set[uuid.UUID] = field(default_factory=set)  # guests on the plan who bring a plus-one

    def __post_init__(self) -> None:
        self.seat_of = {a.guest_id: a for a in self.assignments}
        self.table_by_id = {t.id: t for t in self.tables}
        self.plus_ones = {gid for gid, (g, inv) in self.on_plan.items() if brings_plus_one(g, inv)}

    def seats_of(self, gid: uuid.UUID) -> int:
        """Seats a guest takes: 2 with a plus-one."""
        return 2 if gid in self.plus_ones else 1

    def companion_ok(self, gid: uuid.UUID) -> bool:
        """The guest's plus-one sits at the guest's table (True when there is no plus-one to seat)."""
        a, c = self.seat_of.get(gid), self.companions.get(gid)
        if gid not in self.plus_ones or a is None:
            return True
        return c is not None and c.table_id == a.table_id


def load_plan_data(session: Session, wedding: Wedding, plan: SeatingPlan) -> PlanData:
    event = session.get(WeddingEvent, plan.event_id)
    if event is None:  # pragma: no cover - the plan cascades with its event
        raise NotFound()
    on_plan = _plan_guests(session, plan)
    rows = list(session.exec(select(SeatAssignment).where(SeatAssignment.plan_id == plan.id)).all())
    assignments = [a for a in rows if not a.companion]
    guests = {gid: g for gid, (g, _) in on_plan.items()}
    status = {gid: inv.rsvp_status for gid, (_, inv) in on_plan.items()}
    missing = [a.guest_id for a in assignments if a.guest_id not in guests]
    if missing:
        for g in session.exec(select(Guest).where(Guest.id.in_(missing))).all():
            guests[g.id] = g
        for inv in session.exec(
            select(GuestEventInvitation).where(
                GuestEventInvitation.guest_id.in_(missing), GuestEventInvitation.event_id == plan.event_id
            )
        ).all():
            status[inv.guest_id] = inv.rsvp_status
    households = {
        h.id: h
        for h in session.exec(
            select(Household).where(Household.wedding_id == wedding.id, Household.tenant_id == wedding.tenant_id)
        ).all()
    }
    meals = {
        m.id: m.name
        for m in session.exec(select(EventMealOption).where(EventMealOption.event_id == plan.event_id)).all()
    }
    return PlanData(
        wedding=wedding,
        plan=plan,
        event=event,
        tables=_tables(session, plan),
        elements=list(session.exec(select(RoomElement).where(RoomElement.plan_id == plan.id)).all()),
        rules=list(
            session.exec(
                select(SeatingRule).where(SeatingRule.plan_id == plan.id).order_by(SeatingRule.created_at)
            ).all()
        ),
        assignments=assignments,
        on_plan=on_plan,
        guests=guests,
        status=status,
        households=households,
        meals=meals,
        companions={a.guest_id: a for a in rows if a.companion},
    )


# ---- plans ------------------------------------------------------------------------------------


def plan_list(session: Session, principal: Principal, wedding_id: Any) -> list[dict[str, Any]]:
    """One row per event of the wedding: its plan (if any), tables, seated guests and guests to seat."""
    wedding = load_wedding(session, principal, wedding_id, Permission.SEATING_VIEW)
    events = _events(session, wedding)
    plans = {
        p.event_id: p
        for p in session.exec(
            select(SeatingPlan).where(SeatingPlan.wedding_id == wedding.id, SeatingPlan.tenant_id == wedding.tenant_id)
        ).all()
    }
    inv = GuestEventInvitation
    plus_one = sa.case((inv.plus_one_attending & Guest.plus_one.in_(("named", "unnamed")), 1), else_=0)
    guests = dict(  # people: plus-ones take seats too
        session.exec(
            select(inv.event_id, func.count() + func.coalesce(func.sum(plus_one), 0))
            .join(Guest, Guest.id == inv.guest_id)
            .where(inv.wedding_id == wedding.id, inv.rsvp_status != "declined")
            .group_by(inv.event_id)
        ).all()
    )
    plan_ids = [p.id for p in plans.values()]
    tables = dict(
        session.exec(
            select(SeatingTable.plan_id, func.count())
            .where(SeatingTable.plan_id.in_(plan_ids))
            .group_by(SeatingTable.plan_id)
        ).all()
    )
    seated = dict(
        session.exec(
            select(SeatAssignment.plan_id, func.count())
            .where(SeatAssignment.plan_id.in_(plan_ids))
            .group_by(SeatAssignment.plan_id)
        ).all()
    )
    rows = []
    for e in events:
        p = plans.get(e.id)
        rows.append(
            {
                "event_id": str(e.id),
                "event_name": e.name,
                "plan_id": str(p.id) if p else "",
                "tables": tables.get(p.id, 0) if p else 0,
                "seated": seated.get(p.id, 0) if p else 0,
                "guests": guests.get(e.id, 0),
            }
        )
    return rows


def open_plan(session: Session, principal: Principal, wedding_id: Any, event_id: Any) -> str:
    """The event's plan id; editors create it when absent, viewers get "" until it exists."""
    wedding = load_wedding(session, principal, wedding_id, Permission.SEATING_VIEW)
    event = _in_wedding(session, WeddingEvent, wedding, event_id)
    existing = session.exec(select(SeatingPlan).where(SeatingPlan.event_id == event.id)).first()
    if existing is not None:
        return str(existing.id)
    if not can(principal, Permission.SEATING_EDIT, wedding.tenant_id):
        return ""
    plan = SeatingPlan(tenant_id=wedding.tenant_id, wedding_id=wedding.id, event_id=event.id)
    try:
        with session.begin_nested():
            session.add(plan)
    except sa.exc.IntegrityError:  # someone opened it at the same moment: theirs is as good
        again = session.exec(select(SeatingPlan).where(SeatingPlan.event_id == event.id)).one()
        return str(again.id)
    audit.record(
        session, principal, "seating.plan_create", tenant_id=wedding.tenant_id, obj=plan, after={"event": event.name}
    )
    return str(plan.id)


def plan_version(session: Session, principal: Principal, wedding_id: Any, plan_id: Any) -> int:
    """The plan's version (the live poll): one indexed query after the membership check."""
    wedding = load_wedding(session, principal, wedding_id, Permission.SEATING_VIEW)
    version = session.exec(
        select(SeatingPlan.version).where(
            SeatingPlan.id == _uuid(plan_id),
            SeatingPlan.wedding_id == wedding.id,
            SeatingPlan.tenant_id == wedding.tenant_id,
        )
    ).first()
    if version is None:
        raise NotFound()
    return int(version)


def update_plan(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, data: Mapping[str, Any]) -> None:
    """Room size, grid and whether households are kept together."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    if set(data) - PLAN_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    before = _plan_snapshot(plan)
    if "keep_households_together" in data:
        plan.keep_households_together = _bool(data["keep_households_together"])
    for key, low, high in (("width", 200, MAX_ROOM), ("height", 200, MAX_ROOM), ("grid", 1, 500)):
        if key in data:
            value = _number(data[key], key, errors)
            if value is not None:
                if not low <= value <= high:
                    errors[key] = N_("Enter a number between {low} and {high}.", low=low, high=high)
                else:
                    setattr(plan, key, int(round(value)))
    if errors:
        raise ValidationError(errors)
    session.add(plan)
    audit.record(
        session,
        principal,
        "seating.plan_update",
        tenant_id=wedding.tenant_id,
        obj=plan,
        before=before,
        after=_plan_snapshot(plan),
    )
    _bump(session, plan)


def _plan_snapshot(plan: SeatingPlan) -> dict[str, Any]:
    return {k: getattr(plan, k) for k in ("keep_households_together", "width", "height", "grid")}


# ---- parsing ----------------------------------------------------------------------------------


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "on", "yes"):
        return True
    if text in ("", "0", "false", "off", "no", "none"):
        return False
    raise TamperedInput()


def _number(raw: Any, key: str, errors: dict[str, Msg]) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise TamperedInput()
    try:
        value = float(str(raw).strip().replace(",", "."))
        if not math.isfinite(value):
            raise ValueError
    except ValueError:
        errors[key] = N_("Enter a number.")
        return None
    return value


def _snap(value: float, grid: int) -> int:
    return int(round(value / grid) * grid) if grid > 1 else int(round(value))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _default_size(shape: str, capacity: int) -> tuple[int, int]:
    if shape == "round":
        d = 120 + 10 * capacity
        return d, d
    long_side = 60 * math.ceil(capacity / 2) + 40
    return (long_side, 140) if shape == "rect" else (long_side, 100)


def _parse_geometry(data: Mapping[str, Any], plan: SeatingPlan, out: dict[str, Any], errors: dict[str, Msg]) -> None:
    grid = max(1, plan.grid)
    for key, limit in (("x", plan.width), ("y", plan.height)):
        if key in data:
            value = _number(data[key], key, errors)
            if value is not None:
                out[key] = _clamp(_snap(value, grid), 0, limit)
    for key in ("width", "height"):
        if key in data:
            value = _number(data[key], key, errors)
            if value is not None:
                if not 10 <= value <= MAX_ROOM:
                    errors[key] = N_("Enter a size between {low} and {high}.", low=10, high=MAX_ROOM)
                else:
                    out[key] = max(grid, _snap(value, grid))
    if "rotation" in data:
        value = _number(data["rotation"], "rotation", errors)
        if value is not None:
            out["rotation"] = int(round(value)) % 360


def _parse_table(data: Mapping[str, Any], plan: SeatingPlan, *, creating: bool) -> dict[str, Any]:
    if set(data) - TABLE_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    out: dict[str, Any] = {}
    if "label" in data or creating:
        label = clean_text(data.get("label"), 60)
        if label or not creating:
            if not label:
                errors["label"] = N_("Give the table a name or number.")
            out["label"] = label
    if "shape" in data:
        shape = str(data["shape"] or "round")
        if shape not in TABLE_SHAPES:
            raise TamperedInput()
        out["shape"] = shape
    if "capacity" in data:
        value = _number(data["capacity"], "capacity", errors)
        if value is None and "capacity" not in errors:
            errors["capacity"] = N_("Enter the number of seats.")
        elif value is not None:
            if value != int(value) or not 1 <= value <= MAX_CAPACITY:
                errors["capacity"] = N_("A table seats between 1 and {n} guests.", n=MAX_CAPACITY)
            else:
                out["capacity"] = int(value)
    if "locked" in data:
        out["locked"] = _bool(data["locked"])
    _parse_geometry(data, plan, out, errors)
    if errors:
        raise ValidationError(errors)
    return out


def _parse_element(data: Mapping[str, Any], plan: SeatingPlan) -> dict[str, Any]:
    if set(data) - ELEMENT_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    out: dict[str, Any] = {}
    if "kind" in data:
        kind = str(data["kind"] or "")
        if kind not in ELEMENT_KINDS:
            raise TamperedInput()
        out["kind"] = kind
    if "label" in data:
        out["label"] = clean_text(data["label"], 60)
    _parse_geometry(data, plan, out, errors)
    if errors:
        raise ValidationError(errors)
    return out


# ---- snapshots, actions, undo/redo --------------------------------------------------------------

_TABLE_KEYS = ("label", "shape", "capacity", "x", "y", "rotation", "width", "height", "locked")
_ELEMENT_KEYS = ("kind", "label", "x", "y", "width", "height", "rotation")
_RULE_KEYS = ("kind", "weight", "a_guest_id", "a_household_id", "b_guest_id", "b_household_id")


def _table_snap(t: SeatingTable) -> dict[str, Any]:
    return {k: getattr(t, k) for k in _TABLE_KEYS}


def _element_snap(e: RoomElement) -> dict[str, Any]:
    return {k: getattr(e, k) for k in _ELEMENT_KEYS}


def _rule_snap(r: SeatingRule) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, uuid.UUID) else v) for k in _RULE_KEYS for v in [getattr(r, k)]}


def _seat_snap(a: SeatAssignment) -> dict[str, Any]:
    return {"table_id": str(a.table_id), "seat": a.seat, "locked": a.locked}


def _capture(
    session: Session,
    plan: SeatingPlan,
    *,
    tables: Iterable[uuid.UUID] = (),
    elements: Iterable[uuid.UUID] = (),
    seats: Iterable[uuid.UUID] = (),
    rules: Iterable[uuid.UUID] = (),
) -> dict[str, dict[str, Any]]:
    """The current state of the given objects (None for absent ones), as JSON."""
    session.flush()
    state: dict[str, dict[str, Any]] = {"tables": {}, "elements": {}, "seats": {}, "rules": {}}
    for key, model, ids, snap, col in (
        ("tables", SeatingTable, list(tables), _table_snap, SeatingTable.id),
        ("elements", RoomElement, list(elements), _element_snap, RoomElement.id),
        ("rules", SeatingRule, list(rules), _rule_snap, SeatingRule.id),
    ):
        if ids:
            found = {r.id: r for r in session.exec(select(model).where(col.in_(ids), model.plan_id == plan.id)).all()}
            state[key] = {str(i): (snap(found[i]) if i in found else None) for i in ids}
    seat_ids = list(seats)
    if seat_ids:
        found_seats = {
            a.guest_id: a
            for a in session.exec(
                select(SeatAssignment).where(
                    SeatAssignment.plan_id == plan.id,
                    SeatAssignment.guest_id.in_(seat_ids),
                    SeatAssignment.companion.is_(False),  # a plus-one's seat follows their guest's
                )
            ).all()
        }
        state["seats"] = {str(g): (_seat_snap(found_seats[g]) if g in found_seats else None) for g in seat_ids}
    return state


def _record(
    session: Session,
    principal: Principal,
    plan: SeatingPlan,
    label: Msg,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """Append an undoable action for this user (drops their redo stack, keeps the last 50)."""
    mine = (SeatingAction.plan_id == plan.id, SeatingAction.user_id == principal.user_id)
    session.execute(sa.delete(SeatingAction).where(*mine, SeatingAction.undone.is_(True)))
    session.flush()
    for attempt in range(3):  # the same user's other tab may take the same number at the same moment
        last = session.exec(select(func.max(SeatingAction.seq)).where(*mine)).first() or 0
        seq = int(last) + 1
        try:
            with session.begin_nested():
                session.add(
                    SeatingAction(
                        tenant_id=plan.tenant_id,
                        wedding_id=plan.wedding_id,
                        plan_id=plan.id,
                        user_id=principal.user_id,
                        seq=seq,
                        label={"id": label.id, "params": label.params},
                        undo=before,
                        redo=after,
                    )
                )
            break
        except sa.exc.IntegrityError:
            if attempt == 2:
                raise Conflict(STALE) from None
    session.execute(sa.delete(SeatingAction).where(*mine, SeatingAction.seq <= seq - MAX_ACTIONS))


def _label(principal: Principal, action: SeatingAction) -> str:
    return i18n.gettext(i18n.normalize_language(principal.locale), action.label["id"], **action.label.get("params", {}))


def undo(session: Session, principal: Principal, wedding_id: Any, plan_id: Any) -> str:
    """Undo this user's last action on the plan; returns its label."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    action = session.exec(
        select(SeatingAction)
        .where(
            SeatingAction.plan_id == plan.id,
            SeatingAction.user_id == principal.user_id,
            SeatingAction.undone.is_(False),
        )
        .order_by(SeatingAction.seq.desc())
        .with_for_update()
    ).first()
    if action is None:
        raise Conflict(N_("Nothing to undo."))
    _apply_state(session, wedding, plan, action.undo)
    action.undone = True
    session.add(action)
    audit.record(session, principal, "seating.undo", tenant_id=wedding.tenant_id, obj=plan, after=action.label)
    _bump(session, plan)
    return _label(principal, action)


def redo(session: Session, principal: Principal, wedding_id: Any, plan_id: Any) -> str:
    """Redo this user's last undone action on the plan; returns its label."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    action = session.exec(
        select(SeatingAction)
        .where(
            SeatingAction.plan_id == plan.id,
            SeatingAction.user_id == principal.user_id,
            SeatingAction.undone.is_(True),
        )
        .order_by(SeatingAction.seq)
        .with_for_update()
    ).first()
    if action is None:
        raise Conflict(N_("Nothing to redo."))
    _apply_state(session, wedding, plan, action.redo)
    action.undone = False
    session.add(action)
    audit.record(session, principal, "seating.redo", tenant_id=wedding.tenant_id, obj=plan, after=action.label)
    _bump(session, plan)
    return _label(principal, action)


def _apply_state(session: Session, wedding: Wedding, plan: SeatingPlan, state: Mapping[str, Any]) -> None:
    """Write a captured state back: create/update what has a snapshot, delete what is None."""
    common = {"tenant_id": plan.tenant_id, "wedding_id": plan.wedding_id, "plan_id": plan.id}
    deleted_tables: list[uuid.UUID] = []
    for key, model, keys in (("tables", SeatingTable, _TABLE_KEYS), ("elements", RoomElement, _ELEMENT_KEYS)):
        for raw_id, snap in state.get(key, {}).items():
            oid = uuid.UUID(raw_id)
            row = session.get(model, oid)
            if row is not None and row.plan_id != plan.id:  # pragma: no cover - ids are ours
                raise NotFound()
            if snap is None:
                if row is not None:
                    if model is SeatingTable:
                        deleted_tables.append(oid)
                    else:
                        session.delete(row)
                continue
            if row is None:
                session.add(model(id=oid, **common, **{k: snap[k] for k in keys}))
            else:
                for k in keys:
                    setattr(row, k, snap[k])
                row.version += 1
                session.add(row)
    session.flush()
    seats = {uuid.UUID(g): s for g, s in state.get("seats", {}).items()}
    if seats:
        _write_seats(session, plan, seats, race=N_("This can no longer be undone: the plan changed. Reload."))
    for raw_id, snap in state.get("rules", {}).items():
        oid = uuid.UUID(raw_id)
        row = session.get(SeatingRule, oid)
        if snap is None:
            if row is not None:
                session.delete(row)
            continue
        refs = {k: (uuid.UUID(snap[k]) if snap[k] else None) for k in _RULE_KEYS[2:]}
        if any(v is not None and session.get(Guest if "guest" in k else Household, v) is None for k, v in refs.items()):
            continue  # a guest or household of the rule was deleted since
        if row is None:
            session.add(SeatingRule(id=oid, **common, kind=snap["kind"], weight=snap["weight"], **refs))
        else:
            row.kind, row.weight = snap["kind"], snap["weight"]
            for k, v in refs.items():
                setattr(row, k, v)
            session.add(row)
    session.flush()
    for oid in deleted_tables:
        if session.exec(select(SeatAssignment.id).where(SeatAssignment.table_id == oid)).first() is not None:
            # Someone seated guests there since: undoing would throw their work away.
            label = session.get(SeatingTable, oid).label
            raise Conflict(N_("This can no longer be undone: guests now sit at {table}.", table=label))
        session.execute(sa.delete(SeatingTable).where(SeatingTable.id == oid))
    session.flush()


def _neighbour(table: SeatingTable, seat: int, taken: set[int]) -> int | None:
    """A free seat next to `seat` (round tables wrap around), else None."""
    around = [seat + 1, seat - 1]
    if table.shape == "round" and table.capacity > 2:
        around += [(seat + 1) % table.capacity, (seat - 1) % table.capacity]
    return next((n for n in around if 0 <= n < table.capacity and n != seat and n not in taken), None)


def _pick_seats(table: SeatingTable, taken: set[int], wanted: Any, pair: bool) -> tuple[int, int | None] | None:
    """The seat for a guest (and the one next to it for their plus-one); None when the table has no room."""
    free = [s for s in range(table.capacity) if s not in taken]
    if len(free) < (2 if pair else 1):
        return None
    ok = isinstance(wanted, int) and not isinstance(wanted, bool) and wanted in free
    if not pair:
        return (wanted if ok else free[0]), None
    if ok:
        n = _neighbour(table, wanted, taken)
        if n is not None:
            return wanted, n
    for s in free:
        n = _neighbour(table, s, taken)
        if n is not None:
            return s, n
    return free[0], free[1]  # no two free seats side by side: the closest it gets


def _write_seats(
    session: Session,
    plan: SeatingPlan,
    changes: Mapping[uuid.UUID, Mapping[str, Any] | None],
    *,
    race: Msg,
    full: Msg | None = None,
) -> None:
    """Seat (or unseat) guests: {guest_id: {"table_id", "seat" (None = lowest free), "locked"} | None}.

    A requested seat that is taken (or beyond the table's capacity) falls back to the table's lowest free
    seat; a full table refuses. A guest who brings a plus-one takes two seats side by side (the plus-one's
    row has companion=True). Every call also puts the plan's other plus-ones right (_sync_companions): a
    plus-one no longer coming frees their seat, a new one is seated next to their guest when a seat is free.
    The unique constraints turn a concurrent double booking into Conflict(race).
    """
    rows = list(session.exec(select(SeatAssignment).where(SeatAssignment.plan_id == plan.id)).all())
    plus = _plus_one_guests(session, plan)
    tables = {t.id: t for t in session.exec(select(SeatingTable).where(SeatingTable.plan_id == plan.id)).all()}
    current = {a.guest_id: a for a in rows if not a.companion}
    for a in rows:
        if a.guest_id in changes:
            session.delete(a)
    if changes:
        session.flush()
    kept = [a for a in rows if a.guest_id not in changes]
    wanted = [(gid, t) for gid, t in changes.items() if t is not None]
    guests = set(session.exec(select(Guest.id).where(Guest.id.in_([g for g, _ in wanted]))).all()) if wanted else set()
    occupied: dict[uuid.UUID, set[int]] = defaultdict(set)
    for a in kept:
        occupied[a.table_id].add(a.seat)
    # Requested seats first, so that guests without a preference fill the gaps around them; pairs before
    # single guests, so that two seats side by side are still there for them.
    wanted.sort(key=lambda item: (item[1].get("seat") is None, item[0] not in plus))
    added: list[SeatAssignment] = []
    for gid, target in wanted:
        if gid not in guests:
            continue  # the guest was deleted since
        table = tables.get(uuid.UUID(str(target["table_id"])))
        if table is None:
            raise Conflict(N_("This can no longer be done: one of its tables was deleted."))
        taken = occupied[table.id]
        picked = _pick_seats(table, taken, target.get("seat"), gid in plus)
        if picked is None:
            if gid in plus and len(taken) < table.capacity:
                raise Conflict(
                    full or N_("{table} has one free seat: a guest and their plus-one need two.", table=table.label)
                )
            raise Conflict(full or N_("{table} is full.", table=table.label))
        seat, companion_seat = picked
        old = current.get(gid)
        common = {"tenant_id": plan.tenant_id, "wedding_id": plan.wedding_id, "plan_id": plan.id, "guest_id": gid}
        added.append(
            SeatAssignment(
                **common,
                table_id=table.id,
                seat=seat,
                locked=bool(target.get("locked", False)),
                version=(old.version + 1) if old is not None else 1,
            )
        )
        taken.add(seat)
        if companion_seat is not None:
            added.append(SeatAssignment(**common, table_id=table.id, seat=companion_seat, companion=True))
            taken.add(companion_seat)
    session.add_all(added)
    try:
        _sync_companions(session, plan, tables, plus, kept, added, occupied)
        session.flush()
    except sa.exc.IntegrityError:
        raise Conflict(race) from None


def _sync_companions(
    session: Session,
    plan: SeatingPlan,
    tables: Mapping[uuid.UUID, SeatingTable],
    plus: set[uuid.UUID],
    kept: list[SeatAssignment],
    added: list[SeatAssignment],
    occupied: dict[uuid.UUID, set[int]],
) -> None:
    """Every plus-one of the plan next to their guest: stale plus-one seats freed, missing ones taken when free.

    A guest whose table has no free seat left keeps their plus-one unseated: the view says so, Repair fixes it.
    """
    rows = kept + added
    hosts = {a.guest_id: a for a in rows if not a.companion}
    seated = set()
    for c in [a for a in kept if a.companion]:
        host = hosts.get(c.guest_id)
        table = tables.get(c.table_id)
        if (
            c.guest_id not in plus
            or host is None
            or host.table_id != c.table_id
            or table is None
            or c.seat >= table.capacity
        ):
            session.delete(c)
            occupied[c.table_id].discard(c.seat)
        else:
            seated.add(c.guest_id)
    session.flush()  # the freed seats are free before anyone takes them (the unique constraints check each row)
    seated |= {a.guest_id for a in added if a.companion}
    for gid in sorted(plus - seated, key=str):
        host = hosts.get(gid)
        table = tables.get(host.table_id) if host is not None else None
        if table is None:
            continue
        taken = occupied[table.id]
        seat = _neighbour(table, host.seat, taken)
        if seat is None:
            seat = next((s for s in range(table.capacity) if s not in taken), None)
        if seat is None:
            continue
        taken.add(seat)
        session.add(
            SeatAssignment(
                tenant_id=plan.tenant_id,
                wedding_id=plan.wedding_id,
                plan_id=plan.id,
                guest_id=gid,
                table_id=table.id,
                seat=seat,
                companion=True,
            )
        )


# ---- tables and elements ----------------------------------------------------------------------


def add_table(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, data: Mapping[str, Any]) -> str:
    """A new table (label defaults to "Table N"); position and size snapped to the plan's grid."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    fields = _parse_table(data, plan, creating=True)
    existing = _tables(session, plan)
    if len(existing) >= MAX_TABLES:
        raise ValidationError({"": N_("A plan holds at most {n} tables.", n=MAX_TABLES)})
    shape = fields.get("shape", "round")
    capacity = fields.get("capacity", 10)
    if not fields.get("label"):
        labels = {t.label.casefold() for t in existing}
        n = len(existing) + 1
        while _say(principal, N_("Table {n}", n=n)).casefold() in labels:
            n += 1
        fields["label"] = _say(principal, N_("Table {n}", n=n))
    width, height = _default_size(shape, capacity)
    grid = max(1, plan.grid)
    table = SeatingTable(
        tenant_id=plan.tenant_id,
        wedding_id=plan.wedding_id,
        plan_id=plan.id,
        shape=shape,
        capacity=capacity,
        width=max(grid, _snap(width, grid)),
        height=max(grid, _snap(height, grid)),
        x=_snap(plan.width / 2, grid),
        y=_snap(plan.height / 2, grid),
    )
    for k, v in fields.items():
        setattr(table, k, v)
    session.add(table)
    session.flush()
    _record(
        session,
        principal,
        plan,
        N_("Add {table}", table=table.label),
        {"tables": {str(table.id): None}},
        _capture(session, plan, tables=[table.id]),
    )
    audit.record(
        session, principal, "seating.table_add", tenant_id=wedding.tenant_id, obj=table, after=_table_snap(table)
    )
    _bump(session, plan)
    return str(table.id)


def _save_item(
    session: Session,
    principal: Principal,
    wedding: Wedding,
    plan: SeatingPlan,
    row: SeatingTable | RoomElement,
    edit: Callable[[], bool],
    *,
    label: Msg | Callable[[], Msg],
    action: str,
    seats: Iterable[uuid.UUID] = (),
    audit_before: Mapping[str, Any] | None = None,
) -> int:
    """Change or delete one table or room element, saved as every such change is: its state before and after
    (read from the row itself, plus the seats of `seats`, which the change may move) as one undoable action, an
    audit event, the plan's version bumped. `edit()` makes the change and returns False when it deleted the row;
    a callable label is read after it (the table's new name). Returns the plan's new version.
    """
    key, snap = ("tables", _table_snap) if isinstance(row, SeatingTable) else ("elements", _element_snap)
    seat_ids = list(seats)
    row_id, old = str(row.id), snap(row)
    before: dict[str, Any] = {key: {row_id: old}}
    if seat_ids:
        before["seats"] = _capture(session, plan, seats=seat_ids)["seats"]
    kept = edit()
    session.flush()
    after: dict[str, Any] = {key: {row_id: snap(row) if kept else None}}
    if seat_ids:
        after["seats"] = _capture(session, plan, seats=seat_ids)["seats"]
    _record(session, principal, plan, label() if callable(label) else label, before, after)
    audit.record(
        session,
        principal,
        action,
        tenant_id=wedding.tenant_id,
        obj=row,
        before=dict(audit_before) if audit_before is not None else old,
        after=after[key][row_id],
    )
    return _bump(session, plan)


def _locked_item(
    session: Session, plan: SeatingPlan, model: type, item_id: Any, expected_version: int | None
) -> SeatingTable | RoomElement:
    """A table or element of the plan, row-locked; a stale expected version is Conflict."""
    row = _in_plan(session, model, plan, item_id, lock="update")
    if expected_version is not None and row.version != expected_version:
        raise Conflict(STALE)
    return row


def update_table(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    plan_id: Any,
    table_id: Any,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> int:
    """Move, rotate, resize, relabel, lock or change the seats of a table (stale version -> Conflict).

    Returns the plan's new version.
    """
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    table = _locked_item(session, plan, SeatingTable, table_id, expected_version)
    fields = _parse_table(data, plan, creating=False)
    # Only a new seat count can move guests: a move, a label or a lock leaves the seats alone (no seat query).
    seated = (
        list(
            session.exec(
                select(SeatAssignment).where(SeatAssignment.table_id == table.id, SeatAssignment.companion.is_(False))
            ).all()
        )
        if "capacity" in fields
        else []
    )
    capacity = fields.get("capacity", table.capacity)
    fewer = capacity < table.capacity
    people = len(seated)
    if fewer:  # plus-ones take seats too
        people = session.exec(
            select(func.count()).select_from(SeatAssignment).where(SeatAssignment.table_id == table.id)
        ).one()
    if capacity < people:
        raise ValidationError(
            {
                "capacity": N_(
                    "{n} guests sit at {table}: move some of them before reducing it to {capacity} seats.",
                    n=people,
                    table=table.label,
                    capacity=capacity,
                )
            }
        )

    def edit() -> bool:
        for k, v in fields.items():
            setattr(table, k, v)
        table.version += 1
        session.add(table)
        session.flush()
        beyond = [a for a in seated if a.seat >= capacity]
        if beyond or fewer:  # fewer seats: guests (and plus-ones) in the removed seats take the free ones left
            _write_seats(
                session,
                plan,
                {a.guest_id: {"table_id": str(table.id), "seat": None, "locked": a.locked} for a in beyond},
                race=N_("{table} is full: its last seat was just taken.", table=table.label),
            )
        return True

    def label() -> Msg:
        if set(fields) <= {"x", "y", "rotation"}:
            return N_("Move {table}", table=table.label)
        return N_("Change {table}", table=table.label)

    return _save_item(
        session,
        principal,
        wedding,
        plan,
        table,
        edit,
        label=label,
        action="seating.table_update",
        seats=[a.guest_id for a in seated],
    )


def delete_table(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, table_id: Any) -> int:
    """Delete a table; its guests go back to the unassigned list. Returns the plan's new version."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    table = _locked_item(session, plan, SeatingTable, table_id, None)
    seated = list(
        session.exec(
            select(SeatAssignment.guest_id).where(
                SeatAssignment.table_id == table.id, SeatAssignment.companion.is_(False)
            )
        ).all()
    )

    def edit() -> bool:
        session.execute(sa.delete(SeatAssignment).where(SeatAssignment.table_id == table.id))
        session.delete(table)
        return False

    return _save_item(
        session,
        principal,
        wedding,
        plan,
        table,
        edit,
        label=N_("Delete {table}", table=table.label),
        action="seating.table_delete",
        seats=seated,
        audit_before={**_table_snap(table), "guests": len(seated)},
    )


def add_element(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, data: Mapping[str, Any]) -> str:
    """A dance floor, stage, bar, exit or pillar in the room."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    fields = _parse_element(data, plan)
    if "kind" not in fields:
        raise TamperedInput()
    count = session.exec(select(func.count()).select_from(RoomElement).where(RoomElement.plan_id == plan.id)).one()
    if count >= MAX_ELEMENTS:
        raise ValidationError({"": N_("A plan holds at most {n} room elements.", n=MAX_ELEMENTS)})
    width, height = ELEMENT_SIZES[fields["kind"]]
    grid = max(1, plan.grid)
    element = RoomElement(
        tenant_id=plan.tenant_id,
        wedding_id=plan.wedding_id,
        plan_id=plan.id,
        kind=fields["kind"],
        width=width,
        height=height,
        x=_snap(plan.width / 2, grid),
        y=_snap(plan.height / 2, grid),
    )
    for k, v in fields.items():
        setattr(element, k, v)
    session.add(element)
    session.flush()
    _record(
        session,
        principal,
        plan,
        N_("Add {element}", element=ELEMENT_LABELS[element.kind]),
        {"elements": {str(element.id): None}},
        _capture(session, plan, elements=[element.id]),
    )
    audit.record(
        session,
        principal,
        "seating.element_add",
        tenant_id=wedding.tenant_id,
        obj=element,
        after=_element_snap(element),
    )
    _bump(session, plan)
    return str(element.id)


def update_element(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    plan_id: Any,
    element_id: Any,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> int:
    """Move, rotate, resize or relabel a room element (stale version -> Conflict). Returns the plan's new version."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    element = _locked_item(session, plan, RoomElement, element_id, expected_version)
    fields = _parse_element(data, plan)

    def edit() -> bool:
        for k, v in fields.items():
            setattr(element, k, v)
        element.version += 1
        session.add(element)
        return True

    return _save_item(
        session,
        principal,
        wedding,
        plan,
        element,
        edit,
        label=N_("Move {element}", element=ELEMENT_LABELS[element.kind]),
        action="seating.element_update",
    )


def delete_element(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, element_id: Any) -> int:
    """Delete a room element. Returns the plan's new version."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    element = _locked_item(session, plan, RoomElement, element_id, None)

    def edit() -> bool:
        session.delete(element)
        return False

    return _save_item(
        session,
        principal,
        wedding,
        plan,
        element,
        edit,
        label=N_("Delete {element}", element=ELEMENT_LABELS[element.kind]),
        action="seating.element_delete",
    )


# ---- seats ------------------------------------------------------------------------------------


def _plan_guest_rows(session: Session, wedding: Wedding, plan: SeatingPlan, guest_ids: Iterable[Any]) -> list[Guest]:
    """The given guests, each of this wedding (else NotFound) and on this plan (else ValidationError)."""
    guests = _guests_in_wedding(session, wedding, guest_ids)
    if not guests:
        raise ValidationError({"": N_("Choose at least one guest.")})
    invited = set(
        session.exec(
            select(GuestEventInvitation.guest_id).where(
                GuestEventInvitation.event_id == plan.event_id,
                GuestEventInvitation.guest_id.in_([g.id for g in guests]),
                GuestEventInvitation.rsvp_status != "declined",
            )
        ).all()
    )
    for g in guests:
        if g.id not in invited:
            raise ValidationError(
                {"": N_("{name} is not coming to this event (not invited or declined).", name=_name(g))}
            )
    return guests


def assign(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    plan_id: Any,
    guest_ids: list[str],
    table_id: str,
    seat: int | None = None,
) -> dict[str, Any]:
    """Seat the given guests (a dragged household = its guests) at one table, all or none."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    table = _in_plan(session, SeatingTable, plan, table_id, lock="share")
    guests = _plan_guest_rows(session, wedding, plan, guest_ids)
    current = {
        a.guest_id: a
        for a in session.exec(
            select(SeatAssignment).where(
                SeatAssignment.plan_id == plan.id,
                SeatAssignment.guest_id.in_([g.id for g in guests]),
                SeatAssignment.companion.is_(False),
            )
        ).all()
    }
    names = {g.id: _name(g) for g in guests}
    for g in guests:
        a = current.get(g.id)
        if a is not None and a.locked and a.table_id != table.id:
            other = session.get(SeatingTable, a.table_id)
            raise ValidationError(
                {"": N_("{name} is locked to {table}. Unlock them first.", name=names[g.id], table=other.label)}
            )
    if seat is not None and (isinstance(seat, bool) or not isinstance(seat, int)):
        raise TamperedInput()
    moving = [g for g in guests if current.get(g.id) is None or current[g.id].table_id != table.id]
    reseat = None
    if seat is not None and len(guests) == 1 and not moving and current[guests[0].id].seat != seat:
        reseat = guests[0]  # a guest changes seats at their own table
    if not moving and reseat is None:
        return {"moved": 0, "message": _say(principal, N_("Nothing changed."))}
    occupied = {s for s in session.exec(select(SeatAssignment.seat).where(SeatAssignment.table_id == table.id)).all()}
    free = [s for s in range(table.capacity) if s not in occupied]
    plus = _plus_one_guests(session, plan, [g.id for g in moving]) if moving else set()
    need = len(moving) + len(plus)  # a guest who brings a plus-one takes two seats
    if reseat is not None:
        if seat not in free:
            raise ValidationError({"": N_("That seat is taken.")})
        moving = [reseat]
    elif len(free) < need:
        if not free:
            raise ValidationError({"": N_("{table} is full.", table=table.label)})
        if len(moving) == 1:
            raise ValidationError(
                {
                    "": N_(
                        "{table} has one free seat: {name} and their plus-one need two.",
                        table=table.label,
                        name=names[moving[0].id],
                    )
                }
            )
        if plus:
            raise ValidationError(
                {
                    "": N_(
                        "{table} has {free} free seats; these {n} guests and their plus-ones need {need}.",
                        table=table.label,
                        free=len(free),
                        n=len(moving),
                        need=len(moving) + len(plus),
                    )
                }
            )
        raise ValidationError(
            {
                "": N_(
                    "{table} has {free} free seats; these {n} guests need {n}.",
                    table=table.label,
                    free=len(free),
                    n=len(moving),
                )
            }
        )
    ids = [g.id for g in moving]
    before = _capture(session, plan, seats=ids)
    changes: dict[uuid.UUID, dict[str, Any]] = {}
    seats = list(free)
    if seat is not None and len(moving) == 1 and seat in free:
        seats = [seat]
    for g, s in zip(moving, seats, strict=False):
        keep_lock = current[g.id].locked if g.id in current and current[g.id].table_id == table.id else False
        changes[g.id] = {"table_id": str(table.id), "seat": s, "locked": keep_lock}
    race = (
        N_("{table} is full: its last seat was just taken.", table=table.label)
        if len(free) == need
        else N_("Someone else seated guests at {table} at the same moment. Try again.", table=table.label)
    )
    _write_seats(session, plan, changes, race=race, full=race)  # a seat taken since we looked is the same race
    after = _capture(session, plan, seats=ids)
    if len(moving) == 1:
        label = N_("Seat {name} at {table}", name=names[moving[0].id], table=table.label)
    else:
        label = N_("Seat {n} guests at {table}", n=len(moving), table=table.label)
    _record(session, principal, plan, label, before, after)
    audit.record(
        session,
        principal,
        "seating.assign",
        tenant_id=wedding.tenant_id,
        obj=plan,
        after={"table": table.label, "guests": [str(i) for i in ids]},
    )
    version = _bump(session, plan)
    lang = i18n.normalize_language(principal.locale)
    done = (  # what the planner reads after the drop; the undo list keeps the label above
        i18n.gettext(lang, "{name} is now at {table}.", name=names[moving[0].id], table=table.label)
        if len(moving) == 1
        else i18n.ngettext(
            lang, "{n} guest is now at {table}.", "{n} guests are now at {table}.", len(moving), table=table.label
        )
    )
    return {"moved": len(moving), "message": done, "version": version}


def _say(principal: Principal, msg: Msg) -> str:
    return i18n.render(i18n.normalize_language(principal.locale), msg)


def unassign(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, guest_ids: list[str]) -> None:
    """Take guests off their tables (back to the unassigned list)."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    guests = _guests_in_wedding(session, wedding, guest_ids)
    ids = [
        a.guest_id
        for a in session.exec(
            select(SeatAssignment).where(
                SeatAssignment.plan_id == plan.id,
                SeatAssignment.guest_id.in_([g.id for g in guests]),
                SeatAssignment.companion.is_(False),
            )
        ).all()
    ]
    if not ids:
        return
    before = _capture(session, plan, seats=ids)
    session.execute(
        sa.delete(SeatAssignment).where(SeatAssignment.plan_id == plan.id, SeatAssignment.guest_id.in_(ids))
    )
    name = next(_name(g) for g in guests if g.id == ids[0])
    label = N_("Unseat {name}", name=name) if len(ids) == 1 else N_("Unseat {n} guests", n=len(ids))
    _record(session, principal, plan, label, before, {"seats": {str(g): None for g in ids}})
    audit.record(
        session,
        principal,
        "seating.unassign",
        tenant_id=wedding.tenant_id,
        obj=plan,
        before={"guests": [str(i) for i in ids]},
    )
    _bump(session, plan)


def set_locked(
    session: Session, principal: Principal, wedding_id: Any, plan_id: Any, guest_id: Any, locked: bool
) -> None:
    """Lock a seated guest to their table (the optimizer keeps them there) or unlock them."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    (guest,) = _guests_in_wedding(session, wedding, [guest_id])
    row = session.exec(
        select(SeatAssignment).where(
            SeatAssignment.plan_id == plan.id,
            SeatAssignment.guest_id == guest.id,
            SeatAssignment.companion.is_(False),
        )
    ).first()
    if row is None:
        raise ValidationError({"": N_("Seat {name} at a table before locking them.", name=_name(guest))})
    locked = _bool(locked)
    if row.locked == locked:
        return
    before = _capture(session, plan, seats=[guest.id])
    row.locked = locked
    row.version += 1
    session.add(row)
    label = N_("Lock {name}", name=_name(guest)) if locked else N_("Unlock {name}", name=_name(guest))
    _record(session, principal, plan, label, before, _capture(session, plan, seats=[guest.id]))
    audit.record(session, principal, "seating.lock", tenant_id=wedding.tenant_id, obj=row, after={"locked": locked})
    _bump(session, plan)


# ---- rules ------------------------------------------------------------------------------------


def _party_ref(session: Session, wedding: Wedding, raw: Any) -> tuple[str, uuid.UUID]:
    kind, _, oid = str(raw or "").partition(":")
    if kind == "guest":
        (g,) = _guests_in_wedding(session, wedding, [oid])
        return "guest", g.id
    if kind == "household":
        return "household", _in_wedding(session, Household, wedding, oid).id
    raise TamperedInput()


def add_rule(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, data: Mapping[str, Any]) -> str:
    """A rule between two guests or households: "guest:<id>" / "household:<id>" for a and b."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    if set(data) - RULE_FIELDS:
        raise TamperedInput()
    kind = str(data.get("kind") or "")
    if kind not in RULE_KINDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    if not data.get("a"):
        errors["a"] = N_("Choose a guest or household.")
    if not data.get("b"):
        errors["b"] = N_("Choose a guest or household.")
    if errors:
        raise ValidationError(errors)
    a = _party_ref(session, wedding, data.get("a"))
    b = _party_ref(session, wedding, data.get("b"))
    if a == b:
        raise ValidationError({"b": N_("Choose two different guests or households.")})
    weight = 0
    if kind not in HARD_RULES:
        raw = data.get("weight")
        value = _number(raw if raw not in (None, "") else 10, "weight", errors)
        if value is not None and (value != int(value) or not 1 <= value <= 100):
            errors["weight"] = N_("Enter a weight between 1 and 100.")
        if errors:
            raise ValidationError(errors)
        weight = int(value or 10)
    fields = {
        "a_guest_id": a[1] if a[0] == "guest" else None,
        "a_household_id": a[1] if a[0] == "household" else None,
        "b_guest_id": b[1] if b[0] == "guest" else None,
        "b_household_id": b[1] if b[0] == "household" else None,
    }
    existing = session.exec(select(SeatingRule).where(SeatingRule.plan_id == plan.id)).all()
    pair = {a, b}
    for r in existing:
        if {_side(r, "a"), _side(r, "b")} == pair:
            raise ValidationError({"": N_("These two already have a rule: delete it first to change it.")})
    if len(existing) >= MAX_RULES:
        raise ValidationError({"": N_("A plan holds at most {n} rules.", n=MAX_RULES)})
    rule = SeatingRule(
        tenant_id=plan.tenant_id, wedding_id=plan.wedding_id, plan_id=plan.id, kind=kind, weight=weight, **fields
    )
    session.add(rule)
    session.flush()
    _record(
        session,
        principal,
        plan,
        N_("Add rule: {kind}", kind=RULE_LABELS[kind]),
        {"rules": {str(rule.id): None}},
        _capture(session, plan, rules=[rule.id]),
    )
    audit.record(session, principal, "seating.rule_add", tenant_id=wedding.tenant_id, obj=rule, after=_rule_snap(rule))
    _bump(session, plan)
    return str(rule.id)


def _side(rule: SeatingRule, side: str) -> tuple[str, uuid.UUID]:
    gid = getattr(rule, f"{side}_guest_id")
    return ("guest", gid) if gid is not None else ("household", getattr(rule, f"{side}_household_id"))


def delete_rule(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, rule_id: Any) -> None:
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    rule = _in_plan(session, SeatingRule, plan, rule_id)
    before = _capture(session, plan, rules=[rule.id])
    audit.record(
        session, principal, "seating.rule_delete", tenant_id=wedding.tenant_id, obj=rule, before=_rule_snap(rule)
    )
    session.delete(rule)
    session.flush()
    _record(
        session,
        principal,
        plan,
        N_("Delete rule: {kind}", kind=RULE_LABELS[rule.kind]),
        before,
        {"rules": {str(rule.id): None}},
    )
    _bump(session, plan)


# ---- presence ---------------------------------------------------------------------------------


def set_presence(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    plan_id: Any,
    selection: str,
    x: float | None,
    y: float | None,
) -> None:
    """Tell the others what this user selected and where their cursor is (no version bump)."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    selection = str(selection or "")
    if selection:
        _uuid(selection)  # a guest or table id, nothing else
    coords: list[float | None] = []
    for v in (x, y):
        if v is None:
            coords.append(None)
            continue
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise TamperedInput()
        coords.append(float(max(-MAX_ROOM, min(MAX_ROOM, v))))
    row = session.exec(
        select(SeatingPresence).where(SeatingPresence.plan_id == plan.id, SeatingPresence.user_id == principal.user_id)
    ).first()
    if row is None:
        row = SeatingPresence(
            tenant_id=plan.tenant_id,
            wedding_id=plan.wedding_id,
            plan_id=plan.id,
            user_id=principal.user_id,
            color=COLORS[uuid.UUID(str(principal.user_id)).int % len(COLORS)],
        )
    row.display_name = principal.display_name[:120]
    row.selection = selection[:60]
    row.x, row.y = coords
    row.updated_at = utcnow()
    try:
        with session.begin_nested():
            session.add(row)
    except sa.exc.IntegrityError:  # the same user's other tab wrote it at the same moment
        pass


def presence(session: Session, principal: Principal, wedding_id: Any, plan_id: Any) -> list[dict[str, Any]]:
    """The other users who had this plan open in the last 10 seconds."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    return _others(session, principal, plan.id)


def live_poll(
    session: Session, principal: Principal, wedding_id: Any, plan_id: Any
) -> tuple[int, list[dict[str, Any]]]:
    """One round of a canvas's live poll: the plan's version and presence(), after one membership check."""
    wedding = load_wedding(session, principal, wedding_id, Permission.SEATING_VIEW)
    row = session.exec(
        select(SeatingPlan.id, SeatingPlan.version).where(
            SeatingPlan.id == _uuid(plan_id),
            SeatingPlan.wedding_id == wedding.id,
            SeatingPlan.tenant_id == wedding.tenant_id,
        )
    ).first()
    if row is None:
        raise NotFound()
    return int(row[1]), _others(session, principal, row[0])


def _others(session: Session, principal: Principal, plan_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = session.exec(
        select(SeatingPresence)
        .where(
            SeatingPresence.plan_id == plan_id,
            SeatingPresence.user_id != principal.user_id,
            SeatingPresence.updated_at >= utcnow() - PRESENCE_TTL,
        )
        .order_by(SeatingPresence.display_name)
    ).all()
    return [
        {
            "user_id": str(r.user_id),
            "name": r.display_name,
            "color": r.color,
            "selection": r.selection,
            "x": r.x,
            "y": r.y,
        }
        for r in rows
    ]


# ---- the view ---------------------------------------------------------------------------------


def _members(data: PlanData, side: tuple[str, uuid.UUID]) -> list[uuid.UUID]:
    """The plan's guests a rule side stands for."""
    kind, oid = side
    if kind == "guest":
        return [oid] if oid in data.on_plan else []
    return sorted((g for g, (guest, _) in data.on_plan.items() if guest.household_id == oid), key=str)


def _side_label(data: PlanData, side: tuple[str, uuid.UUID], session: Session | None = None) -> str:
    kind, oid = side
    if kind == "guest":
        g = data.guests.get(oid)
        if g is None and session is not None:
            g = session.get(Guest, oid)
        return _name(g) if g else "?"
    h = data.households.get(oid)
    return h.name if h else "?"


def evaluate_rules(data: PlanData, lang: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each rule with whether it is broken (and why), and the broken hard rules as guest pairs (red links)."""
    tr = lambda msg: i18n.render(lang, msg)  # noqa: E731
    label = {t.id: t.label for t in data.tables}
    rules_out, violations = [], []
    for rule in data.rules:
        a_side, b_side = _side(rule, "a"), _side(rule, "b")
        a_label, b_label = _side_label(data, a_side), _side_label(data, b_side)
        seated_a = [(g, data.seat_of[g].table_id) for g in _members(data, a_side) if g in data.seat_of]
        seated_b = [(g, data.seat_of[g].table_id) for g in _members(data, b_side) if g in data.seat_of]
        pairs: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID]] = []
        reason = ""
        if rule.kind in ("together", "prefer_together"):
            tables = sorted({t for _, t in seated_a + seated_b}, key=lambda t: _natural(label[t]))
            if len(tables) > 1:
                seen = set()
                for ga, ta in seated_a:
                    for gb, tb in seated_b:
                        if ta != tb and (ta, tb) not in seen:
                            seen.add((ta, tb))
                            pairs.append((ga, gb, ta, tb))
                reason = tr(
                    N_(
                        "{a} and {b} should sit together but are at {tables}.",
                        a=a_label,
                        b=b_label,
                        tables=", ".join(label[t] for t in tables),
                    )
                )
        else:
            shared = {ta for _, ta in seated_a} & {tb for _, tb in seated_b}
            for t in sorted(shared, key=lambda t: _natural(label[t])):
                ga = next(g for g, ta in seated_a if ta == t)
                gb = next(g for g, tb in seated_b if tb == t)
                pairs.append((ga, gb, t, t))
            if shared:
                reason = tr(
                    N_(
                        "{a} and {b} should sit apart but both sit at {tables}.",
                        a=a_label,
                        b=b_label,
                        tables=", ".join(sorted((label[t] for t in shared), key=_natural)),
                    )
                )
        rules_out.append(
            {
                "id": str(rule.id),
                "kind": rule.kind,
                "kind_label": i18n.gettext(lang, RULE_LABELS[rule.kind]),
                "hard": rule.kind in HARD_RULES,
                "weight": rule.weight,
                "a": f"{a_side[0]}:{a_side[1]}",
                "b": f"{b_side[0]}:{b_side[1]}",
                "a_label": a_label,
                "b_label": b_label,
                "violated": bool(pairs),
                "reason": reason,
            }
        )
        if rule.kind in HARD_RULES:
            for ga, gb, ta, tb in pairs[:10]:
                violations.append(
                    {
                        "rule_id": str(rule.id),
                        "guest_a": str(ga),
                        "guest_b": str(gb),
                        "table_a": str(ta),
                        "table_b": str(tb),
                        "message": reason,
                    }
                )
    if data.plan.keep_households_together:
        by_household: dict[uuid.UUID, dict[uuid.UUID, uuid.UUID]] = defaultdict(dict)
        for gid, (guest, _) in data.on_plan.items():
            a = data.seat_of.get(gid)
            if a is not None:
                by_household[guest.household_id].setdefault(a.table_id, gid)
        for hid, tables in by_household.items():
            if len(tables) > 1:
                ordered = sorted(tables.items(), key=lambda kv: _natural(label[kv[0]]))
                (ta, ga), (tb, gb) = ordered[0], ordered[1]
                h = data.households.get(hid)
                violations.append(
                    {
                        "rule_id": "",
                        "guest_a": str(ga),
                        "guest_b": str(gb),
                        "table_a": str(ta),
                        "table_b": str(tb),
                        "message": tr(
                            N_(
                                "{household} is split between {table_a} and {table_b}.",
                                household=h.name if h else "?",
                                table_a=label[ta],
                                table_b=label[tb],
                            )
                        ),
                    }
                )
    return rules_out, violations


def _dietary(g: Guest, lang: str) -> list[str]:
    return [i18n.gettext(lang, DIETARY_LABELS[c]) for c in (g.dietary or []) if c in DIETARY_LABELS]


def _meal(data: PlanData, gid: uuid.UUID) -> str:
    inv = data.on_plan.get(gid, (None, None))[1]
    return data.meals.get(inv.meal_option_id, "") if inv is not None and inv.meal_option_id else ""


def plus_one_names(g: Guest, lang: str) -> tuple[str, str]:
    """How a guest's plus-one is shown (the named plus-one, else "Guest of Anna Martin") and sorted."""
    if g.plus_one == "named" and g.plus_one_name.strip():
        name = g.plus_one_name.strip()
        first, _, last = name.rpartition(" ")
        return name, (f"{last}, {first}" if first else name)
    host = f"{g.last_name}, {g.first_name}" if g.last_name else g.first_name
    return i18n.gettext(lang, "Guest of {name}", name=_name(g)), i18n.gettext(lang, "{name} (+1)", name=host)


def _companion_entry(data: PlanData, a: SeatAssignment, lang: str) -> dict[str, Any] | None:
    """The seat of a guest's plus-one, as tables[].guests[] shows it (id = their guest's: they move together)."""
    g = data.guests.get(a.guest_id)
    if g is None:
        return None
    coming = a.guest_id in data.plus_ones
    inv = data.on_plan.get(a.guest_id, (None, None))[1]
    host = data.seat_of.get(a.guest_id)
    name, sort_name = plus_one_names(g, lang)
    return {
        "id": str(g.id),
        "name": name,
        "sort_name": sort_name,
        "initials": "+1",
        "household_id": str(g.household_id),
        "seat": a.seat,
        "locked": bool(host and host.locked),
        "meal": data.meals.get(inv.plus_one_meal_option_id, "") if coming and inv.plus_one_meal_option_id else "",
        "dietary": [],
        "rsvp": "attending" if coming else "declined",
        "companion": True,
        "plus_one": False,
        "guest_of": _name(g),
    }


def plan_view(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, lang: str) -> dict[str, Any]:
    """Everything the seating page draws, render-ready and JSON-serialisable (see the contract)."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    data = load_plan_data(session, wedding, plan)
    no_meal = i18n.gettext(lang, NO_MEAL)
    tags: dict[uuid.UUID, list[str]] = defaultdict(list)
    if data.guests:
        for gid, name in session.exec(
            select(GuestTag.guest_id, GuestTag.name).where(GuestTag.guest_id.in_(list(data.guests)))
        ).all():
            tags[gid].append(name)
    by_table: dict[uuid.UUID, list[SeatAssignment]] = defaultdict(list)
    for a in [*data.assignments, *data.companions.values()]:
        by_table[a.table_id].append(a)
    tables = []
    for t in data.tables:
        seated = sorted(by_table[t.id], key=lambda a: a.seat)
        guests, meals, dietary = [], Counter(), Counter()
        for a in seated:
            if a.companion:  # a plus-one: their meal counts, they have no dietary record of their own
                entry = _companion_entry(data, a, lang)
                if entry is not None:
                    if entry["rsvp"] == "attending":
                        meals[entry["meal"] or no_meal] += 1
                    guests.append(entry)
                continue
            g = data.guests[a.guest_id]
            meal = _meal(data, g.id)
            diets = _dietary(g, lang)
            meals[meal or no_meal] += 1
            dietary.update(diets)
            guests.append(
                {
                    "id": str(g.id),
                    "name": _name(g),
                    "sort_name": f"{g.last_name}, {g.first_name}" if g.last_name else g.first_name,
                    "initials": _initials(g),
                    "household_id": str(g.household_id),
                    "seat": a.seat,
                    "locked": a.locked,
                    "meal": meal,
                    "dietary": diets,
                    "rsvp": data.status.get(g.id, ""),
                    "companion": False,
                    "plus_one": g.id in data.plus_ones,
                    "guest_of": "",
                }
            )
        tables.append(
            {
                **{k: getattr(t, k) for k in ("label", "shape", "capacity", "x", "y", "rotation", "width", "height")},
                "id": str(t.id),
                "locked": t.locked,
                "version": t.version,
                "seated": len(seated),
                "free": t.capacity - len(seated),
                "guests": guests,
                "meals": [{"name": n, "count": c} for n, c in sorted(meals.items(), key=lambda kv: (-kv[1], kv[0]))],
                "dietary": [
                    {"label": n, "count": c} for n, c in sorted(dietary.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
            }
        )
    unassigned_rows = sorted(
        (g for gid, (g, _) in data.on_plan.items() if gid not in data.seat_of),
        key=lambda g: (
            data.households[g.household_id].name.casefold(),
            g.first_name.casefold(),
            g.last_name.casefold(),
        ),
    )
    unassigned = [
        {
            "id": str(g.id),
            "name": _name(g),
            "household_id": str(g.household_id),
            "household": data.households[g.household_id].name,
            "side": g.side,
            "tags": sorted(tags[g.id]),
            "rsvp": data.status.get(g.id, ""),
            "meal": _meal(data, g.id),
            "dietary": _dietary(g, lang),
            "plus_one": g.id in data.plus_ones,
        }
        for g in unassigned_rows
    ]
    size: Counter = Counter()
    waiting: Counter = Counter()
    for gid, (g, _) in data.on_plan.items():
        size[g.household_id] += 1
        if gid not in data.seat_of:
            waiting[g.household_id] += 1
    households = sorted(
        (
            {"id": str(hid), "name": data.households[hid].name, "size": n, "unassigned": waiting[hid]}
            for hid, n in size.items()
        ),
        key=lambda h: h["name"].casefold(),
    )
    rules, violations = evaluate_rules(data, lang)
    label = {t.id: t.label for t in data.tables}
    for gid in sorted(data.plus_ones, key=lambda g: _name(data.guests[g]).casefold()):
        a = data.seat_of.get(gid)
        if a is not None and not data.companion_ok(gid):  # the plus-one said yes after their guest was seated
            violations.append(
                {
                    "rule_id": "",
                    "guest_a": str(gid),
                    "guest_b": str(gid),
                    "table_a": str(a.table_id),
                    "table_b": str(a.table_id),
                    "message": i18n.gettext(
                        lang,
                        "{name}'s plus-one has no seat yet at {table}. Move them or run Repair.",
                        name=_name(data.guests[gid]),
                        table=label.get(a.table_id, "?"),
                    ),
                }
            )
    seated_on_plan = sum(
        data.seats_of(gid) if data.companion_ok(gid) else 1 for gid in data.on_plan if gid in data.seat_of
    )
    people = len(data.on_plan) + len(data.plus_ones)
    return {
        "id": str(plan.id),
        "event_id": str(plan.event_id),
        "event_name": data.event.name,
        "version": plan.version,
        "can_edit": can(principal, Permission.SEATING_EDIT, wedding.tenant_id),
        "keep_households_together": plan.keep_households_together,
        "width": plan.width,
        "height": plan.height,
        "grid": plan.grid,
        "tables": tables,
        "elements": [
            {
                "id": str(e.id),
                "kind": e.kind,
                "label": e.label or i18n.gettext(lang, ELEMENT_LABELS[e.kind]),
                "x": e.x,
                "y": e.y,
                "width": e.width,
                "height": e.height,
                "rotation": e.rotation,
                "version": e.version,
            }
            for e in data.elements
        ],
        "unassigned": unassigned,
        "households": households,
        "rules": rules,
        "violations": violations,
        "totals": {  # people: plus-ones count
            "guests": people,
            "seated": seated_on_plan,
            "unassigned": people - seated_on_plan,
            "tables": len(data.tables),
            "seats": sum(t.capacity for t in data.tables),
        },
    }


# ---- export and import --------------------------------------------------------------------------


@dataclass
class Party:
    id: str
    name: str
    guests: list[uuid.UUID]
    plus_ones: int = 0  # the members' plus-ones, seated with them

    @property
    def size(self) -> int:
        return len(self.guests) + self.plus_ones


def parties_of(data: PlanData) -> list[Party]:
    """Households' guests on this plan (or single guests when households are not kept together).

    A household whose guests are locked at different tables cannot be one party: its guests go singly.
    """
    by_household: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for gid, (g, _) in data.on_plan.items():
        by_household[g.household_id].append(gid)
    out: list[Party] = []
    for hid in sorted(by_household, key=lambda h: (data.households[h].name.casefold(), str(h))):
        members = sorted(by_household[hid], key=lambda g: (_name(data.guests[g]).casefold(), str(g)))
        locked_tables = {data.seat_of[g].table_id for g in members if g in data.seat_of and data.seat_of[g].locked}
        if data.plan.keep_households_together and len(locked_tables) <= 1:
            out.append(
                Party(str(hid), data.households[hid].name, members, sum(1 for g in members if g in data.plus_ones))
            )
        else:
            out.extend(Party(str(g), _name(data.guests[g]), [g], int(g in data.plus_ones)) for g in members)
    return out


def fixed_of(data: PlanData, parties: list[Party]) -> dict[str, str]:
    """Party -> table for locked guests and for guests at locked tables."""
    fixed = {}
    for p in parties:
        for g in p.guests:
            a = data.seat_of.get(g)
            if a is not None and (a.locked or data.table_by_id[a.table_id].locked):
                fixed[p.id] = str(a.table_id)
                break
    return fixed


def relations_of(data: PlanData, parties: list[Party]) -> list[dict[str, Any]]:
    """The rules as spec relations between parties (one per pair: hard wins, apart before together)."""
    party_of = {g: p.id for p in parties for g in p.guests}
    hard: dict[frozenset, str] = {}
    weight: Counter = Counter()
    order: list[tuple[str, str]] = []
    for rule in data.rules:
        pa = {party_of[g] for g in _members(data, _side(rule, "a")) if g in party_of}
        pb = {party_of[g] for g in _members(data, _side(rule, "b")) if g in party_of}
        for a in sorted(pa):
            for b in sorted(pb):
                if a == b:
                    continue
                key = frozenset((a, b))
                if key not in hard and key not in weight:
                    order.append((a, b))
                if rule.kind in HARD_RULES:
                    if hard.get(key) != "apart":
                        hard[key] = rule.kind
                else:
                    weight[key] += rule.weight if rule.kind == "prefer_together" else -rule.weight
    out = []
    for a, b in order:
        key = frozenset((a, b))
        if key in hard:
            out.append({"a": a, "b": b, "hard": hard[key]})
        elif weight[key]:
            out.append({"a": a, "b": b, "weight": weight[key]})
    return out


def build_instance(data: PlanData) -> dict[str, Any]:
    parties = parties_of(data)
    out: dict[str, Any] = {
        "name": f"{data.wedding.partner_a} & {data.wedding.partner_b} – {data.event.name}",
        "tables": [{"id": str(t.id), "capacity": t.capacity, "name": t.label} for t in data.tables],
        "parties": [{"id": p.id, "size": p.size, "name": p.name} for p in parties],
        "relations": relations_of(data, parties),
    }
    fixed = fixed_of(data, parties)
    if fixed:
        out["fixed"] = fixed
    return out


def current_seating(data: PlanData, parties: list[Party]) -> dict[str, str]:
    """Party -> table of the current seating, for parties entirely seated at one table."""
    out = {}
    for p in parties:
        tables = {data.seat_of[g].table_id for g in p.guests if g in data.seat_of}
        if len(tables) == 1 and all(g in data.seat_of for g in p.guests):
            out[p.id] = str(next(iter(tables)))
    return out


def export_instance(session: Session, principal: Principal, wedding_id: Any, plan_id: Any) -> dict[str, Any]:
    """The plan in the seating spec format (/work/shared/specs/seating.md), ids = our UUIDs, names included."""
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    return build_instance(load_plan_data(session, wedding, plan))


def import_assignment(
    session: Session, principal: Principal, wedding_id: Any, plan_id: Any, data: Mapping[str, Any]
) -> dict[str, int]:
    """Seat the plan as a spec result ("assignment") or instance ("fixed", seated and locked) says; all or nothing.

    Parties are households or guests of this plan, tables are the plan's; guests the file does not seat
    become unassigned. One undoable action.
    """
    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    if not isinstance(data, Mapping):
        raise ValidationError({"": N_("The file is not a seating instance or result.")})
    mapping = data.get("assignment") if "assignment" in data else data.get("fixed", {})
    fixed = data.get("fixed") or {}
    if (
        not isinstance(mapping, Mapping)
        or not isinstance(fixed, Mapping)
        or ("assignment" not in data and "tables" not in data)
    ):
        raise ValidationError({"": N_("The file is not a seating instance or result.")})
    pd = load_plan_data(session, wedding, plan)
    tables = {str(t.id): t for t in pd.tables}
    members: dict[str, list[uuid.UUID]] = defaultdict(list)
    for gid, (g, _) in pd.on_plan.items():
        members[str(gid)].append(gid)
        members[str(g.household_id)].append(gid)
    target: dict[uuid.UUID, uuid.UUID] = {}
    for party, table in mapping.items():
        party, table = str(party), str(table)
        if party not in members:
            raise ValidationError(
                {"": N_("The file names {id}, which is no guest or household of this plan.", id=party[:60])}
            )
        if table not in tables:
            raise ValidationError({"": N_("The file names {id}, which is no table of this plan.", id=table[:60])})
        for gid in members[party]:
            if gid in target and target[gid] != tables[table].id:
                raise ValidationError({"": N_("The file seats {name} at two tables.", name=_name(pd.guests[gid]))})
            target[gid] = tables[table].id
    locked = {gid for party in fixed for gid in members.get(str(party), [])}
    counts = Counter()
    for gid, tid in target.items():
        counts[tid] += pd.seats_of(gid)  # a guest's plus-one sits with them
    for tid, n in counts.items():
        t = pd.table_by_id[tid]
        if n > t.capacity:
            raise ValidationError(
                {
                    "": N_(
                        "{table} would seat {n} guests but has {capacity} seats.",
                        table=t.label,
                        n=n,
                        capacity=t.capacity,
                    )
                }
            )
    changes: dict[uuid.UUID, dict[str, Any] | None] = {}
    for gid in set(pd.seat_of) | set(target):
        a = pd.seat_of.get(gid)
        tid = target.get(gid)
        if tid is None:
            if a is not None:
                changes[gid] = None
            continue
        lock = gid in locked or (a is not None and a.locked and a.table_id == tid)
        if a is not None and a.table_id == tid and a.locked == lock:
            continue
        changes[gid] = {
            "table_id": str(tid),
            "seat": a.seat if a is not None and a.table_id == tid else None,
            "locked": lock,
        }
    _apply_seating(session, principal, plan, changes, N_("Import a seating"))
    audit.record(
        session,
        principal,
        "seating.import",
        tenant_id=wedding.tenant_id,
        obj=plan,
        after={"seated": len(target), "changed": len(changes)},
    )
    _bump(session, plan)
    seated = sum(pd.seats_of(g) for g in target if g in pd.on_plan)  # people: plus-ones count
    return {"seated": seated, "unassigned": len(pd.on_plan) + len(pd.plus_ones) - seated}


def _apply_seating(
    session: Session,
    principal: Principal,
    plan: SeatingPlan,
    changes: Mapping[uuid.UUID, Mapping[str, Any] | None],
    label: Msg,
) -> None:
    """Write many seat changes as one undoable action (import, optimizer proposals)."""
    ids = list(changes)
    before = _capture(session, plan, seats=ids)
    # Guests who stay at their table keep their seats; movers take the free seats left.
    _write_seats(session, plan, changes, race=STALE)
    _record(session, principal, plan, label, before, _capture(session, plan, seats=ids))


# ---- printing -------------------------------------------------------------------------------


def chart_pdf(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, lang: str) -> bytes:
    """The printable seating chart: every table with its guests (and meal counts), plus the room drawing."""
    from services.seating import pdf

    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    return pdf.chart_pdf(plan_view(session, principal, wedding_id, plan_id, lang), _couple(wedding), lang)


def escort_cards_pdf(session: Session, principal: Principal, wedding_id: Any, plan_id: Any, lang: str) -> bytes:
    """Escort cards / the alphabetical guest -> table list for the entrance."""
    from services.seating import pdf

    wedding, plan = _plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    view = plan_view(session, principal, wedding_id, plan_id, lang)
    rows = sorted(
        (
            (g["sort_name"], t["label"])
            for t in view["tables"]
            for g in t["guests"]
            if g["rsvp"] in ("attending", "pending")
        ),
        key=lambda r: (_sort_key(r[0]), r[1]),
    )
    return pdf.escort_pdf(view, rows, _couple(wedding), lang)


def _couple(wedding: Wedding) -> str:
    return f"{wedding.partner_a} & {wedding.partner_b}"


def _sort_key(name: str) -> str:
    """Alphabetical by name, accents and case ignored."""
    from services.guests import fold

    return fold(name)
