"""What the warm parent imports before it forks children: pytest, its plugins and the katas' frameworks.

Never the learner's code. A child forked from a parent that has imported a module
finds it loaded; anything else the child has to import itself. So the parent also
learns, after each run, which library modules the child had to import, and imports
them itself (`Runner.learn`).
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import json
import sys
import sysconfig
import warnings
from pathlib import Path

LEARNED = ".kata/preload.json"

FRAMEWORKS = (
    "pytest",
    "kata.engine.locate",
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


GLOBAL_SIDE_EFFECTS = ("schemathesis",)
"""Packages whose import changes other libraries for the whole process: schemathesis swaps hypothesis's printer for
one that prints nothing, so a falsifying example would read `seconds=,`. A kata that uses one imports it itself;
the warm parent never does, so no other check inherits the change."""


def preloadable(name: str) -> bool:
    return not any(name == package or name.startswith(f"{package}.") for package in GLOBAL_SIDE_EFFECTS)


def plugin_modules() -> list[str]:
    """The modules of the installed pytest plugins (the `pytest11` entry points), except those in
    GLOBAL_SIDE_EFFECTS."""
    modules = {entry.module for entry in importlib.metadata.entry_points(group="pytest11")}
    return sorted(name for name in modules if preloadable(name))


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


def remembered(root: Path) -> tuple[str, ...]:
    """The library modules earlier runs in this workspace had to import (kept in `.kata/preload.json`)."""
    try:
        names = json.loads((root / LEARNED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(str(name) for name in names if preloadable(str(name))) if isinstance(names, list) else ()


def remember(root: Path, names: tuple[str, ...]) -> None:
    path = root / LEARNED
    known = set(remembered(root))
    if known.issuperset(names):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(known.union(names)), indent=1), encoding="utf-8")


def warm_workspace(root: Path) -> list[str]:
    """Everything worth having loaded before the first check in this workspace."""
    return warm((*FRAMEWORKS, *remembered(root)))


def imports_in(files: list[Path]) -> list[str]:
    """The absolute module names the files import (read with `ast`, never run)."""
    names: set[str] = set()
    for path in files:
        try:
            tree = ast.parse(path.read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(names)


def _library_top(name: str, root: Path) -> bool:
    """Is `name`'s top-level package found in Python's library or site-packages (not in the workspace)?"""
    top = name.split(".", maxsplit=1)[0]
    if top in sys.modules:
        return True
    try:
        spec = importlib.util.find_spec(top)  # a top-level name: finds, never runs
    except (ImportError, ValueError):
        return False
    origin = spec.origin if spec is not None else None
    if not origin or origin in ("built-in", "frozen"):
        return spec is not None
    path = Path(origin).resolve()
    libraries = {Path(sysconfig.get_path(key)).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    return root.resolve() not in path.parents and any(library in path.parents for library in libraries)


def warm_for(files: list[Path], root: Path) -> list[str]:
    """Import, here in the warm parent, the libraries that `files` (an exercise's tests, conftests and starter)
    import, so the first check after moving to that exercise does not pay for them. The learner's own modules are
    never imported: only names whose top-level package lives in the standard library or site-packages."""
    from kata.engine.child import NEVER_PRELOAD

    wanted = [
        name
        for name in imports_in(files)
        if name not in sys.modules and preloadable(name) and name.split(".")[0] not in NEVER_PRELOAD
    ]
    return warm(tuple(name for name in wanted if _library_top(name, root)), plugins=False)
