"""Budget, checklist and day-of timeline (the Planning issue extends these)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk


class BudgetCategory(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=120)
    planned_minor: int = Field(default=0)


class BudgetItem(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    category_id: uuid.UUID = Field(foreign_key="budgetcategory.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    estimated_minor: int = Field(default=0)
    # Committed = signed or booked: the amount the couple can no longer avoid paying.
    committed_minor: int = Field(default=0)
    paid_minor: int = Field(default=0)
    due_date: date | None = None
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


class TimelineItem(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    event_id: uuid.UUID | None = Field(default=None, foreign_key="weddingevent.id", ondelete="SET NULL")
    title: str = Field(max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    duration_minutes: int = Field(default=30)
    location: str = Field(default="", max_length=200)
