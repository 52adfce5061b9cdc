"""Shared test setup.

services.config computes VAR_DIR when it is first imported and get_settings() is cached, so the
environment is prepared here, before any test module imports the application. The fixtures in
tests/unit/conftest.py and tests/integration/conftest.py then point the app at their own
databases through `use_backend`, which also clears every cached setting, engine and store.
"""

from __future__ import annotations

import os
import tempfile

# Nothing written by the tests lands in the repository's var/ (SQLite default, secret key file).
os.environ.setdefault("ATTITUDES_VAR_DIR", tempfile.mkdtemp(prefix="attitudes-test-var-"))
os.environ.setdefault("ATTITUDES_SECRET_KEY", "test-secret-key-not-for-production-0123456789")

import pytest  # noqa: E402

from tests.helpers import reset_caches  # noqa: E402

# Variables a developer's shell may carry that would redirect the app away from the test backends.
_FOREIGN_ENV = (
    "ATTITUDES_DATABASE_URL", "REFLEX_DB_URL", "ATTITUDES_REDIS_URL", "REFLEX_REDIS_URL",
    "ATTITUDES_SMTP_HOST", "ATTITUDES_SESSION_IDLE_HOURS", "ATTITUDES_SESSION_MAX_DAYS", "REFLEX_API_URL",
)

BASE_URL = "http://attitudes.test"


@pytest.fixture
def use_backend(monkeypatch):
    """Point the whole app at `database_url` (and Redis when given); returns a function.

    Rate limits are set high so fixtures can sign up many users from one IP; the rate-limit
    tests pass `login_rate_limit=None` / `signup_rate_limit=None` to get the real defaults.
    """

    def configure(database_url: str, redis_url: str | None = None, *, login_rate_limit: int | None = 100_000,
                  signup_rate_limit: int | None = 100_000) -> None:
        reset_caches()
        for name in _FOREIGN_ENV:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("ATTITUDES_DATABASE_URL", database_url)
        monkeypatch.setenv("ATTITUDES_BASE_URL", BASE_URL)
        if redis_url:
            monkeypatch.setenv("ATTITUDES_REDIS_URL", redis_url)
        for name, value in (("ATTITUDES_LOGIN_RATE_LIMIT", login_rate_limit),
                            ("ATTITUDES_SIGNUP_RATE_LIMIT", signup_rate_limit)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, str(value))
        reset_caches()

    yield configure
    reset_caches()
