"""vendor search: one partial ranking index per vendor type, a ranking index for the price sort, (day, vendor_id)

A search with a type and no words reads only that type's index (about 1/11 of the profiles) for its page and for
an exact count, instead of filtering every published profile's tuple of ix_vendorprofile_rank; sort by price walks
ix_vendorprofile_price_rank instead of sorting every published profile; "available on the date" reads the vendors
blocked that day from ix_vendorblockeddate_day_vendor_id alone (see services/vendor_search.py).

Revision ID: 0015
Revises: 0013
Create Date: 2026-11-29 15:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here (not imported) so this revision never changes; models/vendors.py holds the same definitions.
VENDOR_TYPES = (
    "photographer",
    "videographer",
    "dj",
    "band",
    "caterer",
    "venue",
    "florist",
    "planner",
    "officiant",
    "baker",
    "hair_makeup",
    "transport",
    "rentals",
    "stationer",
)
RANK_INCLUDE = [
    "type_mask",
    "price_min",
    "price_max",
    "currency",
    "latitude",
    "longitude",
    "radius_km",
    "regions",
    "languages",
    "rating_avg",
    "rating_count",
    "allows_multiple_per_day",
    "rating_score",
]
PRICE_UNSET_SQL = "(price_max = 0)"  # false (a listed price) sorts first on both databases


def _predicate(i: int, sqlite: bool) -> sa.TextClause:
    return sa.text(f"{'published = 1' if sqlite else 'published'} AND (type_mask & {1 << i}) <> 0")


def upgrade() -> None:
    # "Available on the date": the vendors blocked that day, read from the index alone (it replaces the day index).
    op.create_index("ix_vendorblockeddate_day_vendor_id", "vendorblockeddate", ["day", "vendor_id"], unique=False)
    op.drop_index(op.f("ix_vendorblockeddate_day"), table_name="vendorblockeddate")
    op.create_index(
        "ix_vendorprofile_price_rank",
        "vendorprofile",
        ["published", sa.text(PRICE_UNSET_SQL), "price_min", sa.text("static_score DESC"), "name", "id"],
        unique=False,
        postgresql_include=[c for c in RANK_INCLUDE if c != "price_min"],
    )
    for i, code in enumerate(VENDOR_TYPES):
        op.create_index(
            f"ix_vendorprofile_type_{code}",
            "vendorprofile",
            ["published", sa.text("static_score DESC"), "name", "id"],
            unique=False,
            postgresql_include=RANK_INCLUDE,
            postgresql_where=_predicate(i, sqlite=False),
            sqlite_where=_predicate(i, sqlite=True),
        )


def downgrade() -> None:
    for code in reversed(VENDOR_TYPES):
        op.drop_index(f"ix_vendorprofile_type_{code}", table_name="vendorprofile")
    op.drop_index("ix_vendorprofile_price_rank", table_name="vendorprofile")
    op.create_index(op.f("ix_vendorblockeddate_day"), "vendorblockeddate", ["day"], unique=False)
    op.drop_index("ix_vendorblockeddate_day_vendor_id", table_name="vendorblockeddate")
