# 整改公开 — the make targets are the interface (see README.md).
# Every target creates .venv on first use and installs the pinned dependencies.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := site

.PHONY: site serve test check lint lock clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

## site: build the public site into site/ (a failed build keeps the previous site/)
site: $(STAMP)
	@rm -rf $(SITE).new
	$(BIN)/mkdocs build --strict --quiet --site-dir $(SITE).new
	@rm -rf $(SITE).old; if [ -d $(SITE) ]; then mv $(SITE) $(SITE).old; fi
	@mv $(SITE).new $(SITE) && rm -rf $(SITE).old
	@echo "网站已生成：$(CURDIR)/$(SITE)/index.html"

## serve: live preview on http://127.0.0.1:8000/ (rebuilds when data/ changes)
serve: $(STAMP)
	$(BIN)/mkdocs serve

## check: validate the data and print a summary
check: $(STAMP)
	$(BIN)/rectify check data

## lint: ruff
lint: $(STAMP)
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests

## test: lint, then every test
test: lint
	$(BIN)/pytest

## lock: re-pin dependencies after editing pyproject.toml
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(SITE) $(SITE).new $(SITE).old .pytest_cache .ruff_cache
