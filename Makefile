# One place for the project's commands. `make run` and `make test` each set up what they need first.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: setup run test lint bench chromium clean data

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U "pip>=25.1"
	$(PY) -m pip install -q -e . --group dev
	touch $@

setup: $(VENV)/.installed

## Open the dashboard on http://127.0.0.1:$(PORT)
run: setup
	$(PY) -m streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT)

## Debian's Chromium for the browser tests (installed if missing; needs root or sudo)
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  else sudo apt-get update && sudo apt-get install -y chromium; fi; }

## Every test, browser tests included
test: setup chromium
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

bench: setup chromium
	$(PY) -m pip install -q --group bench
	$(PY) benchmarks/run.py
	$(PY) benchmarks/timeline_bench.py
	$(PY) benchmarks/embed_bench.py | tee benchmarks/EMBED.md
	$(PY) benchmarks/scale_bench.py
	$(PY) benchmarks/load_bench.py
	$(PY) benchmarks/ingest_bench.py | tee benchmarks/INGEST.md
	$(PY) benchmarks/cli_bench.py | tee benchmarks/CLI.md
	$(PY) benchmarks/libraries.py
	$(PY) benchmarks/collect.py

## Rebuild the derived boundary files from their public source (needs npm)
data: setup
	$(PY) scripts/build_boundaries.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
