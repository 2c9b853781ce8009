# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   – virtualenv, dependencies, database, demo data, then serves http://127.0.0.1:5000
#   make test  – the whole suite on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask
PYTEST_ARGS ?=

.PHONY: run test lint clean-db

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

run: $(VENV)/.runtime
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(VENV)/.dev
	env -u TEST_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the same suite on PostgreSQL"; \
		$(BIN)/pytest $(PYTEST_ARGS); \
	fi

lint: $(VENV)/.dev
	$(BIN)/ruff check ecri_lms tests config.py wsgi.py

clean-db:
	rm -f instance/ecri_lms.sqlite
