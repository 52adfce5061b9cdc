"""merge the seating and vendors branches

Revision ID: 0013
Revises: 0009, 0012
Create Date: 2026-11-29 12:55:00
"""

from collections.abc import Sequence

revision: str = "0013"
down_revision: str | Sequence[str] | None = ("0009", "0012")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
