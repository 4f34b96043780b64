# Developer entry points. Every target sets up .venv itself, so a fresh clone needs
# nothing but Python 3.11 and the package registry.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
GOLD   := $(wildcard $(SHARED)/data/gold/*.json)

.PHONY: demo test lint typecheck unit eval bench train clean venv

# The stamp depends on pyproject.toml, so a changed dependency list reinstalls.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/.installed

demo: venv
	rm -f storyline.db storyline.db-wal storyline.db-shm
	$(BIN)/storyline ingest examples/corpus --db storyline.db
	$(BIN)/storyline brief --db storyline.db

lint: venv
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: venv
	$(BIN)/mypy

unit: venv
	$(BIN)/pytest -q -m "not slow"

test: venv lint typecheck
	$(BIN)/pytest -q

eval: venv
	@if [ -z "$(GOLD)" ]; then echo "no gold files under $(SHARED)/data/gold"; fi
	@for g in $(GOLD); do $(BIN)/storyline eval $$g || exit 1; done

bench: venv
	$(BIN)/storyline bench --n 20

# p50/p95 of every API endpoint on a warm server over 10,000 synthetic articles; fails when
# a p95 reaches 100 ms. Takes about five minutes, most of it computing the stories once.
.PHONY: bench-api
bench-api: venv
	$(BIN)/python scripts/bench_api.py

# Seconds and peak memory of `storyline ingest` on one single-paragraph text of 0.1, 1 and
# 5 MB, then 20 MB with max_bytes raised: time per MB stays flat and memory bounded. Fails
# when the 5 MB run takes 2 minutes or any run 2 GB (about 25 minutes on 2 cores).
.PHONY: bench-sizes
bench-sizes: venv
	$(BIN)/python scripts/bench_sizes.py

# Train the attribution tagger on PolNeAR train (about 5 minutes on 2 cores; never run by
# CI), write it under src/storyline/extract/quotes/models/, then score it on PolNeAR dev.
# Parsed articles are cached in /tmp/storyline-attribution so that a second run skips the parse.
train: venv
	$(BIN)/python scripts/train_attribution.py --data $(SHARED)/data/polnear --cache /tmp/storyline-attribution
	$(BIN)/python scripts/train_attribution.py --data $(SHARED)/data/polnear --cache /tmp/storyline-attribution --score dev

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache storyline.db*

# 50 concurrent clients for 60 s against `storyline serve` on 10,000 synthetic articles;
# prints requests/s and p50/p95, fails on any error (never run by CI: about four minutes).
.PHONY: load
load: venv
	$(BIN)/python scripts/load_api.py

# Property tests of every reader and every extractor on hostile input (NUL, lone
# surrogates, RTL and zero-width marks, numbers at the edge, HTML nested 10,000 deep), with
# many examples each: 20,000 per reader and 3,000 for the extractors, against the few
# dozen of `make test`. Never run by CI; about 50 minutes on 2 cores. The statistics give
# the number of inputs tried per test.
.PHONY: fuzz
fuzz: venv
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/fuzz --hypothesis-show-statistics
