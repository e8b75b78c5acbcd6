# Every target that needs Python builds .venv on first use, so a fresh clone needs only `make`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench eval docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint,xlsx]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reviewlint check fixtures/cases fixtures/csv/chronology.csv --fail-on none

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check src tests benchmarks evals
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/python -m reviewlint._docgen docs/rules

# Accuracy reports: the rules on the fixture corpus, our labelled sentences, and the NegEx
# set when ../shared has it. Each prints a table and writes JSON under build/eval/.
eval: $(STAMP)
	$(BIN)/python evals/corpus.py
	$(BIN)/python evals/sentences.py dev heldout
	$(BIN)/python evals/negex.py

# Baselines (Splink, recordlinkage, medspaCy) install into their own environments.
NARRATIVE_VENV := .venv-bench-narrative
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/identity_febrl.py
	$(BIN)/python benchmarks/identity_scale.py
	test -d $(NARRATIVE_VENV) || $(PYTHON) -m venv $(NARRATIVE_VENV)
	$(NARRATIVE_VENV)/bin/python -m pip install --quiet -e '.[bench-narrative]'
	$(NARRATIVE_VENV)/bin/python benchmarks/narrative.py

clean:
	rm -rf $(VENV) $(NARRATIVE_VENV) build dist .pytest_cache .mypy_cache .ruff_cache
