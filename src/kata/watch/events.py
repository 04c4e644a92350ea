"""Everything `kata watch` reacts to, as one event type on one queue.

File events (from watchdog's thread), key presses (from the terminal
reader's thread), finished checks (from the runner's waiter threads) and
watcher failures all arrive here, so the loop handles them one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
class WatcherFailed:
    reason: str


Event = FileChanged | KeyPressed | RunFinished | WatcherFailed
