"""Engine and transactions. One transaction per command: commit on success, roll back on error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import sqlalchemy as sa
from sqlmodel import Session

from services.config import VAR_DIR, get_settings


def get_engine(url: str | None = None) -> sa.Engine:
    """The shared engine (one connection pool) for `url`, by default the configured database."""
    return _engine_for(url or get_settings().database_url)


_live_engines: list[sa.Engine] = []


@lru_cache(maxsize=4)
def _engine_for(url: str) -> sa.Engine:
    engine = _create(url)
    _live_engines.append(engine)
    return engine


def _create(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


@contextmanager
def transaction(url: str | None = None) -> Iterator[Session]:
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def dispose_engines() -> None:
    """Close every pool and forget the engines (tests and tools that switch databases)."""
    for engine in _live_engines:
        engine.dispose()
    _live_engines.clear()
    _engine_for.cache_clear()
