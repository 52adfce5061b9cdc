# Attitudes.vip. Two commands do everything on a fresh machine:
#   make run    install, migrate, seed the demo data, serve on http://localhost:3000
#   make test   install, Chromium, PostgreSQL + Redis, ruff check, pytest
# Every recipe runs with deploy/env.sh (bun on PATH, Reflex offline settings, caches).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run
ENV := . deploy/env.sh &&

.PHONY: run test lint install migrate seed dev docker-lint clean

## run: install, migrate the SQLite database in var/, seed demo data, serve the prod build
run: install
	$(ENV) exec .venv/bin/python -m attitudes_app.cli run --demo

## test: install, Chromium, start PostgreSQL/Redis if needed, ruff check, pytest
test:
	deploy/test.sh

## install: .venv from requirements.lock (editable project) and bun into .tools/bun
install:
	deploy/bootstrap.sh

## lint: ruff check
lint: install
	$(ENV) .venv/bin/ruff check .

## migrate: upgrade the database to the latest schema
migrate: install
	$(ENV) .venv/bin/attitudes migrate

## seed: create the demo couple and admin accounts (once)
seed: install
	$(ENV) .venv/bin/attitudes seed-demo

## dev: Reflex dev mode with hot reload (frontend :3000, backend :8000)
dev: install
	$(ENV) .venv/bin/attitudes migrate && exec .venv/bin/reflex run --env dev --backend-host 127.0.0.1

## docker-lint: hadolint the Dockerfile
docker-lint: install
	$(ENV) .venv/bin/hadolint Dockerfile

## clean: remove generated front-end build files (.web, .states); keeps var/ and .venv
clean:
	rm -rf .web .states
