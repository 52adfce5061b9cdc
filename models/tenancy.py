"""Tenants, users, memberships and collaborator invitations."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk


class Tenant(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)  # couple | agency | vendor
    created_at: datetime = created_at_field()


class User(SQLModel, table=True):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: uuid.UUID = uuid_pk()
    email: str = Field(max_length=320, sa_column_kwargs={"unique": True}, index=False)
    password_hash: str = Field(max_length=255)
    display_name: str = Field(max_length=120)
    locale: str = Field(default="en", max_length=10)
    is_platform_admin: bool = Field(default=False)
    created_at: datetime = created_at_field()


class Membership(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("tenant_id", "user_id", name="uq_membership_tenant_user"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=20)
    created_at: datetime = created_at_field()


class CollaboratorInvitation(SQLModel, table=True):
    """A one-use link that lands the invitee in a tenant with a role (7-day expiry)."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID | None = Field(default=None, foreign_key="wedding.id", ondelete="CASCADE")
    email: str = Field(max_length=320)
    role: str = Field(max_length=20)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    invited_by: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE")
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    accepted_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
