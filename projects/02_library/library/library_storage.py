"""Save a library to JSON and load it back. The format is versioned and written atomically and durably;
`locked` keeps two programs from changing the same file at once."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from library.library_clock import Clock
from library.library_service import Library

FORMAT_VERSION = 1


def to_json(library: Library) -> str:
    """The library as a JSON document: see the README for the shape."""
    raise NotImplementedError("to_json: write me (milestone 4)")


def from_json(text: str, clock: Clock) -> Library:
    """Rebuild a library from `to_json`'s output. LibraryError if the document is malformed or inconsistent."""
    raise NotImplementedError("from_json: write me (milestone 4)")


def save(library: Library, path: Path) -> None:
    """Write the library to `path` atomically and durably: a crash, even of the machine, leaves the old file
    or the new one, never a mix or an empty file."""
    raise NotImplementedError("save: write me (milestone 4)")


def load(path: Path, clock: Clock) -> Library:
    """Read a library saved with `save`; a missing file is an empty library."""
    raise NotImplementedError("load: write me (milestone 4)")


def locked(path: Path) -> AbstractContextManager[None]:
    """Hold an exclusive lock on `path` for a `with` block; another holder waits until it ends.

    Use a lock the operating system drops when the process ends, however it ends (see the README).
    """
    raise NotImplementedError("locked: write me (milestone 4)")
