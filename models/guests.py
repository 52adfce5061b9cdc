"""Households and guests (the Guests issue extends these)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk


class Household(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=200)
    created_at: datetime = created_at_field()


class Guest(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True, ondelete="CASCADE")
    first_name: str = Field(max_length=120)
    last_name: str = Field(default="", max_length=120)
    email: str = Field(default="", max_length=320)
    side: str = Field(default="both", max_length=10)  # a | b | both
    rsvp_status: str = Field(default="pending", max_length=10)  # pending | attending | declined
    invited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
