# Two commands matter: `make run` (set up and serve the demo) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
EDUSALUD := $(BIN)/edusalud
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench install install-dev messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when a lock file changes.
$(VENV)/.base-installed: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock $(VENV)/.base-installed
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

install: $(VENV)/.base-installed
install-dev: $(VENV)/.dev-installed

run: install
	DEBUG=$${DEBUG:-true} $(EDUSALUD) migrate --no-input -v 0
	DEBUG=$${DEBUG:-true} $(EDUSALUD) demo --if-empty
	DEBUG=$${DEBUG:-true} $(EDUSALUD) runserver $(HOST):$(PORT)

test: install-dev
	scripts/test.sh

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: install-dev
	$(BIN)/python bench/indicators.py
	$(BIN)/python bench/demo.py
	$(BIN)/python bench/import_residents.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/admission_imports.py
	$(BIN)/python bench/certificates.py

# Regenerate the Spanish catalogue after changing texts (needs GNU gettext).
messages: install-dev
	cd src/edusalud && DEBUG=true ../../$(EDUSALUD) makemessages -l es_MX --no-obsolete --no-location -i "static/vendor/*"
	cd src/edusalud && DEBUG=true ../../$(EDUSALUD) compilemessages -l es_MX

clean:
	rm -rf $(VENV) var
