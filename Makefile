# The README's commands: `make watch` and `make progress` for learners, `make test` (the workspace's
# self-check) and `make lint` for whoever changes the workspace. Every target works from a fresh terminal:
# everything installs from uv.lock with a pinned uv bootstrapped into .tools/, and runs from .venv/.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv

.PHONY: install watch progress ptw test hunt lint

install: $(VENV)/.synced

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	UV_PYTHON_DOWNLOADS=never $(UV) sync --locked --compile-bytecode --python $(PYTHON)
	touch $@

watch: install
	$(VENV)/bin/kata watch

progress: install
	$(VENV)/bin/kata list

ptw: install
	$(VENV)/bin/ptw

test: install
	$(VENV)/bin/pytest -n auto -q --durations=5

# The self-check draws hypothesis's examples from a fixed seed; this hunts with fresh seeds, HUNT_ROUNDS times
# over every exercise run (references, starters, wrong answers, alternatives). A failure names its seed.
HUNT_ROUNDS ?= 5
hunt: install
	for round in $$(seq $(HUNT_ROUNDS)); do \
	  echo "== hunt round $$round of $(HUNT_ROUNDS)"; \
	  KATA_HYPOTHESIS_SEED=random $(VENV)/bin/pytest -n auto -q tests/test_exercises.py tests/test_gallery.py || exit 1; \
	done

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python tools/typecheck.py
