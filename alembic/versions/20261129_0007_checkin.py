"""checkin: the guest check-in records (one per guest and event)

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-29 10:35:57.736954
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base


revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guestcheckin",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("guest_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("station", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("checked_in_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["weddingevent.id"], name=op.f("fk_guestcheckin_event_id_weddingevent"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guest.id"], name=op.f("fk_guestcheckin_guest_id_guest"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_guestcheckin_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_guestcheckin_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guestcheckin")),
        sa.UniqueConstraint("guest_id", "event_id", name="uq_guestcheckin_guest_id_event_id"),
    )
    op.create_index(op.f("ix_guestcheckin_event_id"), "guestcheckin", ["event_id"], unique=False)
    op.create_index(op.f("ix_guestcheckin_guest_id"), "guestcheckin", ["guest_id"], unique=False)
    op.create_index(op.f("ix_guestcheckin_tenant_id"), "guestcheckin", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_guestcheckin_wedding_id"), "guestcheckin", ["wedding_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_guestcheckin_wedding_id"), table_name="guestcheckin")
    op.drop_index(op.f("ix_guestcheckin_tenant_id"), table_name="guestcheckin")
    op.drop_index(op.f("ix_guestcheckin_guest_id"), table_name="guestcheckin")
    op.drop_index(op.f("ix_guestcheckin_event_id"), table_name="guestcheckin")
    op.drop_table("guestcheckin")
