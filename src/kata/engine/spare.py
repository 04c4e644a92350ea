"""A spare child: forked ahead of the next save, it has done pytest's start-up and waits at collection.

Every check repeats the same start-up before it touches the learner's code: pytest
builds its configuration, registers its plugins, reads pyproject.toml, imports the
topic's conftest.py, configures hypothesis and pytest-timeout, starts the session.
A spare child does all of that while the learner types; the `Gate` plugin then
holds it at the start of collection, where the learner's files are first imported,
until the parent sends `go` (the save came, and the job is the one it was forked for).

Whatever it imported from the exercises (a conftest.py, and what that imports) was
read before the save: the gate compares those files with their state before
pytest started and answers `stale` if any changed, or if a conftest.py appeared or
disappeared. The parent then forks a fresh child instead. Otherwise it answers
`ready`, deletes the exercise's cached bytecode and lets collection begin.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kata.engine.pytest_plugin import RESULTS_KEY

GO = b"go\n"
READY = b"ready\n"
STALE = b"stale\n"

Snapshot = dict[str, tuple[int, int] | None]


def watched_files(root: Path, folder: Path) -> list[Path]:
    """What a spare may have read before the save: pyproject.toml, the conftest.py files from the exercise's folder
    up to the root (present or not), and every Python file of the exercise."""
    files = [root / "pyproject.toml"]
    for parent in (folder, *folder.parents):
        files.append(parent / "conftest.py")
        if parent == root:
            break
    files += sorted(folder.rglob("*.py")) if folder.is_dir() else []
    return files


def snapshot(files: list[Path]) -> Snapshot:
    """Each file's (modification time in ns, size), or None where there is none."""
    found: Snapshot = {}
    for path in files:
        try:
            status = path.stat()
        except OSError:
            found[str(path)] = None
            continue
        found[str(path)] = (status.st_mtime_ns, status.st_size)
    return found


def imported_from(homes: list[Path], before: set[str]) -> list[str]:
    """The files of the modules imported since `before` that live under one of `homes` (the exercises)."""
    found = []
    for name in set(sys.modules) - before:
        origin = getattr(sys.modules.get(name), "__file__", None)
        if origin and any(str(origin).startswith(f"{home}{os.sep}") for home in homes):
            found.append(str(Path(origin)))
    return found


class Gate:
    """Holds the session at the start of collection until the parent says `go`; answers `stale` when what the
    start-up read has changed since (the parent then forks a fresh child)."""

    def __init__(self, channel: socket.socket, root: Path, folder: Path, forget: Callable[[], None]) -> None:
        self.channel = channel
        self.root = root
        self.files = watched_files(root, folder)
        self.before = snapshot(self.files)
        self.loaded = set(sys.modules)
        self.forget = forget

    def fresh(self) -> bool:
        """Is everything the start-up read unchanged: pyproject.toml, the conftest.py files (none came or went)
        and every exercise file it imported? (The learner's other files are read after the gate.)"""
        homes = [self.root / "katas", self.root / "projects", self.root / "solutions"]
        read = [Path(path) for path in imported_from(homes, self.loaded)]
        if any(str(path) not in self.before for path in read):
            return False
        kept = [path for path in self.files if path.name in ("conftest.py", "pyproject.toml")]
        return all(snapshot([path]) == {str(path): self.before[str(path)]} for path in [*kept, *read])

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection(self, session: pytest.Session) -> None:
        if _read_line(self.channel) != GO:
            os._exit(0)  # the parent is gone, or chose a fresh child
        if not self.fresh():
            self.channel.sendall(STALE)
            os._exit(0)
        self.forget()
        results = session.config.stash.get(RESULTS_KEY, None)
        if results is not None:
            results.started = time.perf_counter()
        self.channel.sendall(READY)


def _read_line(channel: socket.socket) -> bytes:
    """One short line, byte by byte (the rest of the socket is the reports' stream)."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = channel.recv(1)
        if not chunk:
            break
        data += chunk
    return data


def handshake(channel: socket.socket, timeout: float) -> bool:
    """The parent's side: tell the spare to go; True when it answered `ready` in time."""
    try:
        channel.settimeout(timeout)
        channel.sendall(GO)
        answer = _read_line(channel)
    except OSError:
        return False
    finally:
        channel.settimeout(None)
    return answer == READY
