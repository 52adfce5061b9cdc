"""Sharing the planning outside the app: timeline share links, calendar subscriptions, ICS sequences."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk


class TimelineShareLink(SQLModel, table=True):
    """A read-only link to the day-of timeline; only the SHA-256 of its random token is stored."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    label: str = Field(default="", max_length=120)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    token_hint: str = Field(default="", max_length=8)  # the last characters, to tell links apart
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CalendarSubscription(SQLModel, table=True):
    """A personal ICS feed URL of one user for one wedding; revoking it ends the feed."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    token_hint: str = Field(default="", max_length=8)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_fetched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CalendarSequence(SQLModel, table=True):
    """The iCalendar SEQUENCE of one calendar item: bumped whenever the item's content digest changes."""

    __table_args__ = (sa.UniqueConstraint("wedding_id", "uid", name="uq_calendarsequence_wedding_uid"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    uid: str = Field(max_length=120)
    sequence: int = Field(default=0)
    digest: str = Field(max_length=64)
    changed_at: datetime = created_at_field()
