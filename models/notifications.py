"""The email outbox: every message goes through it (and to SMTP when configured)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, uuid_pk


class OutboxMessage(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID | None = Field(default=None, foreign_key="tenant.id", index=True, ondelete="SET NULL")
    kind: str = Field(max_length=40)
    to_email: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    body_text: str
    created_at: datetime = created_at_field()
    status: str = Field(default="queued", max_length=20)  # queued | sent | failed | outbox
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str = Field(default="", max_length=500)
