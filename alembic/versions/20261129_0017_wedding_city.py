"""wedding city: the GeoNames id of the place chosen for the wedding (marketplace area filter)

Revision ID: 0017
Revises: 0013
Create Date: 2026-11-29 16:00:00

Nullable: weddings saved before keep working; services.vendors.wedding_city falls back to reading a city out of
the venue address until someone saves the wedding's details with a city chosen.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("wedding") as batch:
        batch.add_column(sa.Column("city_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("wedding") as batch:
        batch.drop_column("city_id")
