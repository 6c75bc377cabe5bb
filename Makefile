# Alpha Factory Lab: two commands do everything on a fresh machine.
#   make lab    install everything, then start JupyterLab on notebooks/
#   make test   install everything, then run every test
# Every set-up step is a stamp-file target, so a second run with nothing changed is quick.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT    := $(abspath .)
VENV    := $(ROOT)/.venv
PY      := $(VENV)/bin/python
STAMPS  := $(ROOT)/.stamps
OUT     := $(ROOT)/test-output
NPM     := npm --no-fund --no-audit --loglevel=error
PYTHON3 ?= python3
# jupyter lab refuses to run as root without --allow-root
ROOTFLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

EXT_SOURCES := $(shell find extension/src extension/style style schema -type f 2>/dev/null) extension/package.json extension/tsconfig.json
KERNEL_SOURCES := $(shell find kernel-lib/src -type f 2>/dev/null) kernel-lib/package.json kernel-lib/tsconfig.json tsconfig.base.json
SCHEMA_SOURCES := $(shell find schema -name '*.json' -not -path '*/node_modules/*' 2>/dev/null)

.PHONY: help setup lab test build typecheck lint unit gpu-tests server-tests wheel-test notebooks browser wheel clean ref-venv fixtures

help:
	@echo "make lab   - install everything, then start JupyterLab on notebooks/"
	@echo "make test  - install everything, then run every test"

# ---------------------------------------------------------------- set-up
setup: $(STAMPS)/venv $(STAMPS)/npm $(STAMPS)/kernel-lib $(STAMPS)/labextension $(STAMPS)/tslab-kernel $(STAMPS)/chromium

$(STAMPS)/venv: requirements-dev.txt gpu/requirements.txt
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -r gpu/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e gpu
	touch $@

$(STAMPS)/npm: package-lock.json package.json kernel-lib/package.json extension/package.json .npmrc
	@mkdir -p $(STAMPS)
	$(NPM) ci
	touch $@

$(STAMPS)/kernel-lib: $(STAMPS)/npm $(KERNEL_SOURCES) $(SCHEMA_SOURCES)
	$(NPM) run build -w @alpha-factory/kernel
	touch $@

$(STAMPS)/labextension: $(STAMPS)/npm $(STAMPS)/venv $(EXT_SOURCES) $(wildcard alpha_factory_lab/*.py) $(shell find jupyter-config -type f 2>/dev/null) pyproject.toml
	PYTHON=$(PY) $(NPM) run build -w @alpha-factory/jupyterlab
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	touch $@

# The TypeScript kernel, registered into the venv with an absolute binary path. Notebooks in
# notebooks/ resolve @alpha-factory/kernel through the workspace link in node_modules/.
$(STAMPS)/tslab-kernel: $(STAMPS)/npm $(STAMPS)/venv
	$(ROOT)/node_modules/.bin/tslab install --python=$(PY) --binary=$(ROOT)/node_modules/.bin/tslab --prefix=$(VENV)
	touch $@

# Headless Chromium for the browser tests: Debian's package, never a downloaded browser.
$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	touch $@

build: setup

# ---------------------------------------------------------------- use
lab: setup
	cd notebooks && $(VENV)/bin/jupyter lab $(ROOTFLAG) --ServerApp.root_dir=$(ROOT)/notebooks

# ---------------------------------------------------------------- tests
test: setup typecheck lint unit gpu-tests server-tests wheel-test notebooks browser
	@echo "make test: all suites passed"

typecheck: $(STAMPS)/npm
	$(NPM) run typecheck

lint: $(STAMPS)/npm
	$(NPM) run lint

unit: $(STAMPS)/kernel-lib
	$(NPM) run test:unit

gpu-tests: $(STAMPS)/venv $(STAMPS)/kernel-lib
	cd gpu && $(PY) -m pytest -q -p no:cacheprovider tests

# the Jupyter server extension (alpha_factory_lab/ray_proxy.py) against a real Ray head and jupyter server
server-tests: $(STAMPS)/venv
	$(PY) -m pytest -q -p no:cacheprovider test/python

wheel-test: $(STAMPS)/labextension
	AF_PYTHON=$(PY) node --test test/wheel.test.mjs

notebooks: setup
	@mkdir -p $(OUT)
	AF_PYTHON=$(PY) AF_TEST_OUTPUT=$(OUT) node --test test/notebooks.test.mjs

browser: setup
	@mkdir -p $(OUT)
	AF_PYTHON=$(PY) AF_TEST_OUTPUT=$(OUT) node --test test/browser.test.mjs
	AF_PYTHON=$(PY) AF_TEST_OUTPUT=$(OUT) node --test test/panels.browser.test.mjs
	AF_PYTHON=$(PY) AF_TEST_OUTPUT=$(OUT) node --test test/ray-panel.browser.test.mjs

wheel: setup
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

# ---------------------------------------------------------------- reference fixtures (optional)
# The peer libraries (arch, PyPortfolioOpt, empyrical, hmmlearn, pandas) that computed the
# committed fixture JSON. CI does not need them; regenerate with `make fixtures`.
ref-venv: $(ROOT)/.venv-ref/bin/python
$(ROOT)/.venv-ref/bin/python: scripts/requirements-ref.txt
	test -x $@ || $(PYTHON3) -m venv $(ROOT)/.venv-ref
	$(ROOT)/.venv-ref/bin/pip install --quiet -r scripts/requirements-ref.txt
	touch $@

fixtures: ref-venv
	for s in scripts/fixtures/*.py; do echo "== $$s"; $(ROOT)/.venv-ref/bin/python $$s; done

clean:
	rm -rf $(STAMPS) $(OUT) kernel-lib/lib kernel-lib/build extension/lib alpha_factory_lab/labextension dist
