# Đôn đốc: `make run` serves the embedded default, `make test` runs ruff and the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test setup lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the lock files change. requirements-dev.txt is requirements.txt (what production
# installs) plus the tests, lint and browser tests.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Bootstrap's CSS trimmed to the classes the templates, forms and scripts use (purgecss.config.cjs); rebuilt when
# one of them changes.
CSS_SOURCES := $(shell find templates static/js agencies directives tasks reports api config -name '*.html' -o -name '*.js' -o -name '*.py' 2>/dev/null)
build/bootstrap/bootstrap.min.css: purgecss.config.cjs $(CSS_SOURCES) node_modules/.installed $(VENV)/.installed
	node_modules/.bin/purgecss --config purgecss.config.cjs

setup: $(VENV)/.installed node_modules/.installed build/bootstrap/bootstrap.min.css
	$(BIN)/python manage.py compile_translations

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed --demo
	bin/run-local

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf var/staticfiles var/test-media build
