# One command to build and serve the course (make serve), one to test it (make test).
# Everything is installed from the project's own files: requirements.txt (PyPI),
# package.json/package-lock.json (npm), and Debian's chromium for browser tests.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8000

.PHONY: setup vendor chromium site serve dist test lint bench clean

# A copied project folder brings a .venv that still runs the original folder's code
# (its scripts and its editable install point back there): drop it before make looks
# at it, so the rules below make a fresh one here (from pip's cache).
VENV_ELSEWHERE := $(shell site/venv_elsewhere.sh $(VENV) "$(CURDIR)")
ifneq ($(VENV_ELSEWHERE),)
$(info $(VENV_ELSEWHERE))
$(shell rm -rf $(VENV))
endif

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: on Debian/Ubuntu run  sudo apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-build-isolation --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	site/ensure_node.sh
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## vendor: Python env, npm assets, Pyodide's wheels from PyPI, MathJax (no CDN at run time)
vendor: $(VENV)/.installed node_modules/.installed
	$(PY) site/vendor_assets.py

chromium:
	site/ensure_chromium.sh

setup: vendor

## site: a clean build of the book and its JupyterLite site into _build/html
site: setup
	$(PY) site/build.py

## serve: build, then serve on http://127.0.0.1:$(PORT)
serve: site
	$(PY) site/serve.py --port $(PORT)

## dist: build, then zip the site with its own server into dist/ (see site/dist.py)
dist: site
	$(PY) site/dist.py

lint: setup
	$(BIN)/ruff check exercises tests site benchmarks

## test: set up, build the site, then every test: unit, property, notebooks (nbval), browser
test: setup chromium site lint
	$(BIN)/pytest tests --nbval-lax _build/lite-src/contents --durations=25

## bench: benchmarks.site does its own clean build, then times it in Chromium
bench: setup chromium
	$(PY) -m benchmarks.site

clean:
	rm -rf _build build dist *.egg-info .jupyterlite.doit.db
