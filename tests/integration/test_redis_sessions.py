"""With Redis configured, login sessions and rate limits live in Redis and are shared by every worker."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from models.auth import AuthSession
from models.base import utcnow
from services import auth, ratelimit, sessions
from services.errors import RateLimited, ValidationError
from tests.helpers import PASSWORD, count, last_email, link_token, login, reset_caches, signup, unique_email


def session_key(token: str) -> str:
    return f"session:{sessions.hash_token(token)}"


def test_sessions_are_stored_in_redis_not_in_the_database(pg_redis):
    assert isinstance(sessions.store(), sessions.RedisSessionStore)
    rows_before = count(AuthSession)
    account = signup("Camille Martin")
    second = login(account.email)

    for token in (account.token, second):
        assert pg_redis.exists(session_key(token))
        assert 0 < pg_redis.ttl(session_key(token)) <= 12 * 3600  # expires on its own when idle
        assert auth.principal_from_token(token).user_id == account.user_id
    assert pg_redis.smembers(f"user_sessions:{account.user_id}") == {
        sessions.hash_token(account.token).encode(),
        sessions.hash_token(second).encode(),
    }
    assert count(AuthSession, AuthSession.user_id == account.user_id) == 0
    assert count(AuthSession) == rows_before
    assert account.token.encode() not in b"".join(pg_redis.keys("*"))  # only hashes are stored


def test_a_session_survives_a_new_worker(pg_redis):
    account = signup("Camille Martin")
    reset_caches()  # another process: fresh settings, store and counters, same Redis
    assert auth.principal_from_token(account.token).user_id == account.user_id


def _shift(client, token: str, **fields: timedelta) -> None:
    key = session_key(token)
    data = json.loads(client.get(key))
    for name, delta in fields.items():
        data[name] = (utcnow() - delta).isoformat()
    client.set(key, json.dumps(data), keepttl=True)


def test_idle_timeout_is_enforced(pg_redis):
    account = signup("Camille Martin")
    _shift(pg_redis, account.token, last_seen_at=timedelta(hours=11))
    assert auth.principal_from_token(account.token) is not None
    _shift(pg_redis, account.token, last_seen_at=timedelta(hours=13))
    assert auth.principal_from_token(account.token) is None
    assert not pg_redis.exists(session_key(account.token))


def test_absolute_timeout_is_enforced(pg_redis):
    account = signup("Camille Martin")
    _shift(pg_redis, account.token, created_at=timedelta(days=8), last_seen_at=timedelta(0))
    assert auth.principal_from_token(account.token) is None


def test_activity_refreshes_last_seen(pg_redis):
    account = signup("Camille Martin")
    _shift(pg_redis, account.token, last_seen_at=timedelta(hours=6))
    assert auth.principal_from_token(account.token) is not None
    last_seen = json.loads(pg_redis.get(session_key(account.token)))["last_seen_at"]
    assert utcnow() - datetime.fromisoformat(last_seen) < timedelta(minutes=1)


def test_end_session_and_delete_user(pg_redis):
    account = signup("Camille Martin")
    other = signup("Alex Dubois")
    extra = [sessions.start_session(account.user_id, "10.0.0.9", "phone") for _ in range(2)]

    sessions.end_session(extra[0])
    assert auth.principal_from_token(extra[0]) is None
    assert auth.principal_from_token(extra[1]) is not None

    sessions.store().delete_user(account.user_id)
    for token in [account.token, *extra]:
        assert auth.principal_from_token(token) is None
        assert not pg_redis.exists(session_key(token))
    assert not pg_redis.exists(f"user_sessions:{account.user_id}")
    assert auth.principal_from_token(other.token).user_id == other.user_id  # other users keep theirs


def test_password_reset_ends_every_redis_session(pg_redis):
    account = signup("Camille Martin")
    second = login(account.email)
    auth.request_password_reset({"email": account.email}, ip="10.0.0.5", lang="en")
    token = link_token(last_email(account.email).body_text, "reset")
    auth.reset_password(
        token, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"}, ip="10.0.0.5"
    )
    assert auth.principal_from_token(account.token) is None
    assert auth.principal_from_token(second) is None


def test_two_counter_instances_share_counts(redis_client, redis_url):
    first, second = ratelimit._RedisCounter(redis_url), ratelimit._RedisCounter(redis_url)
    assert first.incr("login:acct:someone@example.com", 900)[0] == 1
    assert first.incr("login:acct:someone@example.com", 900)[0] == 2
    count_seen, retry_after = second.peek("login:acct:someone@example.com")
    assert count_seen == 2
    assert 0 < retry_after <= 900
    assert second.incr("login:acct:someone@example.com", 900)[0] == 3
    first.reset("login:acct:someone@example.com")
    assert second.peek("login:acct:someone@example.com")[0] == 0


def test_rate_limit_window_expires_in_redis(redis_client, redis_url):
    counter = ratelimit._RedisCounter(redis_url)
    counter.incr("signup:ip:10.9.9.9", 60)
    assert 0 < redis_client.ttl("rl:signup:ip:10.9.9.9") <= 60


def test_account_lockout_holds_across_workers(use_backend, pg_url, redis_url, redis_client):
    use_backend(pg_url, redis_url, login_rate_limit=3)
    email = unique_email("target")
    for i in range(3):
        if i:
            reset_caches()  # the next attempts land on another worker with a fresh counter object
        with pytest.raises(ValidationError):
            auth.login({"email": email, "password": "guessing " + str(i)}, ip=f"10.1.0.{i}")
    reset_caches()
    with pytest.raises(RateLimited) as exc:
        auth.login({"email": email, "password": PASSWORD}, ip="10.1.1.1")
    assert 14 <= exc.value.message.params["minutes"] <= 15


def test_signup_limit_per_ip_holds_across_workers(use_backend, pg_url, redis_url, redis_client):
    use_backend(pg_url, redis_url, signup_rate_limit=None)  # the real default: 5 per IP
    form = {"display_name": "Bot", "email": "not-an-email", "password": "x", "tenant_kind": "", "tenant_name": ""}
    for _ in range(5):
        reset_caches()
        with pytest.raises(ValidationError):
            auth.signup(form, ip="10.2.0.1", lang="en")
    reset_caches()
    with pytest.raises(RateLimited):
        auth.signup(form, ip="10.2.0.1", lang="en")
    with pytest.raises(ValidationError):
        auth.signup(form, ip="10.2.0.2", lang="en")
