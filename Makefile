# Two commands for a newcomer: `make lab` and `make test`. Each bootstraps .venv from
# pyproject.toml on first use (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The networks here are small: one BLAS thread is faster than two fighting over a shared 2-core
# machine, and it keeps timings steady. Override on the command line if you like.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: lab test lint unit notebooks bench app e2e screenshots venv clean

# The browser end-to-end tests (tests/e2e) drive Debian's Chromium; without it they are skipped.
CHROMIUM := /usr/bin/chromium
APP_PORT ?= 8866
APP_FLAGS ?=

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dlnotes needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $$(test "$$(id -u)" = 0 && echo --allow-root)

# Lint, then every test in one pytest run: unit and property tests, doctests, nbval on the
# notebooks (lax mode: only cells marked NBVAL_CHECK_OUTPUT have their outputs compared), and the
# browser end-to-end tests when Chromium is installed (-rs lists every skip with its reason).
test: $(STAMP) lint
	@test -x $(CHROMIUM) || echo "make test: $(CHROMIUM) not found: the browser end-to-end tests (tests/e2e) will be SKIPPED; install it with: apt-get install -y chromium"
	$(BIN)/python -m pytest -rs

# Only the browser end-to-end tests: JupyterLab and the Voila app in headless Chromium.
e2e: $(STAMP)
	$(BIN)/python -m pytest -rs tests/e2e

# The browser tests again, keeping their screenshots for the README in docs/screenshots/.
screenshots: $(STAMP)
	DLNOTES_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -rs tests/e2e

# The explorers alone, as a dashboard page without code (Voila), on http://127.0.0.1:$(APP_PORT)/
# (e.g. `make app APP_PORT=8900 APP_FLAGS=--no-browser` on a machine without a screen).
# The page uses the app's own Voila template (app/share/jupyter/voila/templates/dlnotes): it
# asks no other machine for anything, so it works offline (tests/e2e/test_app.py checks it).
app: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/app/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH} $(BIN)/voila app/dashboard.ipynb --template=dlnotes \
		--Voila.ip=127.0.0.1 --port=$(APP_PORT) $(APP_FLAGS)

# ruff on the code; actionlint on .github/workflows/ (the CI workflow for forks, which cannot run
# here).
lint: $(STAMP)
	$(BIN)/ruff check dlnotes tests benchmarks
	$(BIN)/actionlint

# Re-execute every notebook in place so that the stored outputs match the package.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=300 notebooks/*.ipynb notebooks/exercises/*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info
