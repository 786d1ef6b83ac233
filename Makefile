# Two-command start: `make serve` and `make test`. Everything else is a helper they call.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export OIP_DATA_DIR ?= $(CURDIR)/var
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1
# One converted model for serve, tests and benchmarks (generated at first use, never committed).
export OIP_MODEL_CACHE_DIR ?= $(CURDIR)/var/models
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: serve test check lint typecheck openapi contract install dev postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# torch first, pinned exactly: the CPU build is on disk; a looser spec pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) install -e '.[dev]'
	touch $@

install: $(VENV)/.installed
dev: $(VENV)/.dev

serve: install
	$(BIN)/oip migrate
	$(BIN)/oip serve --host $(HOST) --port $(PORT) --no-migrate

postgres:
	@bash scripts/ensure-postgres.sh

# pytest exits 5 when it collected nothing: that is a failure, never a pass.
test: dev postgres
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: dev
	$(BIN)/mypy services

# OpenAPI contract checks with Node from npm (Spectral + TypeScript client); Python tests never need Node.
contract:
	bash contract/check.sh

check: lint typecheck contract test

openapi: install
	$(BIN)/oip openapi --out openapi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
