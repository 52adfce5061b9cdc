"""A couple's wedding and the events of its weekend."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk


class Wedding(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    partner_a: str = Field(max_length=120)
    partner_b: str = Field(max_length=120)
    wedding_date: date
    venue_name: str = Field(default="", max_length=200)
    venue_address: str = Field(default="", max_length=500)
    # The GeoNames id of the wedding's town or city (services.vendor_cities), for the marketplace's area filter.
    city_id: int | None = Field(default=None)
    expected_guests: int = Field(default=0)
    budget_total_minor: int = Field(default=0)  # integer minor units of `currency`
    currency: str = Field(default="EUR", max_length=3)
    locale: str = Field(default="en", max_length=10)
    timezone: str = Field(default="UTC", max_length=64)
    # Guests' RSVP: answers are editable until this day (in the wedding's timezone); the couple's contact after it.
    rsvp_deadline: date | None = Field(default=None)
    rsvp_contact_email: str = Field(default="", max_length=320, sa_column_kwargs={"server_default": ""})
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    version: int = Field(default=1)


class WeddingEvent(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=120)
    kind: str = Field(default="other", max_length=30)
    starts_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    location: str = Field(default="", max_length=300)
    capacity: int | None = Field(default=None)  # seats; None = no limit (Guests issue)
