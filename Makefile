# Circles — two commands do everything: `make run` and `make test`.
# Both create the virtualenv, install, migrate and load the sample directory when needed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5000
FLASK := CIRCLES_ENV=$${CIRCLES_ENV:-development} $(BIN)/flask --app directory

.PHONY: run test install db lint bench clean translations extract-messages

run: db
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: db
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The interface's languages: compile each catalog (translations/*/LC_MESSAGES/messages.po)
# to the .mo the app reads. Build output, not committed.
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
translations: $(CATALOGS:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

# For translators: collect the messages from the code and templates, then merge them into
# each language's catalog (new messages arrive untranslated; tests fail until translated).
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k pgettext:1c,2 --sort-output --ignore-dirs=".* .venv" \
	    -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching \
	    --ignore-obsolete

# Migrate the local database and load the sample directory if it has no groups yet.
db: install translations
	$(FLASK) init-db
	$(FLASK) seed --if-empty

lint: install
	$(BIN)/ruff check .

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis
