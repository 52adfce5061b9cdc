"""Check-in on the day: one row per guest who arrived at one event, written by a staff station."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import created_at_field, tenant_fk, uuid_pk, wedding_fk


class GuestCheckIn(SQLModel, table=True):
    """A guest arrived at an event. The unique (guest, event) pair makes two stations agree on who came first."""

    __table_args__ = (sa.UniqueConstraint("guest_id", "event_id", name="uq_guestcheckin_guest_id_event_id"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    guest_id: uuid.UUID = Field(foreign_key="guest.id", index=True, ondelete="CASCADE")
    event_id: uuid.UUID = Field(foreign_key="weddingevent.id", index=True, ondelete="CASCADE")
    station: str = Field(default="", max_length=60)  # the name the staff typed on the check-in page
    checked_in_by: uuid.UUID | None = Field(default=None)  # the user; no foreign key: the record outlives accounts
    created_at: datetime = created_at_field()  # when the guest was checked in
