# make run: set up, migrate, load the demo plan, and serve on http://127.0.0.1:8000 with a worker
# make test: set up, lint, check formatting, check no model change lacks a migration, check the
# import layers and the types, run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The lock to install: everything for development and tests (requirements/production.txt is the
# server's). Set-up is redone only when a lock or pyproject.toml is newer than this stamp.
LOCK ?= requirements/development.txt
STAMP := $(VENV)/.installed
# npm ci is redone only when package-lock.json is newer than this one.
NPM_STAMP := node_modules/.installed
# The front end is rebuilt when a source or the installed packages change.
FRONTEND := frontend/build/application.css

.PHONY: run test setup frontend

setup: $(STAMP) $(FRONTEND)

# The interpreter's own pip may be too old for hash-checked extras (fixed in pip 23.3), so it
# only installs the pinned pip and uv of requirements/bootstrap.txt; uv then makes the venv
# hold exactly the lock (docs/adr/0011-installing.md), compiled to bytecode once: otherwise
# a process that may not write it (PYTHONDONTWRITEBYTECODE, a read-only venv) compiles every
# library it imports each time it starts.
$(STAMP): requirements/bootstrap.txt $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bootstrap.txt
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

$(NPM_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(FRONTEND): $(NPM_STAMP) $(wildcard frontend/*.scss frontend/*.mjs)
	npm run --silent build

frontend: $(FRONTEND)

# The worker runs queued jobs (reminders, issuing papers) beside the server, and stops with it.
# Local settings: DEBUG on, so nothing needs setting; the signing key is made in var/.
run: export DJANGO_SETTINGS_MODULE = actionplan.config.local
run: setup
	$(BIN)/actionplan migrate
	$(BIN)/actionplan demo
	$(BIN)/actionplan worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/actionplan serve 127.0.0.1:8000

# PYTEST_ARGS narrows the run, e.g. PYTEST_ARGS="--ignore=tests/browser".
test: setup
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	DJANGO_SETTINGS_MODULE=actionplan.config.local $(BIN)/actionplan makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)
