# Privacy workshop kit. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
HOST   ?= 127.0.0.1
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help serve lab test lint format check-data handouts bench chromium clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.app: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test: $(VENV)/.app
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	touch $@

serve: $(VENV)/.app ## Serve the workshop app with Voila (HOST=0.0.0.0 for a LAN, PORT=8866)
	$(BIN)/python -m toolkit serve --host $(HOST) --port $(PORT)

lab: $(VENV)/.app ## Open the notebooks in JupyterLab for self-study
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1

chromium: ## Install Debian's chromium for the browser tests when it is missing
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else \
	    echo "The browser tests need Debian's chromium at /usr/bin/chromium:"; \
	    echo "    sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

test: $(VENV)/.test chromium ## Set everything up and run every test, browser tests included
	$(BIN)/python -m toolkit check-data
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test ## ruff over the package, tests and notebooks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test ## Format the code with ruff and strip notebook outputs
	$(BIN)/ruff format .
	$(BIN)/nbstripout notebooks/*.ipynb

check-data: $(VENV)/.app ## Validate every record in data/
	$(BIN)/python -m toolkit check-data

bench: $(VENV)/.test chromium ## Benchmark against a bare Voila page (QUICK=1: under five minutes)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

handouts: $(VENV)/.app ## Build printable handouts (HTML and PDF, de and en) into dist/handouts/
	$(BIN)/python -m toolkit handouts --out dist/handouts

clean: ## Remove the virtual environment and build files
	rm -rf $(VENV) dist build *.egg-info
