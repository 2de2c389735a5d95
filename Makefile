# servicelab — two commands on a fresh machine: `make lab` and `make test`.
# Everything is installed into .venv from the pinned set in constraints.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.servicelab-installed
PORT   ?= 8866
# JupyterLab's own menus in another language: `make lab LAB_LANG=zh_CN` (data/jupyterlab/README.md)
LAB_LANG ?=
LAB_SETTINGS = $(VENV)/share/jupyter/lab/settings-$(LAB_LANG)
# axe-core (npm) for tests/browser/test_accessibility.py: exact version pinned in this file,
# installed into the git-ignored .cache/axe-core without a lock file (the test does it too).
AXE_VERSION = $(shell cat tests/browser/axe-core.version)
# configurable-http-proxy (npm), JupyterHub's proxy, for tests/deploy/test_jupyterhub.py: same way, into .cache/
CHP_VERSION = $(shell cat deploy/jupyterhub/configurable-http-proxy.version)
# mathjax-full (npm), MathJax 3 in Node, draws the handouts' formulas as SVG at build time: same way, into .cache/
MATHJAX_VERSION = $(shell cat lib/servicelab/handouts/mathjax-full.version)


.PHONY: setup lab test test-fast demo bench clean help axe-core handouts site class configurable-http-proxy mathjax

help:
	@echo "make lab    - set up .venv (first time) and open JupyterLab on notebooks/00_start_here.ipynb (LAB_LANG=zh_CN: JupyterLab in Chinese)"
	@echo "make test   - set up .venv and run the whole test suite"
	@echo "make demo   - serve the notebooks with Voila on 127.0.0.1:$(PORT), code hidden (prints and opens the instructor's start page)"
	@echo "make bench  - run the benchmarks (table + JSON in bench/results/)"
	@echo "make handouts - every chapter executed in zh and en: static HTML + PDF in build/handouts/ (formulas: run make mathjax once)"
	@echo "make site  - build/site/: the handouts and an index page per language (a static course site)"
	@echo "make class  - class mode server for students' phones (CLASS_ARGS=--network for the room's Wi-Fi)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "servicelab needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP)

lab: $(STAMP)
	$(if $(LAB_LANG),mkdir -p $(LAB_SETTINGS) && cp data/jupyterlab/$(LAB_LANG)/overrides.json $(LAB_SETTINGS)/,)
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb $(if $(LAB_LANG),--LabApp.app_settings_dir=$(LAB_SETTINGS),) $(if $(filter 0,$(shell id -u)),--allow-root,)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not notebook" $(PYTEST_ARGS)

demo: $(STAMP)
	$(BIN)/python -m servicelab.demo notebooks --port=$(PORT) $(DEMO_ARGS)

class: $(STAMP)
	$(BIN)/python -m servicelab.classroom $(CLASS_ARGS)

axe-core:
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix .cache/axe-core axe-core@$(AXE_VERSION)

# Handouts and a course site (servicelab.handouts): HTML + PDF per chapter and language, offline.
handouts: $(STAMP)
	@test -f .cache/mathjax-full/node_modules/mathjax-full/package.json || $(MAKE) mathjax || echo "handouts: mathjax-full could not be installed: formulas keep their TeX source"
	$(BIN)/python -m servicelab.handouts handouts --out build/handouts $(HANDOUTS_ARGS)

site: $(STAMP)
	@test -f build/handouts/index.html || $(MAKE) handouts
	$(BIN)/python -m servicelab.handouts site --handouts build/handouts --out build/site
configurable-http-proxy:
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix .cache/configurable-http-proxy configurable-http-proxy@$(CHP_VERSION)
mathjax:
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix .cache/mathjax-full mathjax-full@$(MATHJAX_VERSION)

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts bench/results .cache/axe-core .cache/configurable-http-proxy .cache/mathjax-full build/handouts build/executed build/site
