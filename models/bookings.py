"""Quotes, bookings, message threads and reviews between a wedding's team and a vendor.

Rows carry both sides: `tenant_id` is the couple's (or agency's) tenant, `vendor_tenant_id` the
vendor organization's. services.bookings reads them through a helper that matches either side.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import UTCDateTime, created_at_field, tenant_fk, uuid_pk, wedding_fk

QUOTE_STATUSES = ("requested", "proposed", "accepted", "declined", "withdrawn")
BOOKING_STATUSES = ("confirmed", "cancelled")
REVIEW_ASPECTS = ("quality", "communication", "value", "professionalism")


def vendor_fk():
    return Field(foreign_key="vendorprofile.id", index=True, nullable=False, ondelete="CASCADE")


def vendor_tenant_fk():
    return Field(foreign_key="tenant.id", index=True, nullable=False, ondelete="CASCADE")


class QuoteRequest(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    vendor_id: uuid.UUID = vendor_fk()
    vendor_tenant_id: uuid.UUID = vendor_tenant_fk()
    day: date
    message: str = Field(default="", max_length=4000)
    status: str = Field(default="requested", max_length=20)  # QUOTE_STATUSES
    # The vendor's proposal (empty until status "proposed").
    package_id: uuid.UUID | None = Field(default=None, foreign_key="vendorpackage.id", ondelete="SET NULL")
    package_name: str = Field(default="", max_length=200)
    price: int | None = Field(default=None)
    currency: str = Field(default="EUR", max_length=3)
    deposit: int | None = Field(default=None)
    deposit_due: date | None = Field(default=None)
    balance_due: date | None = Field(default=None)
    proposal_note: str = Field(default="", max_length=4000)
    proposed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    proposed_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decline_reason: str = Field(default="", max_length=1000)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
    version: int = Field(default=1)


class VendorBooking(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    vendor_id: uuid.UUID = vendor_fk()
    vendor_tenant_id: uuid.UUID = vendor_tenant_fk()
    quote_id: uuid.UUID = Field(
        foreign_key="quoterequest.id", nullable=False, ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    day: date = Field(index=True)
    price: int
    currency: str = Field(max_length=3)
    deposit: int = Field(default=0)
    deposit_due: date | None = Field(default=None)
    balance_due: date | None = Field(default=None)
    status: str = Field(default="confirmed", max_length=20)  # BOOKING_STATUSES
    # The budget lines added on acceptance: the deposit (or the whole price) and the balance.
    budget_item_id: uuid.UUID | None = Field(default=None, foreign_key="budgetitem.id", ondelete="SET NULL")
    balance_item_id: uuid.UUID | None = Field(default=None, foreign_key="budgetitem.id", ondelete="SET NULL")
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()


class VendorDayLock(SQLModel, table=True):
    """One row per booked day of a vendor who takes one event a day: the database refuses a second."""

    __table_args__ = (sa.UniqueConstraint("vendor_id", "day", name="uq_vendordaylock_vendor_id_day"),)

    id: uuid.UUID = uuid_pk()
    vendor_id: uuid.UUID = Field(foreign_key="vendorprofile.id", nullable=False, ondelete="CASCADE")
    day: date
    booking_id: uuid.UUID = Field(foreign_key="vendorbooking.id", index=True, nullable=False, ondelete="CASCADE")
    created_at: datetime = created_at_field()


class MessageThread(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    vendor_id: uuid.UUID = vendor_fk()
    vendor_tenant_id: uuid.UUID = vendor_tenant_fk()
    quote_id: uuid.UUID = Field(
        foreign_key="quoterequest.id", nullable=False, ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    booking_id: uuid.UUID | None = Field(default=None, foreign_key="vendorbooking.id", ondelete="SET NULL")
    last_message_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()


class Message(SQLModel, table=True):
    __table_args__ = (sa.Index("ix_message_thread_id_created_at", "thread_id", "created_at"),)

    id: uuid.UUID = uuid_pk()
    thread_id: uuid.UUID = Field(foreign_key="messagethread.id", nullable=False, ondelete="CASCADE")
    tenant_id: uuid.UUID = tenant_fk()
    vendor_tenant_id: uuid.UUID = vendor_tenant_fk()
    author_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    author_name: str = Field(default="", max_length=120)
    side: str = Field(max_length=10)  # couple | vendor
    body: str = Field(default="", max_length=5000)
    created_at: datetime = created_at_field()


class MessageAttachment(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    message_id: uuid.UUID = Field(foreign_key="message.id", index=True, nullable=False, ondelete="CASCADE")
    thread_id: uuid.UUID = Field(foreign_key="messagethread.id", index=True, nullable=False, ondelete="CASCADE")
    tenant_id: uuid.UUID = tenant_fk()
    vendor_tenant_id: uuid.UUID = vendor_tenant_fk()
    storage_key: str = Field(max_length=200)
    filename: str = Field(max_length=200)
    content_type: str = Field(default="application/octet-stream", max_length=120)
    size: int = Field(default=0)
    created_at: datetime = created_at_field()


class ThreadRead(SQLModel, table=True):
    """Per user and thread: read up to when (unread counts), and when we last emailed them about it."""

    __table_args__ = (sa.UniqueConstraint("thread_id", "user_id", name="uq_threadread_thread_id_user_id"),)

    id: uuid.UUID = uuid_pk()
    thread_id: uuid.UUID = Field(foreign_key="messagethread.id", nullable=False, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, nullable=False, ondelete="CASCADE")
    last_read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_notified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class VendorReview(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    booking_id: uuid.UUID = Field(
        foreign_key="vendorbooking.id", nullable=False, ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    vendor_id: uuid.UUID = vendor_fk()
    vendor_tenant_id: uuid.UUID = vendor_tenant_fk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    author_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    author_name: str = Field(default="", max_length=120)
    aspects: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    overall: float = Field(default=0.0)
    text: str = Field(default="", max_length=4000)
    reply: str = Field(default="", max_length=4000)
    replied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    replied_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    hidden: bool = Field(default=False)
    hidden_reason: str = Field(default="", max_length=1000)
    hidden_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    hidden_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
