"""Async quiz: a job runner that bounds, times out and cancels, and a health endpoint built on it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from fastapi import APIRouter, Request, Response

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
    raise NotImplementedError("run_jobs: write me (task 1)")


async def drain(queue: asyncio.Queue[tuple[str, Job]], workers: int, deadline: float) -> dict[str, Outcome]:
    """Task 2: `workers` tasks run the queued jobs until it is empty or `deadline` seconds have passed.

    At the deadline the running jobs are cancelled (and reported so); jobs not started stay queued.
    """
    raise NotImplementedError("drain: write me (task 2)")


health = APIRouter()


@health.get("/health")
async def check_health(request: Request, response: Response, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Outcome]:
    """Task 3: `timeout` above 0 and at most MAX_TIMEOUT (else 422); run the checks; 200 if all are done, else 503."""
    raise NotImplementedError("check_health: write me (task 3)")
