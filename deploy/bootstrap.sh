#!/usr/bin/env bash
# Install everything `make run` needs, from package registries only:
#   1. .venv (Python 3.11) with every package pinned in requirements.lock,
#      plus this project in editable mode (the `attitudes` command);
#   2. bun from the npm registry into .tools/bun (Reflex builds the front end with it).
# Idempotent: a stamp file (.venv/.installed-<hash of requirements.lock and of
# pyproject.toml's install settings>) makes a second run take well under a second.
# Set ATTITUDES_FORCE_INSTALL=1 to reinstall anyway.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
. deploy/env.sh

log() { printf '==> %s\n' "$*"; }
die() { printf 'bootstrap: %s\n' "$*" >&2; exit 1; }

# --- Python ------------------------------------------------------------------------
python_is_311() { "$1" -c 'import sys; raise SystemExit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if python_is_311 "$candidate"; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if [ -x .venv/bin/python ] && ! python_is_311 .venv/bin/python; then
  log ".venv is not a working Python 3.11 environment: recreating it"
  rm -rf .venv
fi

if [ ! -x .venv/bin/python ]; then
  py="$(find_python)" || die "Python 3.11 is required (set PYTHON=/path/to/python3.11)."
  log "Creating .venv with $py"
  "$py" -m venv .venv
fi

# The stamp covers requirements.lock and the parts of pyproject.toml that change what gets
# installed ([build-system], [project], [tool.setuptools]); lint or pytest settings do not.
lock_hash="$(.venv/bin/python - <<'PY'
import hashlib, json, tomllib
with open("pyproject.toml", "rb") as f:
    py = tomllib.load(f)
install = {k: py.get(k) for k in ("build-system", "project")} | {"setuptools": py.get("tool", {}).get("setuptools")}
h = hashlib.sha256(open("requirements.lock", "rb").read())
h.update(json.dumps(install, sort_keys=True).encode())
print(h.hexdigest()[:16])
PY
)"
stamp=".venv/.installed-${lock_hash}"

if [ -f "$stamp" ] && [ "${ATTITUDES_FORCE_INSTALL:-0}" != "1" ]; then
  log "Python packages up to date ($stamp)"
else
  log "Installing Python packages from requirements.lock"
  .venv/bin/python -m pip install -q --no-input --disable-pip-version-check -r requirements.lock
  log "Installing attitudes-vip in editable mode"
  .venv/bin/python -m pip install -q --no-input --disable-pip-version-check --no-deps -e .
  rm -rf ./*.egg-info  # setuptools leaves its build metadata in the tree; the venv has its own copy
  .venv/bin/python -c 'import reflex, sqlmodel, psycopg, attitudes_app.cli' \
    || die "the installed environment cannot import the app"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# --- bun (from the npm registry, never the curl installer) -------------------------
bun_bin=".tools/bun/node_modules/.bin/bun"
bun_version() { "$bun_bin" --version 2>/dev/null || true; }

if [ "$(bun_version)" = "$ATTITUDES_BUN_VERSION" ]; then
  log "bun $ATTITUDES_BUN_VERSION present"
else
  command -v npm >/dev/null 2>&1 || die "npm is required to install bun (install Node.js 20 or newer)."
  log "Installing bun $ATTITUDES_BUN_VERSION from the npm registry into .tools/bun"
  mkdir -p .tools/bun "$npm_config_cache"
  # No --ignore-scripts: bun's postinstall puts the native binary in place.
  npm install --prefix .tools/bun --no-audit --no-fund --save-exact "bun@${ATTITUDES_BUN_VERSION}"
  got="$(bun_version)"
  [ "$got" = "$ATTITUDES_BUN_VERSION" ] \
    || die "bun --version printed '${got}', expected ${ATTITUDES_BUN_VERSION} (did bun's postinstall run?)"
  log "bun $got installed"
fi
