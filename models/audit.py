"""Append-only audit trail of every state-changing service call."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import created_at_field, uuid_pk


class AuditEvent(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID | None = Field(default=None, index=True)
    actor_user_id: uuid.UUID | None = Field(default=None)
    action: str = Field(max_length=80)
    object_type: str = Field(default="", max_length=60)
    object_id: str = Field(default="", max_length=64)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    ip: str = Field(default="", max_length=64)
    created_at: datetime = created_at_field()
