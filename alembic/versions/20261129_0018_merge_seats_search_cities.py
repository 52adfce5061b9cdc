"""merge seat companions (0014), vendor search indexes (0015) and wedding cities (0017)

Revision ID: 0018
Revises: 0014, 0015, 0017
Create Date: 2026-11-29 16:10:00
"""

from collections.abc import Sequence

revision: str = "0018"
down_revision: str | Sequence[str] | None = ("0014", "0015", "0017")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
