"""Vendors: the marketplace profile of a vendor organization (its own tenant), its packages, portfolio
images and blocked dates, plus a wedding's shortlist. WeddingVendor is a wedding's own vendor note.

Full-text search objects live outside the ORM metadata because neither dialect can describe them to it:
- PostgreSQL: the `vendorprofile.search_vector` tsvector column and its GIN index
  `ix_vendorprofile_search_vector` (unaccented, built with the profile's language configuration, plus filter tags
  for types and languages),
- SQLite: the FTS5 virtual table `vendor_fts` (and the shadow tables FTS5 makes for it).
The migration (0010) and `SQLModel.metadata.create_all` (through the DDL listener below) create them;
`include_name` keeps them out of Alembic's autogenerate comparison. services/vendor_search.py fills them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import created_at_field, tenant_fk, uuid_pk, wedding_fk

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
PROFILE_LANGS = ("en", "fr", "es")  # the language of the profile text (full-text configuration)

FTS_TABLE = "vendor_fts"
SEARCH_VECTOR_COLUMN = "search_vector"
SEARCH_VECTOR_INDEX = "ix_vendorprofile_search_vector"

# The query-independent part of the marketplace ranking (services/vendor_search.py shows the formula), computed by
# the database on every write of the row (generated, stored columns: nothing can forget to update them):
#   rating_score = Bayesian average / 5 = (count x average + 5 x 3.5) / (count + 5) / 5
#   static_score = 0.3 x rating_score + 0.1 x completeness   (the score of a search without words)
# Written as SQL that PostgreSQL and SQLite evaluate identically, in the same operation order as the search
# service's expression, so ordering by the column gives exactly the formula's order.
RATING_SCORE_SQL = "(rating_count * rating_avg + 5 * 3.5) / (rating_count + 5) / 5.0"
STATIC_SCORE_SQL = f"0.3 * ({RATING_SCORE_SQL}) + 0.1 * completeness"
# One bit per type (bit i = VENDOR_TYPES[i]), so the type filter reads one integer of the ranking index below.
TYPE_MASK_SQL = " + ".join(
    f"(CASE WHEN CAST(types AS TEXT) LIKE '%\"{code}\"%' THEN {1 << i} ELSE 0 END)"
    for i, code in enumerate(VENDOR_TYPES)
)
# Filter columns copied into the PostgreSQL ranking indexes: the walk filters without visiting the table.
RANK_INCLUDE = (
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
)

PG_SEARCH_DDL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"ALTER TABLE vendorprofile ADD COLUMN {SEARCH_VECTOR_COLUMN} tsvector",
    f"CREATE INDEX {SEARCH_VECTOR_INDEX} ON vendorprofile USING gin ({SEARCH_VECTOR_COLUMN})",
)
SQLITE_SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "vendor_id UNINDEXED, name, body, tokenize = 'unicode61 remove_diacritics 2')",
)


def _json_list():
    return Field(default_factory=list, sa_type=sa.JSON, sa_column_kwargs={"server_default": sa.text("'[]'")})


class WeddingVendor(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    name: str = Field(max_length=200)
    category: str = Field(max_length=60)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=40)
    status: str = Field(default="considering", max_length=20)  # considering | booked
    created_at: datetime = created_at_field()


class VendorProfile(SQLModel, table=True):
    """One marketplace profile per vendor organization (tenant of kind "vendor")."""

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", unique=True, index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    types: list[str] = _json_list()
    description: str = Field(default="", max_length=5000)
    base_city: str = Field(default="", max_length=120)
    latitude: float | None = Field(default=None)
    longitude: float | None = Field(default=None)
    radius_km: int = Field(default=50)
    regions: list[str] = _json_list()
    price_min: int = Field(default=0)  # minor units of `currency`
    price_max: int = Field(default=0)
    currency: str = Field(default="EUR", max_length=3)
    languages: list[str] = _json_list()
    allows_multiple_per_day: bool = Field(default=False)
    rating_avg: float = Field(default=0.0)  # 0 when there are no (visible) reviews
    rating_count: int = Field(default=0)
    completeness: float = Field(default=0.0)  # 0..1, computed by services.vendors on every save
    published: bool = Field(default=False)  # leads the two ranking indexes below
    rating_score: float | None = Field(
        default=None, sa_column=sa.Column(sa.Float, sa.Computed(RATING_SCORE_SQL, persisted=True), nullable=False)
    )
    static_score: float | None = Field(
        default=None, sa_column=sa.Column(sa.Float, sa.Computed(STATIC_SCORE_SQL, persisted=True), nullable=False)
    )
    type_mask: int | None = Field(
        default=None, sa_column=sa.Column(sa.Integer, sa.Computed(TYPE_MASK_SQL, persisted=True), nullable=False)
    )
    contact_email: str = Field(default="", max_length=320)
    lang: str = Field(default="en", max_length=2)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


# Searches without words walk these in order and stop after a page (see services/vendor_search.py).
sa.Index(
    "ix_vendorprofile_rank",
    VendorProfile.published,
    VendorProfile.static_score.desc(),
    VendorProfile.name,
    VendorProfile.id,
    postgresql_include=[*RANK_INCLUDE, "rating_score"],
)
sa.Index(
    "ix_vendorprofile_rating_rank",
    VendorProfile.published,
    VendorProfile.rating_score.desc(),
    VendorProfile.rating_count.desc(),
    VendorProfile.static_score.desc(),
    VendorProfile.name,
    VendorProfile.id,
    postgresql_include=list(RANK_INCLUDE),
)
# Sort by price (no words): listed prices first, lowest first, then the score. The same expression as the search's
# ORDER BY (services/vendor_search.py: PRICE_UNSET), so the walk stops after its page.
PRICE_UNSET_SQL = "(price_max = 0)"  # false (a listed price) sorts first on both databases
sa.Index(
    "ix_vendorprofile_price_rank",
    VendorProfile.published,
    sa.text(PRICE_UNSET_SQL),
    VendorProfile.price_min,
    VendorProfile.static_score.desc(),
    VendorProfile.name,
    VendorProfile.id,
    postgresql_include=[*(c for c in RANK_INCLUDE if c != "price_min"), "rating_score"],
)


def type_index_predicate(code: str, dialect: str = "postgresql") -> str:
    """The partial index of one type holds the published profiles offering it. A search's WHERE states the same
    terms (services/vendor_search.py: `published = true` and the bit as a literal), so both databases see that the
    index answers it (SQLite matches the terms as written: its booleans are 1)."""
    published = "published = 1" if dialect == "sqlite" else "published"
    return f"{published} AND (type_mask & {1 << VENDOR_TYPES.index(code)}) <> 0"


# One small partial ranking index per type: a search with a type (and no words) reads only that type's profiles,
# about 1/11 of the index tuples, for its page and for an exact count.
for _code in VENDOR_TYPES:
    sa.Index(
        f"ix_vendorprofile_type_{_code}",
        VendorProfile.published,  # constant here; leading with it makes SQLite's planner pick this small index
        VendorProfile.static_score.desc(),
        VendorProfile.name,
        VendorProfile.id,
        postgresql_include=[*RANK_INCLUDE, "rating_score"],
        postgresql_where=sa.text(type_index_predicate(_code)),
        sqlite_where=sa.text(type_index_predicate(_code, "sqlite")),
    )


class VendorPackage(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    vendor_id: uuid.UUID = Field(foreign_key="vendorprofile.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    price: int = Field(default=0)  # minor units of the profile's currency
    included: list[str] = _json_list()
    position: int = Field(default=0)


class VendorImage(SQLModel, table=True):
    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    vendor_id: uuid.UUID = Field(foreign_key="vendorprofile.id", index=True, ondelete="CASCADE")
    storage_key: str = Field(max_length=200)
    thumb_key: str = Field(max_length=200)
    content_type: str = Field(max_length=50)
    width: int
    height: int
    caption: str = Field(default="", max_length=300)
    position: int = Field(default=0)
    created_at: datetime = created_at_field()


class VendorBlockedDate(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("vendor_id", "day", name="uq_vendorblockeddate_vendor_day"),
        # "Available on the date" looks one day up across vendors: (day, vendor_id) answers it from the index alone.
        sa.Index("ix_vendorblockeddate_day_vendor_id", "day", "vendor_id"),
    )

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    vendor_id: uuid.UUID = Field(foreign_key="vendorprofile.id", index=True, ondelete="CASCADE")
    day: date = Field()  # indexed with vendor_id (__table_args__)
    reason: str = Field(default="", max_length=200)


class ShortlistEntry(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("wedding_id", "vendor_id", name="uq_shortlistentry_wedding_vendor"),)

    id: uuid.UUID = uuid_pk()
    tenant_id: uuid.UUID = tenant_fk()
    wedding_id: uuid.UUID = wedding_fk()
    vendor_id: uuid.UUID = Field(foreign_key="vendorprofile.id", index=True, ondelete="CASCADE")
    note: str = Field(default="", max_length=1000)
    created_at: datetime = created_at_field()


def _create_search_objects(target: sa.Table, connection: sa.Connection, **kw: Any) -> None:
    statements = PG_SEARCH_DDL if connection.dialect.name == "postgresql" else SQLITE_SEARCH_DDL
    if connection.dialect.name not in ("postgresql", "sqlite"):
        return
    for statement in statements:
        connection.exec_driver_sql(statement)


def _drop_search_objects(target: sa.Table, connection: sa.Connection, **kw: Any) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")


sa.event.listen(VendorProfile.__table__, "after_create", _create_search_objects)
sa.event.listen(VendorProfile.__table__, "before_drop", _drop_search_objects)


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic autogenerate filter: skip the full-text objects the metadata cannot describe."""
    if type_ == "table" and name is not None and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    if type_ == "column" and name == SEARCH_VECTOR_COLUMN and parent_names.get("table_name") == "vendorprofile":
        return False
    return not (type_ == "index" and name == SEARCH_VECTOR_INDEX)
