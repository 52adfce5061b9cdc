"""Households (parties), guests, their tags, and per-event invitations with RSVP, meal and plus-one.

A wedding has several events (models.weddings.WeddingEvent). Each guest is invited per event
(GuestEventInvitation): the RSVP status, the meal choice and the plus-one's attendance belong to
that invitation, so the ceremony and the brunch each have their own answers and counts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk

SIDES = ("a", "b", "both")
AGE_GROUPS = ("adult", "child", "infant")
RSVP_STATUSES = ("pending", "attending", "declined")
PLUS_ONE_KINDS = ("none", "named", "unnamed")
# Structured dietary restrictions and allergies; anything else goes in Guest.dietary_notes.
DIETARY_CODES = (
    "vegetarian",
    "vegan",
    "pescatarian",
    "gluten_free",
    "lactose_free",
    "nut_allergy",
    "shellfish_allergy",
    "fish_allergy",
    "egg_allergy",
    "soy_allergy",
    "halal",
    "kosher",
    "no_pork",
    "no_alcohol",
)


class Household(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=200)
    # The private RSVP link's token is shown once; only its SHA-256 (hex) is kept.
    invite_token_hash: str | None = Field(default=None, max_length=64, unique=True, index=True)
    invite_token_created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()


class Guest(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True, ondelete="CASCADE")
    first_name: str = Field(max_length=120)
    last_name: str = Field(default="", max_length=120)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})  # E.164
    address: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    side: str = Field(default="both", max_length=10)  # a | b | both
    age_group: str = Field(default="adult", max_length=10, sa_column_kwargs={"server_default": "adult"})
    language: str = Field(default="", max_length=10, sa_column_kwargs={"server_default": ""})
    dietary: list[str] = Field(
        default_factory=list, sa_type=sa.JSON, sa_column_kwargs={"server_default": sa.text("'[]'")}
    )
    dietary_notes: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    accessibility: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    notes: str = Field(default="", max_length=2000, sa_column_kwargs={"server_default": ""})
    plus_one: str = Field(default="none", max_length=10, sa_column_kwargs={"server_default": "none"})
    plus_one_name: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    invited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class GuestTag(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("guest_id", "name", name="uq_guesttag_guest_id_name"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    guest_id: uuid.UUID = Field(foreign_key="guest.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=60, index=True)


class EventMealOption(SQLModel, table=True):
    """A meal the couple offers at one event (e.g. "Beef", "Fish", "Vegetarian", "Kids' menu")."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    event_id: uuid.UUID = Field(foreign_key="weddingevent.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    position: int = Field(default=0)


class GuestEventInvitation(SQLModel, table=True):
    """One guest invited to one event, with that event's own RSVP, meal and plus-one answer."""

    __table_args__ = (sa.UniqueConstraint("guest_id", "event_id", name="uq_guesteventinvitation_guest_id_event_id"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    guest_id: uuid.UUID = Field(foreign_key="guest.id", index=True, ondelete="CASCADE")
    event_id: uuid.UUID = Field(foreign_key="weddingevent.id", index=True, ondelete="CASCADE")
    rsvp_status: str = Field(default="pending", max_length=10)  # pending | attending | declined
    meal_option_id: uuid.UUID | None = Field(default=None, foreign_key="eventmealoption.id", ondelete="SET NULL")
    plus_one_attending: bool = Field(default=False)
    plus_one_meal_option_id: uuid.UUID | None = Field(
        default=None, foreign_key="eventmealoption.id", ondelete="SET NULL"
    )
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()


def guest_snapshot(g: Guest, tags: list[str] | None = None) -> dict[str, Any]:
    """What the audit trail keeps of a guest (before/after)."""
    snap: dict[str, Any] = {
        k: getattr(g, k)
        for k in (
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "side",
            "age_group",
            "language",
            "dietary_notes",
            "accessibility",
            "notes",
            "plus_one",
            "plus_one_name",
        )
    }
    snap["dietary"] = list(g.dietary or [])
    snap["household_id"] = str(g.household_id)
    if tags is not None:
        snap["tags"] = sorted(tags)
    return snap
