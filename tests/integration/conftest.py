"""Integration tests: a fresh PostgreSQL database per test session, migrated with Alembic, and Redis.

Both services must be running; the tests fail (never skip) with instructions when they are not.
Override the defaults with ATTITUDES_TEST_PG_ADMIN_URL and ATTITUDES_TEST_REDIS_URL.
"""

from __future__ import annotations

import os
import uuid

import pytest
import redis
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from services.db import dispose_engines
from services.migrations import upgrade_to_head

PG_ADMIN_URL = os.environ.get("ATTITUDES_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("ATTITUDES_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

PG_HELP = (
    "Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
    "or point ATTITUDES_TEST_PG_ADMIN_URL at a server where you may CREATE DATABASE."
)
REDIS_HELP = (
    "Start it with `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' "
    "--appendonly no`, or point ATTITUDES_TEST_REDIS_URL at a Redis database the tests may flush."
)


@pytest.fixture(scope="session")
def pg_admin():
    engine = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    problem = None
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        problem = str(exc.orig).strip()
    if problem:
        engine.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {make_url(PG_ADMIN_URL).render_as_string()}: {problem}\n{PG_HELP}",
            pytrace=False,
        )
    yield engine
    engine.dispose()


class Databases:
    """Creates uniquely named databases and drops them again."""

    def __init__(self, admin: sa.Engine) -> None:
        self.admin = admin
        self.urls: list[str] = []

    def create(self, label: str = "") -> str:
        name = f"attitudes_test_{label}{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        self.urls.append(url)
        return url

    def drop(self, url: str) -> None:
        dispose_engines()  # closes the pools the app (and Alembic) used for this URL
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.urls.remove(url)


@pytest.fixture(scope="session")
def databases(pg_admin):
    dbs = Databases(pg_admin)
    yield dbs
    for url in list(dbs.urls):
        dbs.drop(url)


@pytest.fixture(scope="session")
def pg_url(databases):
    """The session's database: empty, then upgraded to head by Alembic."""
    url = databases.create()
    upgrade_to_head(url)
    return url


@pytest.fixture(scope="session")
def redis_url():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    problem = None
    try:
        client.ping()
    except redis.RedisError as exc:
        problem = str(exc)
    finally:
        client.close()
    if problem:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {problem}\n{REDIS_HELP}", pytrace=False)
    return REDIS_URL


@pytest.fixture
def pg(use_backend, pg_url):
    """The app on the session's PostgreSQL database, without Redis."""
    use_backend(pg_url)
    return pg_url


@pytest.fixture
def redis_client(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def pg_redis(use_backend, pg_url, redis_url, redis_client):
    """The app on PostgreSQL with sessions and rate limits in (a flushed) Redis."""
    use_backend(pg_url, redis_url)
    return redis_client
