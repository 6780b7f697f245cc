# blocwatch: the commands the README gives.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
SHARED ?= ../shared

.PHONY: demo test lint format typecheck bench browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## demo: install, run the whole pipeline on the sample corpus, serve the web app on http://127.0.0.1:$(PORT)
demo: $(STAMP)
	$(BIN)/blocwatch demo --db sqlite:///blocwatch-demo.db --port $(PORT)

## test: install with dev extras, lint, type-check and run the test suite
test: $(STAMP) browser-deps lint typecheck
	$(BIN)/pytest -q

## browser-deps: Debian's chromium and chromium-driver for the browser test, only when missing
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing chromium and chromium-driver for the browser test..."; \
			apt-get update -qq >/dev/null && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium chromium-driver >/dev/null; \
		else \
			echo "chromium is missing and cannot be installed here (needs root and apt-get): browser tests will skip"; \
		fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## bench: every benchmark against ../shared (figures, not pass/fail)
bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache blocwatch-demo.db*
