# Everything a fresh clone needs: Python 3 and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test bench install clean help browser readme

help:
	@echo "make run    create .venv, install, ingest the bundled seeds, print the chronology"
	@echo "make test   create .venv, install with test extras, run the whole suite (on SQLite and on a PostgreSQL 16 server it starts)"
	@echo "make bench  run the benchmarks and print their figures"
	@echo "make readme rewrite the outputs of the console examples in README.md and docs/ from real runs"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/timeline ingest
	$(BIN)/timeline list

# Best effort: the HTML export's browser test needs Debian's chromium. Installed when
# apt-get can be used (as root); otherwise that test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "note: could not install chromium; the browser test will skip"; \
	  else echo "note: chromium not installed (needs apt-get as root); the browser test will skip"; fi; }

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q

readme: $(VENV)/.installed
	$(BIN)/python -m tests.readme_examples --update

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
