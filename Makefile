# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   – virtualenv, dependencies, database, demo data, then serves http://127.0.0.1:5000
#   make test  – the whole suite on SQLite; when TEST_DATABASE_URL is set, the suite on SQLite and
#                again on PostgreSQL, with the browser tests (tests/e2e; chromium, java and npm) and the
#                heavy generated tests (marker `generated`) once, on PostgreSQL
#   make e2e   – only the browser tests
#   make bench – the pages under wrk on the national data set (PostgreSQL), against the framework's floor

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask
PYTEST_ARGS ?=
# pytest-xdist workers; each has its own database (and live server for the browser tests)
JOBS ?= auto
NPM ?= npm
# The port `make run` serves on; the development PUBLIC_BASE_URL follows it (config.py).
export FLASK_RUN_PORT ?= 5000

.PHONY: run test e2e lint clean-db bench translations

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# axe-core and vnu-jar for the browser tests. --ignore-scripts: vnu-jar's install script would
# download a JDK; the tests use the system's Java.
node_modules/.installed: package.json package-lock.json
	@if command -v $(NPM) >/dev/null; then \
		$(NPM) ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else \
		echo "npm not found: the browser tests (tests/e2e) will be skipped"; \
	fi

run: $(VENV)/.runtime
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) run --host 127.0.0.1

test: $(VENV)/.dev node_modules/.installed
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the suite on SQLite (browser and heavy generated tests run once, on PostgreSQL below)"; \
		env -u TEST_DATABASE_URL $(BIN)/pytest -n $(JOBS) -m "not e2e and not generated" $(PYTEST_ARGS) && \
		echo "== the whole suite on PostgreSQL, browser tests included" && \
		$(BIN)/pytest -n $(JOBS) $(PYTEST_ARGS); \
	else \
		$(BIN)/pytest -n $(JOBS) $(PYTEST_ARGS); \
	fi

# Messages of the interface: extract from the code and templates, merge into each language's .po (new
# messages come in empty, so the suite's translation check fails until a translator fills them), compile.
TRANSLATIONS := ecri_lms/translations
LANGUAGES := es el pl it
translations: $(VENV)/.dev
	$(BIN)/pybabel -q extract -F $(TRANSLATIONS)/babel.cfg -k _l -k N_ --add-location=file --sort-output \
		--no-wrap --project "ECRI LMS" --copyright-holder "ECRI consortium" -o $(TRANSLATIONS)/messages.pot .
	@for lang in $(LANGUAGES); do \
		if [ -f $(TRANSLATIONS)/$$lang/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$lang \
				--no-fuzzy-matching --ignore-obsolete --no-wrap; \
		else \
			$(BIN)/pybabel -q init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$lang --no-wrap; \
		fi; \
	done
	$(BIN)/pybabel compile --statistics -d $(TRANSLATIONS)

e2e: $(VENV)/.dev node_modules/.installed
	$(BIN)/pytest -m e2e tests/e2e $(PYTEST_ARGS)

bench: $(VENV)/.runtime
	$(BIN)/python bench/run.py

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean-db:
	rm -f instance/ecri_lms.sqlite
