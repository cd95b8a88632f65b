# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup setup-test lint bench

run: setup translations
	$(BIN)/flask --app intake init-db
	$(BIN)/flask --app intake ensure-admin
	@echo "Client intake:      http://$(HOST):$(PORT)/"
	@echo "Specialist sign-in: http://$(HOST):$(PORT)/specialist/"
	$(BIN)/flask --app intake run --host $(HOST) --port $(PORT)

test: setup-test translations
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
	$(BIN)/pybabel compile -d translations
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup-test
	$(BIN)/python -m benchmarks

# Translations: the .po catalogs are committed; the compiled .mo files are built from them.
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
BABEL_KEYWORDS := -k _l -k lazy_gettext

.PHONY: translations extract-messages

translations: $(COMPILED)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

# After changing client-facing text: refresh the template and every catalog, then translate.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --sort-output \
		--project "Skin Consult Intake" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations \
		--ignore-obsolete --no-fuzzy-matching

# axe-core for the browser tests' accessibility checks, pinned by the lock file.
tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json
	@scripts/system-packages test
	npm ci --prefix tests/browser --no-audit --no-fund
