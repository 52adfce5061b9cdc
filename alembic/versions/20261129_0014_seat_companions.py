"""seating: a guest's plus-one takes a seat (SeatAssignment.companion)

A plus-one sits in a row of their own (companion = true) next to their guest, so the seat is protected by
UNIQUE(table_id, seat) like any other; the guest/plan uniqueness now includes the flag.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seatassignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("companion", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.drop_constraint("uq_seatassignment_plan_id_guest_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_seatassignment_plan_id_guest_id_companion", ["plan_id", "guest_id", "companion"]
        )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM seatassignment WHERE companion"))
    with op.batch_alter_table("seatassignment", schema=None) as batch_op:
        batch_op.drop_constraint("uq_seatassignment_plan_id_guest_id_companion", type_="unique")
        batch_op.create_unique_constraint("uq_seatassignment_plan_id_guest_id", ["plan_id", "guest_id"])
        batch_op.drop_column("companion")
