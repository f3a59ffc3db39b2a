# 整改公开 — short aliases over the `rectify` command (see README.md); `rectify` alone does the work.
# Every target creates .venv on first use and installs the pinned dependencies.

PYTHON ?= python3
# The engine that builds the site: mkdocs, or properdocs (a maintained MkDocs 1.x; see README).
ENGINE ?= mkdocs
export RECTIFY_ENGINE := $(ENGINE)
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The test tools (axe-core, vnu-jar), pinned in package-lock.json; the site itself needs no Node.
NODE_STAMP := node_modules/.installed
SITE   := site

.PHONY: site sharded serve test check lint lock bundle publish pdf fonts clean bench offline

$(STAMP): requirements.lock pyproject.toml setup.py
	@echo "正在安装固定版本的依赖（到 $(VENV)，只在第一次或依赖改变时）……"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

## site: build the public site into site/ (a failed build keeps the previous site/)
site: $(STAMP)
	@$(BIN)/rectify site --out "$(SITE)"

## sharded: the same site/ built in shards, one per year (rectify site --shard, into shards/<year>/), as many at once
## as make -j says (make -j2 sharded), then joined (rectify site --join); README, 分片生成
sharded: $(STAMP)
	@keys="$$($(BIN)/rectify site --list-shards)" && $(MAKE) --no-print-directory $$(printf 'shard-%s ' $$keys)
	@$(BIN)/rectify site --join --out "$(SITE)"

shard-%: $(STAMP)
	@$(BIN)/rectify site --shard $*

## serve: preview on http://127.0.0.1:8000/; a saved edit of the data shows in the browser, a data error too
## (rectify serve; with ENGINE=properdocs, ProperDocs' copy of the same server)
serve: $(STAMP)
	@$(BIN)/rectify serve

## bundle: the offline site as dist/<notice>-offline-<date>.zip, with SHA256SUMS
bundle: $(STAMP)
	@$(BIN)/rectify bundle --out dist

## publish: dist/<notice>-publish-<date>.zip for the portal (site built for site_url, 上传说明.txt, SHA256SUMS)
publish: $(STAMP)
	@$(BIN)/rectify publish --out dist $(if $(SITE_URL),--site-url "$(SITE_URL)")

## pdf: dist/<notice>-notice.pdf (GB/T 9704 layout) and dist/<notice>-complete.pdf, printed by Chromium
pdf: $(STAMP)
	@$(BIN)/rectify fonts || echo "（打印用字体没有装好，PDF 用本机已有的字体排版）" >&2
	@$(BIN)/rectify pdf --out dist

## fonts: the print fonts (Fandol from Debian's texlive-lang-chinese, pinned and checked, converted to
## TrueType once into ~/.cache/rectify/fonts; a second run returns at once)
fonts: $(STAMP)
	@$(BIN)/rectify fonts

## check: validate the data and print a summary
check: $(STAMP)
	@$(BIN)/rectify check data

## lint: ruff, and import-linter for the layer rule of hooks/rectify/ (pyproject.toml [tool.importlinter])
lint: $(STAMP)
	$(BIN)/ruff check hooks tests tools
	$(BIN)/ruff format --check hooks tests tools
	$(BIN)/lint-imports --no-cache

## test: lint, then every test
## (npm ci for the test tools only when npm is there: without it those tests skip, and the run ends by
## naming each missing tool and the command that installs it)
test: lint
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); fi
	$(BIN)/pytest

## bench: build speed, scale, page weight, rectify serve's edit → page latency, and peak memory of rectify import on
## the inputs the size limits refuse (tools/benchmark.py, tools/bench_limits.py; about 15 minutes, QUICK=1 under 3)
## SCALES=1,10,50,200,1000 adds 1,000 notices (about an hour in all); NO_PROFILE=1 skips the profiled and timed builds
bench: $(STAMP)
	$(BIN)/python tools/benchmark.py $(if $(QUICK),--quick) $(if $(SCALES),--scales $(SCALES)) $(if $(NO_PROFILE),--no-profile)

## offline: dist/rectify-offline-<version>.zip, the install package for offices without internet: every wheel for
## Linux x86_64/aarch64 and Windows amd64 on Python 3.10-3.13, installers, 安装说明.txt (needs PyPI; about 6 minutes)
offline: $(STAMP)
	@$(BIN)/python tools/offline_package.py --out dist

## lock: re-pin dependencies after editing pyproject.toml (one universal lock for Python 3.10-3.13)
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --universal --python-version 3.10 --generate-hashes --extra dev \
		--no-header --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules dist $(SITE) $(SITE).new $(SITE).old shards .pytest_cache .ruff_cache
