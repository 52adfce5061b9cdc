# shellcheck shell=bash
# Environment shared by every build, run and test command (sourced by the Makefile
# recipes, deploy/bootstrap.sh and deploy/test.sh). Safe to source more than once.
#
# Offline-friendly Reflex: bun comes from the npm registry into .tools/bun (never the
# curl installer), telemetry and version checks are off, caches stay in the repository.

ATTITUDES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ATTITUDES_ROOT

case ":${PATH}:" in
  *":${ATTITUDES_ROOT}/.tools/bun/node_modules/.bin:"*) ;;
  *) export PATH="${ATTITUDES_ROOT}/.tools/bun/node_modules/.bin:${PATH}" ;;
esac

export REFLEX_USE_SYSTEM_BUN=1
export REFLEX_TELEMETRY_ENABLED=false
export REFLEX_CHECK_LATEST_VERSION=0
export NPM_CONFIG_REGISTRY=https://registry.npmjs.org/
export SE_OFFLINE=true
export npm_config_cache="${ATTITUDES_ROOT}/.cache/npm"
export BUN_INSTALL_CACHE_DIR="${ATTITUDES_ROOT}/.cache/bun"
# The city list's search index (services/vendor_cities.py), built once and shared by dev, tests and e2e runs.
export ATTITUDES_CACHE_DIR="${ATTITUDES_CACHE_DIR:-${ATTITUDES_ROOT}/.cache/attitudes}"

# Versions the scripts install and check.
export ATTITUDES_BUN_VERSION=1.4.4
