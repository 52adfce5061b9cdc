"""The production build of the app, started once per test session, and a Chromium to drive it.

The app runs as it does in production: `reflex run --env prod` with two granian workers,
PostgreSQL (a fresh database) and Redis (state manager, sessions, rate limits).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = os.environ.get("ATTITUDES_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("ATTITUDES_TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/14")
CHROMIUM = os.environ.get("ATTITUDES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"


@dataclass(frozen=True)
class LiveApp:
    base_url: str
    database_url: str
    redis_url: str
    log_path: Path

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(base_url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}:\n{log_path.read_text()[-4000:]}")
        try:
            if httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200 and \
                    httpx.get(f"{base_url}/login/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start in {timeout} s:\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def live_app(tmp_path_factory) -> LiveApp:
    try:
        admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            dbname = f"attitudes_e2e_{uuid.uuid4().hex[:8]}"
            conn.execute(sa.text(f'CREATE DATABASE "{dbname}"'))
    except sa.exc.OperationalError as exc:
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc}). Start it with `make test`, or "
                    "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`.")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc}). Start it with `make test`.")
    database_url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{dbname}"
    port = _free_port()
    base_url = f"http://localhost:{port}"
    var_dir = tmp_path_factory.mktemp("e2e-var")
    log_path = var_dir / "app.log"
    env = {
        **os.environ,
        "ATTITUDES_DATABASE_URL": database_url,
        "ATTITUDES_REDIS_URL": REDIS_URL,
        "ATTITUDES_BASE_URL": base_url,
        "ATTITUDES_VAR_DIR": str(var_dir),
        "ATTITUDES_SECRET_KEY": "e2e-secret-key-0123456789-0123456789",
        "ATTITUDES_SIGNUP_RATE_LIMIT": "1000",  # every sign-up here comes from 127.0.0.1
        "ATTITUDES_LOGIN_RATE_LIMIT": "1000",
        "REFLEX_FRONTEND_PORT": str(port),
        "REFLEX_BACKEND_PORT": str(port),
        "GRANIAN_WORKERS": "2",
    }
    env.pop("REFLEX_API_URL", None)
    # The same offline set-up as deploy/env.sh, so `pytest tests/e2e` also works on its own.
    env["PATH"] = f"{ROOT / '.tools/bun/node_modules/.bin'}{os.pathsep}{env.get('PATH', '')}"
    for name, value in (("REFLEX_USE_SYSTEM_BUN", "1"), ("REFLEX_TELEMETRY_ENABLED", "false"),
                        ("REFLEX_CHECK_LATEST_VERSION", "0"), ("SE_OFFLINE", "true")):
        env.setdefault(name, value)
    for command in (["migrate"], ["seed-demo"]):
        done = subprocess.run([sys.executable, "-m", "attitudes_app.cli", *command], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"`attitudes {' '.join(command)}` failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-host", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_ready(base_url, proc, log_path)
        yield LiveApp(base_url, database_url, REDIS_URL, log_path)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_app) -> str:
    return live_app.base_url


@pytest.fixture
def shoot(page, request):
    """Save a screenshot under test-artifacts/ (looked at by developers; kept out of git)."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
