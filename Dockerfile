# syntax=docker/dockerfile:1
# Attitudes.vip production image: the Reflex production build (front end and API on
# port 3000), migrations on start. See README.md, "Production", for the environment.
#   docker build -t attitudes .
#   docker run -p 3000:3000 -e ATTITUDES_BASE_URL=https://example.org \
#     -e ATTITUDES_DATABASE_URL=postgresql+psycopg://... -e ATTITUDES_SECRET_KEY=... attitudes

# --- builder: Python packages, bun, and a first front-end build ----------------------
FROM python:3.11-slim AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REFLEX_USE_SYSTEM_BUN=1 \
    REFLEX_TELEMETRY_ENABLED=false \
    REFLEX_CHECK_LATEST_VERSION=0 \
    NPM_CONFIG_REGISTRY=https://registry.npmjs.org/ \
    SE_OFFLINE=true \
    REFLEX_DIR=/app/.reflex \
    PATH=/app/.tools/bun/node_modules/.bin:/app/.venv/bin:$PATH

WORKDIR /app

# bun comes from the npm registry (its postinstall needs Node.js); Node.js and npm are
# removed again in the same step, so the front-end build below sees exactly the tools
# of the final image (bun only) and Reflex's install cache stays valid at start.
# Debian drops superseded package versions, so exact apt pins would break rebuilds.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && npm install --prefix /app/.tools/bun --no-audit --no-fund --save-exact bun@1.4.4 \
    && apt-get purge -y --auto-remove nodejs npm \
    && rm -rf /var/lib/apt/lists/* /root/.npm \
    && test "$(bun --version)" = "1.4.4"

# Runtime dependencies only (pyproject's [project] dependencies), every version held
# to requirements.lock; test tools (pytest, playwright, ruff, hadolint) stay out.
COPY requirements.lock pyproject.toml ./
RUN python -m venv /app/.venv \
    && python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
       > /tmp/runtime-requirements.txt \
    && pip install --no-cache-dir -c requirements.lock -r /tmp/runtime-requirements.txt

COPY . .
RUN pip install --no-cache-dir --no-deps -e . \
    && rm -rf ./*.egg-info

# Build the front end once (bun fetches the packages pinned in reflex.lock/), so the
# container starts without the npm registry. A throwaway var dir keeps the build from
# writing a secret key or database into the image.
RUN ATTITUDES_VAR_DIR=/tmp/build-var reflex export --frontend-only --no-zip \
    && rm -rf /tmp/build-var /root/.cache

# --- runtime -----------------------------------------------------------------------
FROM python:3.11-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    REFLEX_USE_SYSTEM_BUN=1 \
    REFLEX_TELEMETRY_ENABLED=false \
    REFLEX_CHECK_LATEST_VERSION=0 \
    NPM_CONFIG_REGISTRY=https://registry.npmjs.org/ \
    SE_OFFLINE=true \
    ATTITUDES_VAR_DIR=/app/var \
    REFLEX_DIR=/app/.reflex \
    PATH=/app/.tools/bun/node_modules/.bin:/app/.venv/bin:$PATH

# DejaVu gives the PDF run sheets a Unicode font (accents, €).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --user-group attitudes \
    && install -d -o attitudes -g attitudes /app /app/var /app/.states /app/.reflex /app/assets/external

WORKDIR /app

# Code and packages belong to root (read-only for the app); the app user owns only
# what the server writes: .web (rebuilt with the runtime settings at start), var/, .states/,
# .reflex/ (Reflex's own directory; if it were missing, Reflex would re-create .web and
# download every front-end package again).
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/.tools /app/.tools
COPY --from=builder --chown=attitudes:attitudes /app/.web /app/.web
COPY --from=builder --chown=attitudes:attitudes /app/reflex.lock /app/reflex.lock
COPY --from=builder /app/alembic /app/alembic
COPY --from=builder /app/assets /app/assets
COPY --from=builder /app/attitudes_app /app/attitudes_app
COPY --from=builder /app/components /app/components
COPY --from=builder /app/models /app/models
COPY --from=builder /app/services /app/services
COPY --from=builder /app/state /app/state
COPY --from=builder /app/deploy/docker-entrypoint.sh /app/deploy/docker-entrypoint.sh
COPY --from=builder /app/alembic.ini /app/rxconfig.py /app/pyproject.toml /app/

USER 10001:10001
EXPOSE 3000
VOLUME ["/app/var"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:3000/api/v1/health', timeout=4).status != 200)"]

ENTRYPOINT ["/app/deploy/docker-entrypoint.sh"]
