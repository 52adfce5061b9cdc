"""checklist, day-of timeline, share links and calendar feeds

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-29 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = "0004"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendarsequence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("changed_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_calendarsequence_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_calendarsequence_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendarsequence")),
        sa.UniqueConstraint("wedding_id", "uid", name="uq_calendarsequence_wedding_uid"),
    )
    with op.batch_alter_table("calendarsequence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendarsequence_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendarsequence_wedding_id"), ["wedding_id"], unique=False)

    op.create_table(
        "calendarsubscription",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("token_hint", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_fetched_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_calendarsubscription_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_calendarsubscription_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_calendarsubscription_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendarsubscription")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendarsubscription_token_hash")),
    )
    with op.batch_alter_table("calendarsubscription", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendarsubscription_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendarsubscription_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendarsubscription_wedding_id"), ["wedding_id"], unique=False)

    op.create_table(
        "timelinesharelink",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("token_hint", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_timelinesharelink_created_by_app_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_timelinesharelink_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_timelinesharelink_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timelinesharelink")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_timelinesharelink_token_hash")),
    )
    with op.batch_alter_table("timelinesharelink", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timelinesharelink_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_timelinesharelink_wedding_id"), ["wedding_id"], unique=False)

    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=2000), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("timelineitem", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("people", sqlmodel.sql.sqltypes.AutoString(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("vendors", sqlmodel.sql.sqltypes.AutoString(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=2000), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("timelineitem", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("notes")
        batch_op.drop_column("vendors")
        batch_op.drop_column("people")

    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("sort_order")
        batch_op.drop_column("notes")

    with op.batch_alter_table("timelinesharelink", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timelinesharelink_wedding_id"))
        batch_op.drop_index(batch_op.f("ix_timelinesharelink_tenant_id"))
    op.drop_table("timelinesharelink")

    with op.batch_alter_table("calendarsubscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendarsubscription_wedding_id"))
        batch_op.drop_index(batch_op.f("ix_calendarsubscription_user_id"))
        batch_op.drop_index(batch_op.f("ix_calendarsubscription_tenant_id"))
    op.drop_table("calendarsubscription")

    with op.batch_alter_table("calendarsequence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendarsequence_wedding_id"))
        batch_op.drop_index(batch_op.f("ix_calendarsequence_tenant_id"))
    op.drop_table("calendarsequence")
