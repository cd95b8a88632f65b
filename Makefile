# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup setup-test lint bench lock

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

setup-test: $(VENV)/.installed tests/browser/node_modules/.package-lock.json
	@scripts/system-packages test

# Every Python package, the app's and the tests', at the version and hashes pinned in the
# lock file: a fresh machine installs what the suite last passed with, nothing newer.
# The Debian packages come first: without python3-venv, Debian's python3 makes no venv.
LOCK := requirements.lock

$(VENV)/.installed: $(LOCK) pyproject.toml
	@scripts/system-packages run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pybabel compile -d translations
	touch $@

# Refresh the lock after changing the dependencies in pyproject.toml: pins new packages
# and keeps the others; `make lock LOCK_ARGS=--upgrade` moves every pin to the newest release.
LOCK_ARGS ?=
lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --extra test --all-build-deps --allow-unsafe --generate-hashes \
		--strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) \
		--output-file $(LOCK) pyproject.toml

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
