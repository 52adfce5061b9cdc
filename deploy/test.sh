#!/usr/bin/env bash
# `make test`: install (deploy/bootstrap.sh), Chromium for the browser tests, make sure
# PostgreSQL and Redis are up, then `ruff check .` and one pytest run over tests/.
#
# Services: if PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is installed but not
# running, this script starts it and stops it again on exit; services that were already
# running are left alone. A service that is not installed is reported, and the tests
# that need it fail (they are not skipped). Exit status is non-zero if anything fails.
#
# Extra pytest arguments pass through: deploy/test.sh tests/unit -x
# PYTEST_ADDOPTS works too, e.g. PYTEST_ADDOPTS="--co -q" only collects.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
. deploy/env.sh

log() { printf '==> %s\n' "$*"; }
warn() { printf '\n!!! %s\n\n' "$*" >&2; }

deploy/bootstrap.sh

# --- Chromium (Debian packages; never `playwright install`) ------------------------
if [ ! -x /usr/bin/chromium ]; then
  apt_prefix=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt_prefix=(sudo -n)
    else
      apt_prefix=(unavailable)
    fi
  fi
  if [ "${apt_prefix[0]:-}" = unavailable ] || ! command -v apt-get >/dev/null 2>&1; then
    warn "Chromium is missing (/usr/bin/chromium) and cannot be installed here (needs root and apt-get). The browser tests in tests/e2e will fail."
  else
    log "Installing Chromium from Debian"
    "${apt_prefix[@]}" apt-get update
    "${apt_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
else
  log "Chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium))"
fi

# --- axe-core (accessibility checks injected into pages by tests/e2e) -------------------
AXE_VERSION=4.14.1
if [ "$(node -p "require('./.tools/axe/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_VERSION" ]; then
  log "Installing axe-core $AXE_VERSION from the npm registry into .tools/axe"
  mkdir -p .tools/axe
  npm install --prefix .tools/axe --no-audit --no-fund --save-exact "axe-core@${AXE_VERSION}"
else
  log "axe-core $AXE_VERSION present"
fi

# --- PostgreSQL and Redis --------------------------------------------------------------
# The tests connect to these defaults (tests/*/conftest.py: ATTITUDES_TEST_PG_ADMIN_URL,
# ATTITUDES_TEST_REDIS_URL). The port overrides only exist to exercise this script.
PG_HOST=127.0.0.1 PG_PORT="${ATTITUDES_TEST_PG_PORT:-5432}"
REDIS_HOST=127.0.0.1 REDIS_PORT="${ATTITUDES_TEST_REDIS_PORT:-6379}"

started_pg=""      # cluster version this script started
started_redis=""   # pid of the redis-server this script started
service_problems=()
redis_pidfile="$ATTITUDES_ROOT/.cache/redis-test-${REDIS_PORT}.pid"

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() {  # wait_for NAME COMMAND...: up to 30 s
  local name=$1
  shift
  for _ in $(seq 1 60); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  warn "$name did not become ready within 30 s"
  return 1
}

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -U postgres
  else
    port_open "$PG_HOST" "$PG_PORT"
  fi
}

redis_ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else
    port_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}

cleanup() {
  local rc=$?
  set +e
  if [ -n "$started_redis" ]; then
    log "Stopping the Redis server this script started (pid $started_redis)"
    kill "$started_redis" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$started_redis" 2>/dev/null || break; sleep 0.2; done
    rm -f "$redis_pidfile"
  fi
  if [ -n "$started_pg" ]; then
    log "Stopping the PostgreSQL cluster this script started ($started_pg/main)"
    pg_ctlcluster --skip-systemctl-redirect "$started_pg" main stop
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if pg_ready; then
  log "PostgreSQL is running on $PG_HOST:$PG_PORT"
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql)" ]; then
  pg_version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1)"
  log "Starting PostgreSQL $pg_version (will stop it at the end)"
  if pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start; then
    started_pg="$pg_version"
    wait_for PostgreSQL pg_ready || service_problems+=("PostgreSQL $pg_version was started but does not answer on $PG_HOST:$PG_PORT.")
  else
    service_problems+=("PostgreSQL is installed but 'pg_ctlcluster $pg_version main start' failed.")
  fi
else
  service_problems+=("PostgreSQL is not installed and nothing listens on $PG_HOST:$PG_PORT: the tests that need PostgreSQL will fail. Install it with: apt-get install -y postgresql (trust auth for user postgres, database 'test'), or point ATTITUDES_TEST_PG_ADMIN_URL at a server where the tests may CREATE DATABASE.")
fi

if redis_ready; then
  log "Redis is running on $REDIS_HOST:$REDIS_PORT"
elif command -v redis-server >/dev/null 2>&1; then
  log "Starting Redis (will stop it at the end)"
  mkdir -p "$(dirname "$redis_pidfile")"
  if redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
       --pidfile "$redis_pidfile"; then
    wait_for Redis redis_ready || service_problems+=("Redis was started but does not answer on $REDIS_HOST:$REDIS_PORT.")
    if [ -s "$redis_pidfile" ]; then started_redis="$(cat "$redis_pidfile")"; fi
  else
    service_problems+=("Redis is installed but redis-server failed to start.")
  fi
else
  service_problems+=("Redis is not installed and nothing listens on $REDIS_HOST:$REDIS_PORT: the tests that need Redis will fail. Install it with: apt-get install -y redis-server, or point ATTITUDES_TEST_REDIS_URL at a Redis database the tests may flush.")
fi

for problem in "${service_problems[@]+"${service_problems[@]}"}"; do warn "$problem"; done

# --- Lint and tests ------------------------------------------------------------------
ruff_rc=0
log "ruff check ."
.venv/bin/ruff check . || ruff_rc=$?

pytest_rc=0
log "pytest"
.venv/bin/python -m pytest -q "${@:-tests}" || pytest_rc=$?

for problem in "${service_problems[@]+"${service_problems[@]}"}"; do warn "$problem"; done
if [ "$ruff_rc" -ne 0 ] || [ "$pytest_rc" -ne 0 ]; then
  printf '\nFAILED: ruff exit %s, pytest exit %s\n' "$ruff_rc" "$pytest_rc" >&2
  exit 1
fi
log "ruff and pytest passed"
