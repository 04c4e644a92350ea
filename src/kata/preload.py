"""What the warm parent imports before it forks children: pytest, its plugins and the katas' frameworks.

Never the learner's code. A child forked from a parent that has imported a module
finds it loaded; anything else the child compiles from source, since it reads no
cached bytecode. So the parent also learns, after each run, which library
modules the child had to import, and imports them itself (`Runner.learn`).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import warnings

FRAMEWORKS = (
    "pytest",
    "kata.locate",
    "_pytest.pytester",
    "faulthandler",
    "multiprocessing",
    "packaging.version",
    "encodings.unicode_escape",
    "xdist.newhooks",
    "hypothesis",
    "hypothesis.strategies",
    "hypothesis.extra._patching",  # imported on the first failing property; pulls in libcst
    "flask",
    "flask.testing",
    "flask_sqlalchemy",
    "werkzeug.test",
    "jinja2",
    "fastapi",
    "fastapi.testclient",
    "starlette.testclient",
    "pydantic",
    "httpx",
    "anyio",
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlite3",
    "asyncio",
    "json",
    "dataclasses",
)
"""Imported by the warm parent when installed; a child then finds them already loaded."""


def plugin_modules() -> list[str]:
    """The modules of the installed pytest plugins (the `pytest11` entry points)."""
    return sorted({entry.module for entry in importlib.metadata.entry_points(group="pytest11")})


def _prime_hypothesis() -> None:
    """Let hypothesis scan the modules loaded so far for constants once, here, instead of in every child."""
    try:
        from hypothesis.internal.conjecture.providers import _get_local_constants
    except ImportError:
        return
    _get_local_constants()


def builtin_plugins() -> list[str]:
    """pytest's own plugin modules, which it imports at the start of every session."""
    from _pytest.config import default_plugins

    return [f"_pytest.{name}" for name in default_plugins]


def warm(modules: tuple[str, ...] = FRAMEWORKS, *, plugins: bool = True) -> list[str]:
    """Import pytest, its plugins and the frameworks the katas use; return the names that imported."""
    loaded = []
    extra = [*builtin_plugins(), *plugin_modules()] if plugins else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in (*modules, *extra):
            try:
                importlib.import_module(name)
            except Exception:  # a broken optional package must not stop the tool
                continue
            loaded.append(name)
        _prime_hypothesis()
    return loaded
