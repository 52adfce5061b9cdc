"""Unit tests: a fresh SQLite file database for every test, in-process sessions and rate limits."""

from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on the metadata)


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory):
    """One SQLite file with the schema, copied for each test (faster than create_all every time)."""
    path = tmp_path_factory.mktemp("schema") / "template.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    return path


@pytest.fixture(autouse=True)
def db(use_backend, schema_template, tmp_path):
    path = tmp_path / "attitudes.db"
    shutil.copyfile(schema_template, path)
    url = f"sqlite:///{path}"
    use_backend(url)
    return url
