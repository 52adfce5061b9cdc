"""Contracts a vendor attaches to a booking: immutable versions, review comments, status events, signatures.

A contract has three sides: the couple's tenant (`tenant_id`, with the wedding), the vendor's tenant
(`vendor_tenant_id`) and platform admins, who review it. services.contracts decides who sees what.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk

CONTRACT_KINDS = ("upload", "template")


class Contract(SQLModel, table=True):
    # The admin queue: waiting contracts by status, oldest submission first.
    __table_args__ = (sa.Index("ix_contract_status_submitted_at", "status", "submitted_at"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()  # the couple's (or agency's) tenant
    wedding_id: uuid.UUID = wedding_fk()
    booking_id: uuid.UUID = Field(foreign_key="vendorbooking.id", index=True, nullable=False, ondelete="CASCADE")
    vendor_id: uuid.UUID = Field(foreign_key="vendorprofile.id", index=True, nullable=False, ondelete="CASCADE")
    vendor_tenant_id: uuid.UUID = Field(foreign_key="tenant.id", index=True, nullable=False, ondelete="CASCADE")
    kind: str = Field(max_length=10)  # CONTRACT_KINDS
    title: str = Field(max_length=200)
    status: str = Field(default="draft", max_length=20)  # services.contract_workflow.Status
    amount: int = Field(default=0)  # minor units of `currency`
    currency: str = Field(default="EUR", max_length=3)
    current_version: int = Field(default=0)
    reviewed_version: int = Field(default=0)  # the version an admin last decided on
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    executed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    executed_storage_key: str = Field(default="", max_length=200)
    executed_sha256: str = Field(default="", max_length=64)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class ContractVersion(SQLModel, table=True):
    """Immutable: a change is a new row with the next number, never an update."""

    __table_args__ = (sa.UniqueConstraint("contract_id", "number", name="uq_contractversion_contract_id_number"),)

    id: uuid.UUID = uuid_pk()
    contract_id: uuid.UUID = Field(foreign_key="contract.id", nullable=False, ondelete="CASCADE")
    number: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=200)
    size: int
    pages: int = Field(default=1)
    file_name: str = Field(default="", max_length=200)  # shown only; never used as a storage key
    fields: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)  # template contracts
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()


class ContractComment(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    contract_id: uuid.UUID = Field(foreign_key="contract.id", index=True, nullable=False, ondelete="CASCADE")
    version_number: int
    side: str = Field(max_length=10)  # admin | vendor
    author_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    author_name: str = Field(default="", max_length=120)
    body: str = Field(max_length=4000)
    created_at: datetime = created_at_field()


class ContractEvent(SQLModel, table=True):
    """The status history shown on the contract pages (the audit log keeps the same facts)."""

    id: uuid.UUID = uuid_pk()
    contract_id: uuid.UUID = Field(foreign_key="contract.id", index=True, nullable=False, ondelete="CASCADE")
    action: str = Field(max_length=30)
    from_status: str = Field(default="", max_length=20)
    to_status: str = Field(max_length=20)
    side: str = Field(max_length=10)  # admin | vendor | couple
    actor_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    actor_name: str = Field(default="", max_length=120)
    version_number: int = Field(default=0)
    reason: str = Field(default="", max_length=2000)
    created_at: datetime = created_at_field()


class ContractSignature(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("contract_id", "role", name="uq_contractsignature_contract_id_role"),)

    id: uuid.UUID = uuid_pk()
    contract_id: uuid.UUID = Field(foreign_key="contract.id", nullable=False, ondelete="CASCADE")
    role: str = Field(max_length=10)  # couple | vendor
    full_name: str = Field(max_length=200)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    signed_at: datetime = created_at_field()
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=500)
    document_sha256: str = Field(max_length=64)
    version_number: int
