"""Duck typing, an abstract base class and a protocol."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class Writer(Protocol):
    """Anything with a `write` method, as `write_report` uses it."""

    def write(self, text: str, /) -> int: ...


def write_report(rows: Iterable[tuple[str, object]], out: Writer) -> int:
    """Write 'name=value' lines to `out`; return how many characters were written."""
    return sum(out.write(f"{name}={value}\n") for name, value in rows)


class Storage(ABC):
    """Where blobs live."""

    @abstractmethod
    def get(self, key: str) -> bytes | None:
        """The bytes stored under `key`, or None."""

    @abstractmethod
    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing what was there."""

    def exists(self, key: str) -> bool:
        """True if something is stored under `key`."""
        return self.get(key) is not None


class MemoryStorage(Storage):
    """A Storage kept in a dict."""

    def __init__(self) -> None:
        self._blobs: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._blobs.get(key)

    def put(self, key: str, data: bytes) -> None:
        self._blobs[key] = bytes(data)


@runtime_checkable
class Closeable(Protocol):
    """Anything with a close() method."""

    def close(self) -> None: ...


def close_all(resources: Iterable[object]) -> int:
    """Close every Closeable in `resources`, last first; return how many were closed."""
    closed = 0
    for resource in reversed(list(resources)):
        if isinstance(resource, Closeable):
            resource.close()
            closed += 1
    return closed
