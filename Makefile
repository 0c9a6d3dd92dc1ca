# make run: set up, migrate, load the demo plan, and serve on http://127.0.0.1:8000 with a worker
# make test: set up, lint, check formatting and run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Set-up is redone only when the lock file or pyproject.toml is newer than this stamp.
STAMP := $(VENV)/.installed
# npm ci is redone only when package-lock.json is newer than this one.
NPM_STAMP := node_modules/.installed
# The front end is rebuilt when a source or the installed packages change.
FRONTEND := frontend/build/application.css

.PHONY: run test setup frontend

setup: $(STAMP) $(FRONTEND)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(NPM_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(FRONTEND): $(NPM_STAMP) $(wildcard frontend/*.scss frontend/*.mjs)
	npm run --silent build

frontend: $(FRONTEND)

# The worker runs queued jobs (reminders, issuing papers) beside the server, and stops with it.
run: setup
	$(BIN)/actionplan migrate
	$(BIN)/actionplan demo
	$(BIN)/actionplan worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/actionplan serve 127.0.0.1:8000

test: setup
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/pytest
