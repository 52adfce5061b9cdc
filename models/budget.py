"""Budget payments, payers and their shares of items, and saved "what if" scenarios.

BudgetCategory and BudgetItem live in models/planning.py. Money is integer minor units of the
wedding's currency everywhere.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import created_at_field, tenant_fk, uuid_pk, wedding_fk

PAYMENT_METHODS = ("transfer", "card", "cash", "cheque", "other")
SPLIT_MODES = ("percent", "amount")


class BudgetPayer(SQLModel, table=True):
    """Who pays: the couple, each set of parents, anyone else the couple adds."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=120)
    kind: str = Field(default="other", max_length=20)  # couple | family_a | family_b | other
    position: int = Field(default=0)
    created_at: datetime = created_at_field()


class BudgetPayment(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    item_id: uuid.UUID = Field(foreign_key="budgetitem.id", index=True, ondelete="CASCADE")
    amount_minor: int
    paid_on: date
    method: str = Field(default="transfer", max_length=20)
    payer_id: uuid.UUID | None = Field(default=None, foreign_key="budgetpayer.id", ondelete="SET NULL")
    note: str = Field(default="", max_length=200)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()


class BudgetShare(SQLModel, table=True):
    """One payer's part of one item: basis points (1% = 100) or a fixed amount, per BudgetItem.split_mode."""

    __table_args__ = (sa.UniqueConstraint("item_id", "payer_id", name="uq_budgetshare_item_id_payer_id"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    item_id: uuid.UUID = Field(foreign_key="budgetitem.id", index=True, ondelete="CASCADE")
    payer_id: uuid.UUID = Field(foreign_key="budgetpayer.id", index=True, ondelete="CASCADE")
    percent_bp: int = Field(default=0)
    amount_minor: int = Field(default=0)


class BudgetScenario(SQLModel, table=True):
    """A saved "what if": a guest count and, optionally, a catering price per head, with its total."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=120)
    guest_count: int
    catering_per_head_minor: int | None = Field(default=None)
    total_minor: int = Field(default=0)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
