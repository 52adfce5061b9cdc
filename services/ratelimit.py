"""Fixed-window rate limits: Redis when configured (shared by every worker), in-process otherwise."""

from __future__ import annotations

import threading
import time
from functools import lru_cache

from services.config import get_settings
from services.errors import RateLimited


class _MemoryCounter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, tuple[int, float]] = {}

    def incr(self, key: str, window: int) -> tuple[int, int]:
        now = time.monotonic()
        with self._lock:
            count, reset_at = self._hits.get(key, (0, now + window))
            if reset_at <= now:
                count, reset_at = 0, now + window
            count += 1
            self._hits[key] = (count, reset_at)
            return count, int(reset_at - now) + 1

    def peek(self, key: str) -> tuple[int, int]:
        now = time.monotonic()
        with self._lock:
            count, reset_at = self._hits.get(key, (0, now))
            return (count, int(reset_at - now) + 1) if reset_at > now else (0, 0)

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)


class _RedisCounter:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)

    def incr(self, key: str, window: int) -> tuple[int, int]:
        pipe = self._redis.pipeline()
        pipe.incr(f"rl:{key}")
        pipe.expire(f"rl:{key}", window, nx=True)
        pipe.ttl(f"rl:{key}")
        count, _, ttl = pipe.execute()
        return int(count), max(int(ttl), 1)

    def peek(self, key: str) -> tuple[int, int]:
        pipe = self._redis.pipeline()
        pipe.get(f"rl:{key}")
        pipe.ttl(f"rl:{key}")
        count, ttl = pipe.execute()
        return int(count or 0), max(int(ttl), 0)

    def reset(self, key: str) -> None:
        self._redis.delete(f"rl:{key}")


@lru_cache(maxsize=1)
def _counter() -> _MemoryCounter | _RedisCounter:
    url = get_settings().redis_url
    return _RedisCounter(url) if url else _MemoryCounter()


def hit(key: str, limit: int, window: int | None = None) -> None:
    """Count one attempt; raise RateLimited once `limit` attempts were made in the window."""
    window = window or get_settings().rate_limit_window_seconds
    count, retry_after = _counter().incr(key, window)
    if count > limit:
        raise RateLimited(retry_after)


def check(key: str, limit: int) -> None:
    """Raise RateLimited if the key is already over its limit, without counting."""
    count, retry_after = _counter().peek(key)
    if count >= limit:
        raise RateLimited(retry_after)


def reset(key: str) -> None:
    _counter().reset(key)
