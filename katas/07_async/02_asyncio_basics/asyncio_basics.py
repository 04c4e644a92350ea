"""asyncio basics: run many waits at once with gather, TaskGroup and tasks."""

from __future__ import annotations

import asyncio  # noqa: F401 (you will need it)
from collections.abc import Sequence

from asyncio_basics_given import Log, Source, SourceError, load  # noqa: F401 (you will need them)


async def load_all(sources: Sequence[Source], log: Log) -> dict[str, str]:
    """Task 1: load every source at the same time; {name: data}. A failure propagates."""
    raise NotImplementedError("load_all: write me (task 1)")


async def load_settled(sources: Sequence[Source], log: Log) -> tuple[dict[str, str], dict[str, str]]:
    """Task 2: load every source at once, keep going past failures: ({name: data}, {name: error message})."""
    raise NotImplementedError("load_settled: write me (task 2)")


async def load_all_or_nothing(sources: Sequence[Source], log: Log) -> dict[str, str]:
    """Task 3: like load_all, but the first failure cancels the others at once (ExceptionGroup)."""
    raise NotImplementedError("load_all_or_nothing: write me (task 3)")


async def first_of(sources: Sequence[Source], log: Log) -> tuple[str, str]:
    """Task 4: (name, data) of the first source to load successfully; cancel the rest.

    SourceError when every source fails, ValueError when there are none.
    """
    raise NotImplementedError("first_of: write me (task 4)")
