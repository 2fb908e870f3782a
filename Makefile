# Podium: `make run` serves the demo on http://127.0.0.1:5000, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := app

.PHONY: run test install translations migrate lint-imports bench bench-registration bench-brackets extract-messages clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

translations: install
	$(BIN)/pybabel compile --use-fuzzy -d translations -D messages 2>&1 | grep -v '^compiling' || true

migrate: install
	$(BIN)/flask db upgrade

run: translations migrate
	$(BIN)/flask load-demo --if-empty
	PODIUM_SCHEDULER=1 $(BIN)/flask run --host $(HOST) --port $(PORT) --no-reload

test: translations
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: translations
	$(BIN)/python bench/web.py

bench-registration: translations
	$(BIN)/python bench/registration.py

bench-brackets: translations
	$(BIN)/python bench/brackets.py

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -l zh --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance/podium.db*
