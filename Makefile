# KCC — two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format services stop bench loadtest schema messages clean audit

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## Start everything on http://127.0.0.1:8000 (Ctrl-C stops it).
run: $(STAMP)
	$(PY) -m kcc.devrun

## The whole suite (lint, format check, tests) against real Postgres and Redis.
test: $(STAMP) lint services
	$(PY) -m pytest $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Known vulnerabilities in the pinned requirements (exceptions: docs/pip-audit-ignore.txt).
audit: $(STAMP)
	$(PY) scripts/audit.py

## Start the embedded PostgreSQL and Redis (no-op when DATABASE_URL/REDIS_URL are set).
services: $(STAMP)
	@if [ -z "$$DATABASE_URL" ] || [ -z "$$REDIS_URL" ]; then $(PY) -m kcc.embedded start >/dev/null; fi

## Stop the embedded services (and a running `make run`).
stop: $(STAMP)
	-@test -f .kcc/run.pid && kill $$(cat .kcc/run.pid) 2>/dev/null; true
	$(PY) -m kcc.embedded stop

## Regenerate the committed OpenAPI schema.
schema: $(STAMP) services
	$(PY) manage.py spectacular --file docs/openapi.yaml --validate

## Extract Dutch texts for translation.
messages: $(STAMP)
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=static/vendor

clean: stop
	rm -rf .kcc staticfiles

## Benchmarks on a generated city: make bench SCALE=small|city|metro
SCALE ?= small
bench: $(STAMP) services
	$(PY) -m kcc.benchmark --scale $(SCALE) $(if $(filter 1,$(FRESH)),--fresh)

## Load test on the same generated city: make loadtest SCALE=small USERS=200 DURATION=5m [WARMUP=s]
USERS ?= 200
DURATION ?= 5m
loadtest: $(STAMP) services
	$(PY) -m kcc.benchmark.loadtest --scale $(SCALE) --users $(USERS) --duration $(DURATION) \
		$(if $(WARMUP),--warmup $(WARMUP))
