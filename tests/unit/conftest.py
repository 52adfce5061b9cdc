"""Unit tests: a fresh SQLite file database for every test, in-process sessions and rate limits.

Argon2 makes every sign-up cost a noticeable fraction of a second, so a handful of accounts are
signed up once per run, through the real services, into a template database; each test gets its
own copy of that file (accounts, tenants and live sessions included) and may change it freely.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on the metadata)
from tests.helpers import Account, configure_backend, reset_caches, signup

# key -> display name; each signs up as the owner of their own couple tenant, email key@example.com
ACCOUNTS = {
    "camille": "Camille Martin",
    "lea": "Lea Garcia",
    "ana": "Ana Lopez",
    "sam": "Sam Planner",
    "alex": "Alex Dubois",
    "rose": "Grandma Rose",
}


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    with pytest.MonkeyPatch.context() as mp:
        configure_backend(mp, f"sqlite:///{path}")
        accounts = {key: signup(name, email=f"{key}@example.com") for key, name in ACCOUNTS.items()}
        reset_caches()
    with sqlite3.connect(path) as conn:  # fold the WAL into the main file before copying it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    return path, accounts


@pytest.fixture(autouse=True)
def db(use_backend, template, tmp_path):
    path = tmp_path / "attitudes.db"
    shutil.copyfile(template[0], path)
    url = f"sqlite:///{path}"
    use_backend(url)
    return url


@pytest.fixture
def accounts(template) -> dict[str, Account]:
    """Ready-made users (each the owner of an empty couple tenant, logged in), valid in this test's copy."""
    return template[1]


def _account_fixture(key: str):
    @pytest.fixture(name=key)
    def fixture(accounts) -> Account:
        return accounts[key]

    fixture.__doc__ = f"{ACCOUNTS[key]}, logged in, owner of an empty couple tenant ({key}@example.com)."
    return fixture


camille, lea, ana, sam, alex, rose = (_account_fixture(key) for key in ACCOUNTS)
