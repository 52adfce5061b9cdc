"""Server-side login sessions and one-time tokens (login tickets, password resets)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field


class AuthSession(SQLModel, table=True):
    # The primary key is the SHA-256 of the cookie value: a database leak gives no live session.
    id: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    created_at: datetime = created_at_field()
    last_seen_at: datetime = Field(sa_type=UTCDateTime)
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=300)


class OneTimeToken(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)  # SHA-256 of the token
    purpose: str = Field(max_length=20)  # login | reset
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
