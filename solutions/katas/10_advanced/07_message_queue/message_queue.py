"""A RabbitMQ work queue with pika: durable, persistent, acked after the work, fair, with a dead-letter queue."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pika  # type: ignore[import-untyped]  # pika publishes no type information
from pika.adapters.blocking_connection import BlockingChannel  # type: ignore[import-untyped]

Task = dict[str, Any]


def declare_queues(channel: BlockingChannel, queue: str) -> None:
    """Declare the dead-letter queue `{queue}.dead` and the work queue `queue`, both durable; what the work
    queue rejects goes to the dead-letter queue."""
    dead = f"{queue}.dead"
    channel.queue_declare(queue=dead, durable=True)
    channel.queue_declare(
        queue=queue,
        durable=True,
        arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": dead},
    )


def publish(channel: BlockingChannel, queue: str, task: Task, *, attempt: int = 1) -> None:
    """Send `task` as a persistent JSON message to `queue`, with its attempt number in the `attempt` header."""
    channel.basic_publish(
        exchange="",
        routing_key=queue,
        body=json.dumps(task).encode(),
        properties=pika.BasicProperties(
            content_type="application/json",
            delivery_mode=pika.DeliveryMode.Persistent,
            headers={"attempt": attempt},
        ),
    )


def work(
    channel: BlockingChannel,
    queue: str,
    handle: Callable[[Task], None],
    *,
    prefetch: int = 1,
    max_attempts: int = 3,
    idle_seconds: float = 1.0,
) -> int:
    """Handle the queue's messages until none comes for `idle_seconds`; return how many were handled."""
    channel.basic_qos(prefetch_count=prefetch)
    handled = 0
    for method, properties, body in channel.consume(queue, inactivity_timeout=idle_seconds):
        if method is None:
            break
        try:
            task = json.loads(body)
        except ValueError:  # not JSON, or not even UTF-8
            task = None
        if not isinstance(task, dict):  # poison: no retry can fix it
            channel.basic_reject(method.delivery_tag, requeue=False)
            continue
        attempt = (properties.headers or {}).get("attempt", 1)
        try:
            handle(task)
        except Exception:
            if attempt < max_attempts:
                publish(channel, queue, task, attempt=attempt + 1)  # the copy first: a crash now repeats, not loses
                channel.basic_ack(method.delivery_tag)
            else:
                channel.basic_reject(method.delivery_tag, requeue=False)
        else:
            channel.basic_ack(method.delivery_tag)
            handled += 1
    channel.cancel()
    return handled


def dead_letters(channel: BlockingChannel, queue: str) -> list[tuple[bytes, str, int]]:
    """Take every message off `{queue}.dead`: its body, why it died (`x-death`'s reason) and its attempts."""
    letters: list[tuple[bytes, str, int]] = []
    while True:
        method, properties, body = channel.basic_get(f"{queue}.dead")
        if method is None:
            return letters
        headers = properties.headers or {}
        letters.append((body, headers["x-death"][0]["reason"], headers.get("attempt", 1)))
        channel.basic_ack(method.delivery_tag)
