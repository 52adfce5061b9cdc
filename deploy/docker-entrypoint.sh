#!/bin/sh
# Container entry point: upgrade the database schema, then serve the production build
# (front end and API on one port, 3000). Any arguments replace the server, e.g.
#   docker run --rm IMAGE attitudes create-admin you@example.com
set -eu

if [ "$#" -gt 0 ]; then
  exec "$@"
fi

# Without Redis, Reflex keeps state in one process's memory: exactly one worker.
if [ -z "${ATTITUDES_REDIS_URL:-}${REFLEX_REDIS_URL:-}" ] && [ -z "${GRANIAN_WORKERS:-}" ]; then
  echo "No ATTITUDES_REDIS_URL: running one worker (set Redis to run several)." >&2
  export GRANIAN_WORKERS=1
fi

attitudes migrate
exec reflex run --env prod --backend-host "${ATTITUDES_HOST:-0.0.0.0}"
