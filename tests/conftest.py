"""Shared test setup.

services.config computes VAR_DIR when it is first imported and get_settings() is cached, so the
environment is prepared here, before any test module imports the application. The fixtures in
tests/unit/conftest.py and tests/integration/conftest.py then point the app at their own
databases through `use_backend`, which also clears every cached setting, engine and store.
"""

from __future__ import annotations

import os
import shutil
import tempfile

# Nothing written by the tests lands in the repository's var/ (SQLite default, secret key file).
_OWN_VAR_DIR = None
if "ATTITUDES_VAR_DIR" not in os.environ:
    _OWN_VAR_DIR = os.environ["ATTITUDES_VAR_DIR"] = tempfile.mkdtemp(prefix="attitudes-test-var-")
os.environ.setdefault("ATTITUDES_SECRET_KEY", "test-secret-key-not-for-production-0123456789")
# Cheaper argon2 parameters for the hundreds of test accounts (services/auth.py); the app servers the
# browser tests start inherit it.
os.environ.setdefault("ATTITUDES_PASSWORD_HASHING", "light")

import pytest  # noqa: E402

from tests.helpers import configure_backend, reset_caches  # noqa: E402


@pytest.fixture
def use_backend(monkeypatch):
    """Point the whole app at a database (and Redis when given) for one test; see configure_backend."""

    def configure(database_url: str, redis_url: str | None = None, **limits) -> None:
        configure_backend(monkeypatch, database_url, redis_url, **limits)

    yield configure
    reset_caches()


def pytest_sessionfinish(session, exitstatus):
    if _OWN_VAR_DIR:
        shutil.rmtree(_OWN_VAR_DIR, ignore_errors=True)
