"""Async quiz: a job runner that bounds, times out and cancels, and a health endpoint built on it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

Job = Callable[[], Awaitable[str]]
Status = Literal["done", "failed", "timed out", "cancelled"]

DEFAULT_TIMEOUT = 0.5
MAX_TIMEOUT = 5.0


@dataclass(frozen=True)
class Outcome:
    """How one job ended: `detail` is its result when done, the error's message when it failed."""

    status: Status
    detail: str = ""


async def run_jobs(jobs: Mapping[str, Job], limit: int, timeout: float) -> dict[str, Outcome]:
    """Task 1: every job, at most `limit` at once, each cut off `timeout` seconds after it starts."""
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, got {limit}")
    gate = asyncio.Semaphore(limit)

    async def one(job: Job) -> Outcome:
        async with gate:
            try:
                async with asyncio.timeout(timeout):
                    return Outcome("done", await job())
            except TimeoutError:
                return Outcome("timed out")
            except Exception as error:
                return Outcome("failed", str(error))

    outcomes = await asyncio.gather(*(one(job) for job in jobs.values()))
    return dict(zip(jobs, outcomes, strict=True))


async def drain(queue: asyncio.Queue[tuple[str, Job]], workers: int, deadline: float) -> dict[str, Outcome]:
    """Task 2: `workers` tasks run the queued jobs until it is empty or `deadline` seconds have passed.

    At the deadline the running jobs are cancelled (and reported so); jobs not started stay queued.
    """
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    outcomes: dict[str, Outcome] = {}

    async def worker() -> None:
        while True:
            try:
                name, job = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                outcomes[name] = Outcome("done", await job())
            except asyncio.CancelledError:
                outcomes[name] = Outcome("cancelled")
                raise
            except Exception as error:
                outcomes[name] = Outcome("failed", str(error))

    try:
        async with asyncio.timeout(deadline), asyncio.TaskGroup() as group:
            for _ in range(workers):
                group.create_task(worker())
    except TimeoutError:
        pass  # the task group has cancelled the workers and waited for them
    return outcomes


health = APIRouter()


@health.get("/health")
async def check_health(
    request: Request, response: Response, timeout: Annotated[float, Query(gt=0, le=MAX_TIMEOUT)] = DEFAULT_TIMEOUT
) -> dict[str, Outcome]:
    """Task 3: `timeout` above 0 and at most MAX_TIMEOUT (else 422); run the checks; 200 if all are done, else 503."""
    outcomes = await run_jobs(request.app.state.checks, request.app.state.limit, timeout)
    if any(outcome.status != "done" for outcome in outcomes.values()):
        response.status_code = 503
    return outcomes
