# Privacy workshop kit. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
HOST   ?= 127.0.0.1
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help serve lab test lint format catalogs data-pot check-data check-sources handouts bench bench-hub hub hub-deps chromium clean

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
	$(BIN)/python -m pip install -q -e '.[test,dev,hub]'
	touch $@

$(VENV)/.hub: $(VENV)/.app
	$(BIN)/python -m pip install -q -e '.[hub]'
	touch $@

HUB_DIR := deploy/jupyterhub
$(HUB_DIR)/node_modules/.bin/configurable-http-proxy: $(HUB_DIR)/package.json $(HUB_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "JupyterHub needs Node.js and npm: sudo apt-get install nodejs npm"; exit 1; }
	cd $(HUB_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

hub-deps: $(VENV)/.hub $(HUB_DIR)/node_modules/.bin/configurable-http-proxy ## Install JupyterHub and its proxy (npm)

hub: hub-deps ## Run JupyterHub on this machine (HUB_PORT=8000; see docs/deploy.md)
	$(BIN)/jupyterhub -f $(HUB_DIR)/jupyterhub_config.py

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

test: $(VENV)/.test chromium hub-deps ## Set everything up and run every test, browser tests included
	$(BIN)/python -m toolkit check-data
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test ## ruff over the package, tests and notebooks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test ## Format the code with ruff and strip notebook outputs
	$(BIN)/ruff format .
	$(BIN)/nbstripout notebooks/*.ipynb

catalogs: $(VENV)/.test ## Compile the catalogues (toolkit/locale/*/LC_MESSAGES/{kit,data,easy}.po -> .mo)
	$(BIN)/pybabel compile --domain kit --directory toolkit/locale --statistics
	@for domain in data easy; do \
	  if ls toolkit/locale/*/LC_MESSAGES/$$domain.po >/dev/null 2>&1; then \
	    $(BIN)/pybabel compile --domain $$domain --directory toolkit/locale --statistics; fi; done

data-pot: $(VENV)/.app ## Write toolkit/locale/data.pot, the records' English texts for translators
	$(BIN)/python -m toolkit data-pot

check-data: $(VENV)/.app ## Validate every record in data/ and report the share of unknown key facts
	$(BIN)/python -m toolkit check-data

MAX_AGE ?= 183
check-sources: $(VENV)/.app ## Sources to re-read before a workshop (MAX_AGE=days, default 183; offline)
	$(BIN)/python -m toolkit check-sources --max-age $(MAX_AGE)

bench: $(VENV)/.test chromium ## Benchmark against a bare Voila page, a room on one Wi-Fi included (QUICK=1: a smaller run, about 7 minutes)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

bench-hub: $(VENV)/.test hub-deps ## Benchmark JupyterHub sign-ins (make hub's configuration; about 5 minutes)
	$(BIN)/python -m bench.hub

handouts: $(VENV)/.app ## Build printable handouts (HTML and PDF, every interface language) into dist/handouts/
	$(BIN)/python -m toolkit handouts --out dist/handouts

clean: ## Remove the virtual environment and build files
	rm -rf $(VENV) dist build *.egg-info
