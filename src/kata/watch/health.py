"""Noticing saves that produced no file event: inotify inside containers, bind mounts and WSL can miss them."""

from __future__ import annotations

import time
from pathlib import Path

EVENT_GRACE = 1.0
"""Seconds a file event may take to arrive before its absence counts as a missed event."""


def mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


class SaveWitness:
    """Remembers when the current kata's files last changed, as told by file events."""

    def __init__(self, files: list[Path]) -> None:
        self.mtimes = {path: mtime(path) for path in files}

    def saw(self, path: Path) -> None:
        """A file event arrived for `path`."""
        if path in self.mtimes:
            self.mtimes[path] = mtime(path)

    def missed(self) -> list[Path]:
        """Files changed (a while ago) although no event said so; each is reported once."""
        settled = time.time() - EVENT_GRACE
        now = {path: mtime(path) for path in self.mtimes}
        silent = [path for path, stamp in now.items() if stamp != self.mtimes[path] and stamp < settled]
        self.mtimes.update({path: now[path] for path in silent})
        return silent
