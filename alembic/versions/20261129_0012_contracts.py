"""contracts: vendor contracts on bookings, immutable versions, comments, status events, signatures

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("booking_id", sa.Uuid(), nullable=False),
        sa.Column("vendor_id", sa.Uuid(), nullable=False),
        sa.Column("vendor_tenant_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("reviewed_version", sa.Integer(), nullable=False),
        sa.Column("submitted_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("executed_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("executed_storage_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("executed_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["vendorbooking.id"], name=op.f("fk_contract_booking_id_vendorbooking"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_contract_created_by_app_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_contract_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"], ["vendorprofile.id"], name=op.f("fk_contract_vendor_id_vendorprofile"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vendor_tenant_id"], ["tenant.id"], name=op.f("fk_contract_vendor_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_contract_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
    )
    op.create_index(op.f("ix_contract_booking_id"), "contract", ["booking_id"], unique=False)
    op.create_index("ix_contract_status_submitted_at", "contract", ["status", "submitted_at"], unique=False)
    op.create_index(op.f("ix_contract_tenant_id"), "contract", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_contract_vendor_id"), "contract", ["vendor_id"], unique=False)
    op.create_index(op.f("ix_contract_vendor_tenant_id"), "contract", ["vendor_tenant_id"], unique=False)
    op.create_index(op.f("ix_contract_wedding_id"), "contract", ["wedding_id"], unique=False)
    op.create_table(
        "contractcomment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("author_user_id", sa.Uuid(), nullable=True),
        sa.Column("author_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["app_user.id"],
            name=op.f("fk_contractcomment_author_user_id_app_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contractcomment_contract_id_contract"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractcomment")),
    )
    op.create_index(op.f("ix_contractcomment_contract_id"), "contractcomment", ["contract_id"], unique=False)
    op.create_table(
        "contractevent",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("from_status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("to_status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("actor_user_id", sa.Uuid(), nullable=True),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["app_user.id"],
            name=op.f("fk_contractevent_actor_user_id_app_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contractevent_contract_id_contract"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractevent")),
    )
    op.create_index(op.f("ix_contractevent_contract_id"), "contractevent", ["contract_id"], unique=False)
    op.create_table(
        "contractsignature",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("signed_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ip", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_agent", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("document_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contractsignature_contract_id_contract"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_contractsignature_user_id_app_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractsignature")),
        sa.UniqueConstraint("contract_id", "role", name="uq_contractsignature_contract_id_role"),
    )
    op.create_table(
        "contractversion",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("storage_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contractversion_contract_id_contract"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_contractversion_created_by_app_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractversion")),
        sa.UniqueConstraint("contract_id", "number", name="uq_contractversion_contract_id_number"),
    )


def downgrade() -> None:
    op.drop_table("contractversion")
    op.drop_table("contractsignature")
    op.drop_index(op.f("ix_contractevent_contract_id"), table_name="contractevent")
    op.drop_table("contractevent")
    op.drop_index(op.f("ix_contractcomment_contract_id"), table_name="contractcomment")
    op.drop_table("contractcomment")
    op.drop_index(op.f("ix_contract_wedding_id"), table_name="contract")
    op.drop_index(op.f("ix_contract_vendor_tenant_id"), table_name="contract")
    op.drop_index(op.f("ix_contract_vendor_id"), table_name="contract")
    op.drop_index(op.f("ix_contract_tenant_id"), table_name="contract")
    op.drop_index("ix_contract_status_submitted_at", table_name="contract")
    op.drop_index(op.f("ix_contract_booking_id"), table_name="contract")
    op.drop_table("contract")
