"""Everything `kata watch` reacts to, as one event type on one queue.

File events (from watchdog's thread), key presses (from the terminal
reader's thread), each test's result and finished checks (from the runner's
reader and waiter threads) and watcher failures all arrive here, so the loop handles them one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

IGNORED_PARTS = frozenset({"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache", ".kata"})
IGNORED_SUFFIXES = (".pyc", ".db", ".sqlite", ".sqlite3", ".log", ".swp", ".swx", ".tmp", "~", "-journal")


def relevant(path: Path) -> bool:
    """Is this a file whose change can change a result (not a cache, a database or an editor's temp file)?"""
    name = path.name
    if IGNORED_PARTS.intersection(path.parts) or name.startswith(".#") or name == "4913":
        return False
    return not name.endswith(IGNORED_SUFFIXES)


@dataclass(frozen=True)
class FileChanged:
    path: Path


@dataclass(frozen=True)
class KeyPressed:
    key: str


@dataclass(frozen=True)
class RunFinished:
    run_id: int


@dataclass(frozen=True)
class TestReported:
    """One test of run `run_id` ended; `report` is what the child streamed (see `kata.engine.stream`)."""

    __test__ = False  # not a pytest test class, whatever its name

    run_id: int
    report: dict[str, Any]


@dataclass(frozen=True)
class WatcherFailed:
    reason: str


Event = FileChanged | KeyPressed | RunFinished | TestReported | WatcherFailed
