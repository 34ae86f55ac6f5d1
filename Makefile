# stemwatch: the README's two commands are `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DUCK15  := .venv-duckdb15
PORT    ?= 8501
APT     := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: run test install install-test system-deps duckdb15 lint bench docs clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make run: create .venv, install, load seeds/ into warehouse/stemwatch.duckdb, start scheduler + dashboard
run: install
	$(BIN)/stemwatch up --port $(PORT)

# Debian's Chromium and CJK fonts for the browser tests (never a downloaded browser).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "installing chromium and fonts-noto-cjk with apt-get"; \
		$(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# A throwaway DuckDB 1.5 client: proves users' 1.x clients can open the warehouse file.
$(DUCK15)/.installed:
	$(PY) -m venv $(DUCK15)
	$(DUCK15)/bin/python -m pip install -q 'duckdb>=1.5,<1.6'
	touch $@

duckdb15: $(DUCK15)/.installed

## make test: install what the tests need (system packages included) and run the whole suite
test: install-test system-deps duckdb15
	$(BIN)/python -m ruff check etl dashboard warehouse tests benchmarks
	$(BIN)/python -m pytest -p no:cacheprovider

lint: install-test
	$(BIN)/python -m ruff check etl dashboard warehouse tests benchmarks

# Benchmarks add the `bench` extra (trafilatura as the peer measured in the same run, psutil for peak RSS).
bench: install-test
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run_all

docs: install
	$(BIN)/stemwatch schema-doc -o docs/schema.md

clean:
	rm -rf $(VENV) $(DUCK15) artifacts .pytest_cache
