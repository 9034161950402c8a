# Everything runs inside .venv, which `make install` creates; no other setup is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := $(notdir $(wildcard examples/reviews/*))
SIGN_OFF := Eastmoor comms team (example)
# Each document's PDF is printed by Debian's Chromium. Without it, preview the site without the
# PDF downloads rather than fail (CI installs Chromium, so published builds always have them).
CHROMIUM := $(wildcard /usr/bin/chromium)
PDF_ENV := $(if $(CHROMIUM),,REVIEWS_SKIP_PDF=1)

.PHONY: install serve build publish-examples rescan-examples test lint format bench clean lock

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## The main job: anonymise the example drafts, build the site and serve it on 127.0.0.1:8000.
serve: build
	$(PDF_ENV) $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

## The static site, in site/.
build: publish-examples
	@$(if $(CHROMIUM),,echo "Chromium is not installed (apt-get install chromium): building without PDFs.")
	$(PDF_ENV) $(BIN)/mkdocs build --strict

## Copy the example drafts into reports/*/source/ (git-ignored) and apply the committed
## decisions, which rewrites reports/*/*.md exactly as committed.
publish-examples: install
	@for slug in $(EXAMPLES); do \
		mkdir -p reports/$$slug/source && cp examples/reviews/$$slug/source/* reports/$$slug/source/; \
	done
	$(BIN)/anonymiser apply --by "$(SIGN_OFF)" $(addprefix reports/,$(EXAMPLES))

## For maintainers, after a detector change: rescan the examples and accept new suggestions.
rescan-examples: install
	@for slug in $(EXAMPLES); do \
		mkdir -p reports/$$slug/source && cp examples/reviews/$$slug/source/* reports/$$slug/source/; \
	done
	$(BIN)/anonymiser scan $(addprefix reports/,$(EXAMPLES))
	@for slug in $(EXAMPLES); do \
		$(BIN)/anonymiser review --accept-all --by "$(SIGN_OFF)" reports/$$slug; \
	done
	$(BIN)/anonymiser apply --by "$(SIGN_OFF)" $(addprefix reports/,$(EXAMPLES))

test: install lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/detect.py
	$(BIN)/python bench/scan.py
	$(BIN)/python bench/site_build.py
	$(BIN)/python bench/check.py

## requirements/ci.txt: what the publish workflow installs, every version pinned and every file
## hashed (pip --require-hashes), for CPython 3.11 on Linux. Run after changing the
## dependencies in pyproject.toml and commit the result; pinned versions stay unless they no
## longer fit, or UPGRADE=1 is given. uv runs from a throwaway virtualenv, not the project's.
LOCK_VENV ?= /tmp/anonymiser-lock-venv
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml requirements/ci.in --generate-hashes \
		--python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
		$(if $(UPGRADE),--upgrade) --output-file requirements/ci.txt

clean:
	rm -rf site .pytest_cache .ruff_cache
