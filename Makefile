# One task entry point for the README and .ci/run.
#   make lab   - set up .venv if needed, start JupyterLab on the course with the offline assistant
#   make test  - set up .venv if needed, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.aiwork-installed

.PHONY: setup lab test lint bench clean-runtime

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(VENV)/bin/aiwork setup-lab
	@touch $(STAMP)

setup: $(STAMP)

lab: setup
	$(VENV)/bin/aiwork lab

# Every Python file we ship or run: the toolkit, graders, tests, benchmarks, deployment, configs.
LINT_PATHS := aiwork graders tests bench deploy assignments/nbgrader_config.py nbgrader_config.py

test: setup lint
	$(PY) -m pytest -q

lint: setup
	$(PY) -m ruff check $(LINT_PATHS)
	$(PY) -m ruff format --check $(LINT_PATHS)

bench: setup
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean-runtime:
	rm -rf assignments/release assignments/submitted assignments/autograded assignments/feedback assignments/gradebook.db
