"""Given, not to edit: the connection pool your code in timeouts_and_cancellation.py borrows from."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class Connection:
    """A database connection."""

    number: int
    discarded: bool = False


@dataclass
class Pool:
    """A pool of connections that counts what is checked out."""

    in_use: set[int] = field(default_factory=set)
    released: list[Connection] = field(default_factory=list)
    _next: int = 0

    async def acquire(self) -> Connection:
        await asyncio.sleep(0)
        self._next += 1
        self.in_use.add(self._next)
        return Connection(self._next)

    def release(self, connection: Connection) -> None:
        self.in_use.discard(connection.number)
        self.released.append(connection)
