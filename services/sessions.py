"""Server-side login sessions: database rows by default, Redis keys when Redis is configured.

The cookie holds a random token; the store keys on its SHA-256. Idle and absolute timeouts
are enforced on every lookup.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Protocol

from sqlmodel import delete, select

from models.auth import AuthSession
from models.base import utcnow
from services.config import get_settings
from services.db import transaction

# Writing last_seen on every event would cost a write per click; a few minutes of slack is fine.
TOUCH_INTERVAL = timedelta(minutes=5)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class SessionRecord:
    user_id: uuid.UUID
    created_at: datetime
    last_seen_at: datetime


class SessionStore(Protocol):
    def create(self, key: str, record: SessionRecord, ip: str, user_agent: str) -> None: ...
    def get(self, key: str) -> SessionRecord | None: ...
    def touch(self, key: str, when: datetime) -> None: ...
    def delete(self, key: str) -> None: ...
    def delete_user(self, user_id: uuid.UUID) -> None: ...


class DatabaseSessionStore:
    def create(self, key: str, record: SessionRecord, ip: str, user_agent: str) -> None:
        with transaction() as s:
            s.add(
                AuthSession(
                    id=key,
                    user_id=record.user_id,
                    created_at=record.created_at,
                    last_seen_at=record.last_seen_at,
                    ip=ip[:64],
                    user_agent=user_agent[:300],
                )
            )

    def get(self, key: str) -> SessionRecord | None:
        with transaction() as s:
            row = s.get(AuthSession, key)
            return SessionRecord(row.user_id, row.created_at, row.last_seen_at) if row else None

    def touch(self, key: str, when: datetime) -> None:
        with transaction() as s:
            row = s.get(AuthSession, key)
            if row:
                row.last_seen_at = when

    def delete(self, key: str) -> None:
        with transaction() as s:
            s.exec(delete(AuthSession).where(AuthSession.id == key))

    def delete_user(self, user_id: uuid.UUID) -> None:
        with transaction() as s:
            s.exec(delete(AuthSession).where(AuthSession.user_id == user_id))

    def purge_expired(self) -> int:
        settings = get_settings()
        now = utcnow()
        with transaction() as s:
            stale = select(AuthSession.id).where(
                (AuthSession.last_seen_at < now - timedelta(hours=settings.session_idle_hours))
                | (AuthSession.created_at < now - timedelta(days=settings.session_max_days))
            )
            ids = list(s.exec(stale))
            if ids:
                s.exec(delete(AuthSession).where(AuthSession.id.in_(ids)))
            return len(ids)


class RedisSessionStore:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)

    def _ttl(self) -> int:
        return get_settings().session_idle_hours * 3600

    def create(self, key: str, record: SessionRecord, ip: str, user_agent: str) -> None:
        payload = {
            "user_id": str(record.user_id),
            "created_at": record.created_at.isoformat(),
            "last_seen_at": record.last_seen_at.isoformat(),
            "ip": ip[:64],
            "ua": user_agent[:300],
        }
        pipe = self._redis.pipeline()
        pipe.set(f"session:{key}", json.dumps(payload), ex=self._ttl())
        pipe.sadd(f"user_sessions:{record.user_id}", key)
        pipe.execute()

    def get(self, key: str) -> SessionRecord | None:
        raw = self._redis.get(f"session:{key}")
        if not raw:
            return None
        data = json.loads(raw)
        return SessionRecord(
            uuid.UUID(data["user_id"]),
            datetime.fromisoformat(data["created_at"]),
            datetime.fromisoformat(data["last_seen_at"]),
        )

    def touch(self, key: str, when: datetime) -> None:
        raw = self._redis.get(f"session:{key}")
        if raw:
            data = json.loads(raw)
            data["last_seen_at"] = when.isoformat()
            self._redis.set(f"session:{key}", json.dumps(data), ex=self._ttl())

    def delete(self, key: str) -> None:
        self._redis.delete(f"session:{key}")

    def delete_user(self, user_id: uuid.UUID) -> None:
        keys = self._redis.smembers(f"user_sessions:{user_id}")
        if keys:
            self._redis.delete(*[f"session:{k.decode()}" for k in keys])
        self._redis.delete(f"user_sessions:{user_id}")


@lru_cache(maxsize=1)
def store() -> SessionStore:
    url = get_settings().redis_url
    return RedisSessionStore(url) if url else DatabaseSessionStore()


def start_session(user_id: uuid.UUID, ip: str = "", user_agent: str = "") -> str:
    """Create a fresh session and return the cookie token (a new id at every login)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    store().create(hash_token(token), SessionRecord(user_id, now, now), ip, user_agent)
    return token


def resolve_session(token: str | None) -> tuple[str, uuid.UUID] | None:
    """(session key, user id) for a live session token, enforcing idle and absolute timeouts."""
    if not token:
        return None
    key = hash_token(token)
    record = store().get(key)
    if record is None:
        return None
    settings = get_settings()
    now = utcnow()
    if now - record.last_seen_at > timedelta(hours=settings.session_idle_hours) or now - record.created_at > timedelta(
        days=settings.session_max_days
    ):
        store().delete(key)
        return None
    if now - record.last_seen_at > TOUCH_INTERVAL:
        store().touch(key, now)
    return key, record.user_id


def end_session(token: str | None) -> None:
    if token:
        store().delete(hash_token(token))
