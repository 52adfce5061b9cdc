"""Seating plans: one per wedding event, its tables, room elements, seats, rules, undo log, presence, optimizer runs.

The database itself makes a double booking impossible: UNIQUE(plan_id, guest_id, companion) seats a guest
(and their plus-one) once per plan and UNIQUE(table_id, seat) gives each seat to one person. `version` columns detect stale writes; the
plan's version is bumped on every change to anything in it (the live poll compares it).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import created_at_field, tenant_fk, uuid_pk, wedding_fk

TABLE_SHAPES = ("round", "rect", "banquet")
ELEMENT_KINDS = ("dance_floor", "stage", "bar", "exit", "pillar")
RULE_KINDS = ("together", "apart", "prefer_together", "prefer_apart")
HARD_RULES = ("together", "apart")
RUN_MODES = ("optimize", "repair")
RUN_STATUSES = ("running", "done", "stopped", "failed", "infeasible", "accepted", "discarded")


class SeatingPlan(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    event_id: uuid.UUID = Field(foreign_key="weddingevent.id", unique=True, index=True, ondelete="CASCADE")
    version: int = Field(default=1)
    keep_households_together: bool = Field(default=True)
    width: int = Field(default=2400)  # floor units (1 unit = 1 cm)
    height: int = Field(default=1600)
    grid: int = Field(default=50)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class SeatingTable(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    label: str = Field(max_length=60)
    shape: str = Field(default="round", max_length=10)  # round | rect | banquet
    capacity: int = Field(default=10)  # 1..30
    x: int = Field(default=0)  # centre, floor units
    y: int = Field(default=0)
    rotation: int = Field(default=0)  # degrees
    width: int = Field(default=200)
    height: int = Field(default=200)
    locked: bool = Field(default=False)
    version: int = Field(default=1)


class RoomElement(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)  # dance_floor | stage | bar | exit | pillar
    label: str = Field(default="", max_length=60)
    x: int = Field(default=0)
    y: int = Field(default=0)
    width: int = Field(default=200)
    height: int = Field(default=200)
    rotation: int = Field(default=0)
    version: int = Field(default=1)


class SeatAssignment(SQLModel, table=True):
    """A guest in a seat, or (companion=True) the plus-one a guest brings, in the seat next to theirs.

    A companion row always sits at its guest's table; services.seating.plans writes it with the guest's row.
    The two unique constraints make double bookings impossible.
    """

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "guest_id", "companion", name="uq_seatassignment_plan_id_guest_id_companion"),
        sa.UniqueConstraint("table_id", "seat", name="uq_seatassignment_table_id_seat"),
    )

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    guest_id: uuid.UUID = Field(foreign_key="guest.id", index=True, ondelete="CASCADE")
    table_id: uuid.UUID = Field(foreign_key="seatingtable.id", index=True, ondelete="CASCADE")
    seat: int = Field(default=0)  # 0-based, < the table's capacity
    locked: bool = Field(default=False)  # the optimizer keeps this guest at this table
    companion: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})  # the guest's plus-one
    version: int = Field(default=1)
    created_at: datetime = created_at_field()


class SeatingRule(SQLModel, table=True):
    """Between two guests or households: must sit together/apart (hard), prefer together/apart (soft, weighted)."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)  # together | apart | prefer_together | prefer_apart
    weight: int = Field(default=0)  # 1..100 for the soft rules
    a_guest_id: uuid.UUID | None = Field(default=None, foreign_key="guest.id", index=True, ondelete="CASCADE")
    a_household_id: uuid.UUID | None = Field(default=None, foreign_key="household.id", index=True, ondelete="CASCADE")
    b_guest_id: uuid.UUID | None = Field(default=None, foreign_key="guest.id", index=True, ondelete="CASCADE")
    b_household_id: uuid.UUID | None = Field(default=None, foreign_key="household.id", index=True, ondelete="CASCADE")
    created_at: datetime = created_at_field()


class SeatingAction(SQLModel, table=True):
    """One user's undoable change to a plan (the last 50 per user and plan are kept)."""

    __table_args__ = (sa.UniqueConstraint("plan_id", "user_id", "seq", name="uq_seatingaction_plan_id_user_id_seq"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    seq: int = Field(default=1)
    label: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)  # {"id": msgid, "params": {...}}
    undo: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)  # the state before
    redo: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)  # the state after
    undone: bool = Field(default=False)
    created_at: datetime = created_at_field()


class SeatingPresence(SQLModel, table=True):
    """Who else has the plan open, what they selected and where their cursor is (shown for 10 s)."""

    __table_args__ = (sa.UniqueConstraint("plan_id", "user_id", name="uq_seatingpresence_plan_id_user_id"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    display_name: str = Field(default="", max_length=120)
    color: str = Field(default="", max_length=20)
    selection: str = Field(default="", max_length=60)
    x: float | None = Field(default=None)
    y: float | None = Field(default=None)
    updated_at: datetime = created_at_field()


class OptimizationRun(SQLModel, table=True):
    """An optimizer run; the row carries progress and the stop request, so any worker can watch or stop it."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    plan_id: uuid.UUID = Field(foreign_key="seatingplan.id", index=True, ondelete="CASCADE")
    mode: str = Field(default="optimize", max_length=10)  # optimize | repair
    status: str = Field(default="running", max_length=12)
    started_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    time_limit_s: float = Field(default=10.0)
    best: int | None = Field(default=None)
    bound: int | None = Field(default=None)
    elapsed_s: float = Field(default=0.0)
    stop_requested: bool = Field(default=False)
    base_version: int = Field(default=0)
    proposal: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)  # guest_id -> table_id
    summary: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)  # moves, conflicts, objective
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
