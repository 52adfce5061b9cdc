"""Vendors a wedding works with (the Vendors issue turns these into marketplace bookings)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import created_at_field, tenant_fk, uuid_pk, wedding_fk


class WeddingVendor(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=200)
    category: str = Field(max_length=60)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=40)
    status: str = Field(default="considering", max_length=20)  # considering | booked
    created_at: datetime = created_at_field()
