"""The guests' own RSVP: the household's song request and message, and the invitation send log."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import created_at_field, tenant_fk, uuid_pk, wedding_fk

SEND_KINDS = ("invitation", "reminder")


class HouseholdResponse(SQLModel, table=True):
    """What a household wrote on the RSVP page besides the per-event answers (one row per household)."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    household_id: uuid.UUID = Field(foreign_key="household.id", unique=True, index=True, ondelete="CASCADE")
    song_request: str = Field(default="", max_length=300)
    message: str = Field(default="", max_length=2000)
    submitted_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class InvitationSend(SQLModel, table=True):
    """One invitation or reminder email sent to a household (the per-household send log)."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    household_id: uuid.UUID = Field(foreign_key="household.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)  # invitation | reminder
    to_email: str = Field(max_length=320)
    sent_at: datetime = created_at_field()
    outbox_message_id: uuid.UUID | None = Field(default=None)
