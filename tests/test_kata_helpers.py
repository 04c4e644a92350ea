"""A small throw-away workspace for the `kata` tool's tests (no tests here: shared helpers).

The tests build their own two-kata curriculum instead of using katas/, so they
do not depend on the curriculum as it grows.
"""

from __future__ import annotations

import functools
import io
import subprocess
import textwrap
from pathlib import Path

from rich.console import Console

from kata import manifest
from kata.engine.preload import warm
from kata.state import AppState

PYPROJECT = """\
[project]
name = "tiny-katas"
version = "0.0.0"

[tool.pytest.ini_options]
addopts = [
    "-p", "no:cacheprovider",
    "--disable-plugin-autoload", "-p", "kata.engine.pytest_plugin", "-p", "pytest_timeout", "-p", "_hypothesis_pytestplugin",
]
timeout = {timeout}
filterwarnings = ["error"]
markers = ["task(taskno): the README task"]
"""

ADDER_README = """\
# Adder

**Goal:** add two numbers.
**Kind:** implement

## 1. Add

```python
>>> add(1, 2)
3
```

## Hints

<details><summary>Hint 1</summary>

Use the `+` operator.

</details>

<details><summary>Hint 2</summary>

`return a + b`

</details>
"""

ADDER_STARTER = '''\
"""Add numbers."""


def add(a: int, b: int) -> int:
    """Return a + b."""
    raise NotImplementedError("add: write me (task 1)")
'''
ADDER_SOLUTION = ADDER_STARTER.replace('raise NotImplementedError("add: write me (task 1)")', "return a + b")
ADDER_WRONG = ADDER_STARTER.replace('raise NotImplementedError("add: write me (task 1)")', "return a - b")
ADDER_TESTS = '''\
"""Tests of the adder kata."""
import pytest
from adder import add


@pytest.mark.task(taskno=1)
def test_adds_small_numbers():
    assert add(1, 2) == 3, "add(1, 2) should be 3: use +"


@pytest.mark.task(taskno=1)
def test_adds_negative_numbers():
    assert add(-1, -2) == -3, "add(-1, -2) should be -3"
'''

GREETER_README = ADDER_README.replace("# Adder", "# Greeter").replace("add two numbers", "greet")
GREETER_STARTER = """\
def greet(name: str) -> str:
    raise NotImplementedError("greet: write me (task 1)")
"""
GREETER_SOLUTION = 'def greet(name: str) -> str:\n    return f"Hello, {name}!"\n'
GREETER_TESTS = """\
from greeter import greet


def test_greets_by_name():
    assert greet("Ada") == "Hello, Ada!", "greet('Ada') should be 'Hello, Ada!'"
"""

ADDER = "katas/01_basics/01_adder"
GREETER = "katas/01_basics/02_greeter"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_workspace(root: Path, *, git: bool = True, timeout: float = 10) -> Path:
    """Two katas (adder, greeter) with solutions, committed to git unless told otherwise."""
    write(root / "pyproject.toml", PYPROJECT.format(timeout=timeout))
    write(root / "katas/01_basics/README.md", "# Basics\n")
    for folder, slug, readme, starter, solution, tests in (
        (ADDER, "adder", ADDER_README, ADDER_STARTER, ADDER_SOLUTION, ADDER_TESTS),
        (GREETER, "greeter", GREETER_README, GREETER_STARTER, GREETER_SOLUTION, GREETER_TESTS),
    ):
        write(root / folder / "README.md", readme)
        write(root / folder / f"{slug}.py", starter)
        write(root / folder / f"test_{slug}.py", tests)
        write(root / "solutions" / folder / f"{slug}.py", solution)
    manifest.write(root)
    if git:
        commands = [
            ["git", "init", "-q"],
            ["git", "add", "-A"],
            ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "starters"],
        ]
        for command in commands:
            subprocess.run(command, cwd=root, check=True, capture_output=True)
    return root


@functools.cache
def warm_test_process() -> None:
    """Import once what a check's child would otherwise import on every failure (pytest itself is loaded)."""
    warm(("pytest", "hypothesis.extra._patching"))


def app_state(root: Path) -> tuple[AppState, io.StringIO]:
    """An AppState printing to a string (no colours, wide lines); checks fork from this warm test process."""
    warm_test_process()
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, force_terminal=False)
    return AppState.load(root.resolve(), console), out
