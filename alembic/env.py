"""Alembic environment: our own metadata (every model imported), SQLite and PostgreSQL."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on the metadata)
from models.vendors import include_name  # full-text objects the metadata cannot describe
from services.config import get_settings
from services.db import get_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def _url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=_url().startswith("sqlite"),
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = _url()
    with get_engine(url).connect() as connection:
        if url.startswith("sqlite"):
            # Batch migrations rebuild a SQLite table by dropping it: with foreign keys enforced,
            # that would cascade-delete every child row. The pragma only works outside a transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            include_name=include_name,
            render_as_batch=url.startswith("sqlite"),  # SQLite alters tables by copying them
        )
        with context.begin_transaction():
            context.run_migrations()
        if url.startswith("sqlite"):
            connection.commit()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")  # the pooled connection goes back as it came


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
