# stemwatch: the README's two commands are `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DUCK15  := .venv-duckdb15
PORT    ?= 8501
APT     := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
# Quiet installs: the line that matters in `make run` is the dashboard's address.
PIP     := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test install install-test system-deps duckdb15 lint bench docs clean screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[test]'
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
	$(DUCK15)/bin/python -m pip --disable-pip-version-check -q install 'duckdb>=1.5,<1.6'
	touch $@

duckdb15: $(DUCK15)/.installed

## make test: install what the tests need (system packages included) and run the whole suite
test: install-test system-deps duckdb15
	$(BIN)/python -m ruff check etl dashboard warehouse tests benchmarks
	$(BIN)/python -m pytest -p no:cacheprovider

## make screenshots: the browser tests alone; every page rendered from the seeds in headless Chromium,
## charts checked against the warehouse, screenshots in artifacts/screenshots/
screenshots: install-test system-deps
	$(BIN)/python -m pytest -p no:cacheprovider -m browser

lint: install-test
	$(BIN)/python -m ruff check etl dashboard warehouse tests benchmarks

# Benchmarks add the `bench` extra (trafilatura as the peer measured in the same run, psutil for peak RSS).
bench: install-test
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run_all   # prints each target met or missed; exit 1 if a benchmark failed

docs: install
	$(BIN)/stemwatch schema-doc -o docs/schema.md

clean:
	rm -rf $(VENV) $(DUCK15) artifacts .pytest_cache
