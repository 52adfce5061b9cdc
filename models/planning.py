"""Budget, checklist and day-of timeline (the Planning issue extends these)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk


class BudgetCategory(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=120)
    # Per guest: planned_minor is a price per head, multiplied by the budget's guest count.
    planned_minor: int = Field(default=0)
    per_guest: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    kind: str = Field(default="", max_length=30, sa_column_kwargs={"server_default": ""})  # default set key
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class BudgetItem(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    category_id: uuid.UUID = Field(foreign_key="budgetcategory.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    # Fixed lines: estimated and actual (committed) costs. Per-guest lines keep their prices per head in
    # unit_*_minor and these two hold unit x guest count as of the last save; services.budget computes
    # live totals (the dashboard uses services.budget.committed_and_paid).
    estimated_minor: int = Field(default=0)
    # Committed = the actual cost, signed or booked: the amount the couple can no longer avoid paying.
    committed_minor: int = Field(default=0)
    # Always the sum of this item's BudgetPayment rows (kept by services.budget in the same transaction).
    paid_minor: int = Field(default=0)
    due_date: date | None = None
    vendor: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    per_guest: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    unit_estimated_minor: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    unit_actual_minor: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    split_mode: str = Field(default="", max_length=10, sa_column_kwargs={"server_default": ""})  # "" | percent | amount
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = created_at_field()


class Task(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    title: str = Field(max_length=200)
    category: str = Field(default="", max_length=60)
    due_date: date | None = None
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    assignee_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    # Checklist (Planning issue): notes, template order within a day, optimistic-locking version.
    notes: str = Field(default="", max_length=2000, sa_column_kwargs={"server_default": ""})
    sort_order: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class TimelineItem(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    event_id: uuid.UUID | None = Field(default=None, foreign_key="weddingevent.id", ondelete="SET NULL")
    title: str = Field(max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    duration_minutes: int = Field(default=30)
    location: str = Field(default="", max_length=200)
    # Day-of timeline (Planning issue): who is responsible, notes, optimistic-locking version.
    people: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    vendors: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    notes: str = Field(default="", max_length=2000, sa_column_kwargs={"server_default": ""})
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
