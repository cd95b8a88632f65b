# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup setup-test lint bench

run: setup
	$(BIN)/flask --app intake init-db
	$(BIN)/flask --app intake ensure-admin
	@echo "Client intake:      http://$(HOST):$(PORT)/"
	@echo "Specialist sign-in: http://$(HOST):$(PORT)/specialist/"
	$(BIN)/flask --app intake run --host $(HOST) --port $(PORT)

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

setup: $(VENV)/.installed
	@scripts/system-packages run

setup-test: $(VENV)/.installed-test tests/browser/node_modules/.package-lock.json
	@scripts/system-packages test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup-test
	$(BIN)/python -m benchmarks

# axe-core for the browser tests' accessibility checks, pinned by the lock file.
tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json
	@scripts/system-packages test
	npm ci --prefix tests/browser --no-audit --no-fund
