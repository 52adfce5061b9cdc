"""Runtime settings, read once from the environment.

Every variable is documented in README.md. The embedded default needs none of them.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ATTITUDES_VAR_DIR", ROOT / "var"))


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a key kept in var/ so restarts keep sessions."""
    key = os.environ.get("ATTITUDES_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    base_url: str
    api_url: str
    secret_key: str = field(repr=False)
    session_idle_hours: int = 12
    session_max_days: int = 7
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_from: str = "Attitudes.vip <no-reply@attitudes.vip>"
    smtp_starttls: bool = False
    login_rate_limit: int = 10
    signup_rate_limit: int = 5
    rate_limit_window_seconds: int = 900

    @property
    def cookie_secure(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def allowed_origins(self) -> list[str]:
        """Origins allowed to open the WebSocket; localhost and 127.0.0.1 are the same machine."""
        origins = {self.base_url, self.api_url}
        for origin in list(origins):
            for a, b in (("//localhost", "//127.0.0.1"), ("//127.0.0.1", "//localhost")):
                if a in origin:
                    origins.add(origin.replace(a, b))
        return sorted(origins)

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith("postgresql")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    base_url = os.environ.get("ATTITUDES_BASE_URL", "http://localhost:3000").rstrip("/")
    return Settings(
        database_url=os.environ.get("ATTITUDES_DATABASE_URL")
        or os.environ.get("REFLEX_DB_URL")
        or f"sqlite:///{VAR_DIR / 'attitudes.db'}",
        redis_url=os.environ.get("ATTITUDES_REDIS_URL") or os.environ.get("REFLEX_REDIS_URL") or None,
        base_url=base_url,
        api_url=os.environ.get("REFLEX_API_URL", base_url).rstrip("/"),
        secret_key=_secret_key(),
        session_idle_hours=_int("ATTITUDES_SESSION_IDLE_HOURS", 12),
        session_max_days=_int("ATTITUDES_SESSION_MAX_DAYS", 7),
        smtp_host=os.environ.get("ATTITUDES_SMTP_HOST") or None,
        smtp_port=_int("ATTITUDES_SMTP_PORT", 25),
        smtp_user=os.environ.get("ATTITUDES_SMTP_USER") or None,
        smtp_password=os.environ.get("ATTITUDES_SMTP_PASSWORD") or None,
        smtp_from=os.environ.get("ATTITUDES_SMTP_FROM", "Attitudes.vip <no-reply@attitudes.vip>"),
        smtp_starttls=os.environ.get("ATTITUDES_SMTP_STARTTLS", "") in ("1", "true", "yes"),
        login_rate_limit=_int("ATTITUDES_LOGIN_RATE_LIMIT", 10),
        signup_rate_limit=_int("ATTITUDES_SIGNUP_RATE_LIMIT", 5),
    )
