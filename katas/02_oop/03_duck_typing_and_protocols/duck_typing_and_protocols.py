"""Duck typing, an abstract base class and a protocol."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Writer(Protocol):
    """Anything with a `write` method, as `write_report` uses it."""

    def write(self, text: str, /) -> int: ...


def write_report(rows: Iterable[tuple[str, object]], out: Writer) -> int:
    """Write 'name=value' lines to `out`; return how many characters were written."""
    raise NotImplementedError("write_report: write me (task 1)")


class Storage:
    """Where blobs live. Make me an abstract base class (task 2)."""

    def get(self, key: str) -> bytes | None:
        """The bytes stored under `key`, or None."""
        raise NotImplementedError("Storage.get: make me abstract (task 2)")

    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing what was there."""
        raise NotImplementedError("Storage.put: make me abstract (task 2)")

    def exists(self, key: str) -> bool:
        """True if something is stored under `key` (use only `get`)."""
        raise NotImplementedError("Storage.exists: write me (task 2)")


class MemoryStorage(Storage):
    """A Storage kept in a dict."""

    def __init__(self) -> None:
        raise NotImplementedError("MemoryStorage: write me (task 2)")


class Closeable(Protocol):
    """Anything with a close() method. Make me checkable with isinstance (task 3)."""

    def close(self) -> None: ...


def close_all(resources: Iterable[object]) -> int:
    """Close every Closeable in `resources`, last first; return how many were closed."""
    raise NotImplementedError("close_all: write me (task 3)")
