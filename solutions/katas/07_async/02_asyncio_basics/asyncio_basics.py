"""asyncio basics: run many waits at once with gather, TaskGroup and tasks."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from asyncio_basics_given import Log, Source, SourceError, load


async def load_all(sources: Sequence[Source], log: Log) -> dict[str, str]:
    """Task 1: load every source at the same time; {name: data}. A failure propagates."""
    results = await asyncio.gather(*(load(source, log) for source in sources))
    return {source.name: results[index] for index, source in enumerate(sources)}


async def load_settled(sources: Sequence[Source], log: Log) -> tuple[dict[str, str], dict[str, str]]:
    """Task 2: load every source at once, keep going past failures: ({name: data}, {name: error message})."""
    results = await asyncio.gather(*(load(source, log) for source in sources), return_exceptions=True)
    loaded: dict[str, str] = {}
    failed: dict[str, str] = {}
    for index, source in enumerate(sources):
        result = results[index]
        if isinstance(result, SourceError):
            failed[source.name] = str(result)
        elif isinstance(result, BaseException):
            raise result
        else:
            loaded[source.name] = result
    return loaded, failed


async def load_all_or_nothing(sources: Sequence[Source], log: Log) -> dict[str, str]:
    """Task 3: like load_all, but the first failure cancels the others at once (ExceptionGroup)."""
    async with asyncio.TaskGroup() as group:
        tasks = {source.name: group.create_task(load(source, log)) for source in sources}
    return {name: task.result() for name, task in tasks.items()}


async def first_of(sources: Sequence[Source], log: Log) -> tuple[str, str]:
    """Task 4: (name, data) of the first source to load successfully; cancel the rest.

    SourceError when every source fails, ValueError when there are none.
    """
    if not sources:
        raise ValueError("first_of needs at least one source")
    names = {asyncio.create_task(load(source, log)): source.name for source in sources}
    pending: set[asyncio.Task[str]] = set(names)
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task.exception() is None:
                    return names[task], task.result()
        raise SourceError("every source failed")
    finally:
        for task in pending:
            task.cancel()
        await asyncio.gather(*names, return_exceptions=True)
