"""A RabbitMQ work queue with pika: durable, persistent, acked after the work, fair, with a dead-letter queue."""

from __future__ import annotations

import json  # noqa: F401  (you will need it)
from collections.abc import Callable
from typing import Any

import pika  # noqa: F401  (you will need it)
from pika.adapters.blocking_connection import BlockingChannel

Task = dict[str, Any]


def declare_queues(channel: BlockingChannel, queue: str) -> None:
    """Declare the dead-letter queue `{queue}.dead` and the work queue `queue`, both durable; what the work
    queue rejects goes to the dead-letter queue (task 1)."""
    raise NotImplementedError


def publish(channel: BlockingChannel, queue: str, task: Task, *, attempt: int = 1) -> None:
    """Send `task` as a persistent JSON message to `queue`, with its attempt number in the `attempt` header
    (task 1)."""
    raise NotImplementedError


def work(
    channel: BlockingChannel,
    queue: str,
    handle: Callable[[Task], None],
    *,
    prefetch: int = 1,
    max_attempts: int = 3,
    idle_seconds: float = 1.0,
) -> int:
    """Handle the queue's messages until none comes for `idle_seconds`; return how many were handled
    (tasks 2 to 4)."""
    raise NotImplementedError


def dead_letters(channel: BlockingChannel, queue: str) -> list[tuple[bytes, str, int]]:
    """Take every message off `{queue}.dead`: its body, why it died (`x-death`'s reason) and its attempts
    (task 5)."""
    raise NotImplementedError
