"""Alembic migrations build exactly the schema the models describe, on PostgreSQL and SQLite."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import models  # noqa: F401
from models.vendors import include_name
from services.db import get_engine
from services.migrations import alembic_config, upgrade_to_head

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def schema_differences(url: str) -> list:
    with get_engine(url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        return compare_metadata(context, SQLModel.metadata)


def current_revision(url: str) -> str | None:
    with get_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_postgres_upgrade_to_head_matches_the_models(databases):
    url = databases.create("mig_")
    assert sa.inspect(get_engine(url)).get_table_names() == []
    try:
        upgrade_to_head(url)
        assert current_revision(url) == HEAD
        assert schema_differences(url) == []
        tables = set(sa.inspect(get_engine(url)).get_table_names())
        assert {t.name for t in SQLModel.metadata.sorted_tables} <= tables
    finally:
        databases.drop(url)


def test_sqlite_upgrade_to_head_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    try:
        upgrade_to_head(url)
        assert current_revision(url) == HEAD
        assert schema_differences(url) == []
        with get_engine(url).connect() as conn:
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
    finally:
        get_engine(url).dispose()


def test_upgrade_is_idempotent(pg_url):
    upgrade_to_head(pg_url)  # already at head: nothing to do, nothing breaks
    assert current_revision(pg_url) == HEAD
    assert schema_differences(pg_url) == []
