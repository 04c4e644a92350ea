"""Tests for the message-queue kata: a work queue on the real RabbitMQ named by AMQP_URL, with pika.

Every test gets its own queue name (a uuid in it) and deletes `NAME`, `NAME.dead` and the exchange `NAME.dlx`
afterwards. Connections have short timeouts, so a broken answer fails fast; an answer that waits forever is
stopped by the test's time limit, which shows the line it was on. Skipped without AMQP_URL; failed when CI is set.

Mistakes these tests catch: a queue or messages that do not survive a broker restart (not durable, not
persistent), auto_ack=True or an ack before the work (a crash loses the message), no ack at all (everything comes
back), no prefetch (one worker takes every message), a consumer left behind after the work, a failing task
retried forever with requeue=True, or never retried, or retried once too often, malformed messages handed to the
handler or retried, a dead-letter reason read from the wrong place, dead letters left in their queue.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pika
import pytest
from message_queue import dead_letters, declare_queues, publish, work
from pika.adapters.blocking_connection import BlockingChannel, BlockingConnection
from pika.exceptions import AMQPError, ChannelClosedByBroker

Connect = Callable[[], BlockingConnection]
IDLE = 0.3  # seconds without a message before `work` returns, in these tests


class Crash(BaseException):
    """The worker process dies here (as with `kill -9`): nothing after this line runs in it."""


@pytest.fixture
def connect() -> Iterator[Connect]:
    """`connect()` opens a connection to AMQP_URL with short timeouts; every one is closed after the test."""
    url = os.environ.get("AMQP_URL", "")
    opened: list[BlockingConnection] = []

    def open_connection() -> BlockingConnection:
        params = pika.URLParameters(url)
        params.socket_timeout = 5
        params.blocked_connection_timeout = 5
        params.connection_attempts = 1
        connection = BlockingConnection(params)
        opened.append(connection)
        return connection

    reason = ""
    if not url:
        reason = "AMQP_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672/)"
    else:
        try:
            open_connection()
        except AMQPError as error:
            reason = f"cannot connect to AMQP_URL: {error!r}"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the RabbitMQ tests must run: {reason}", pytrace=False)
        pytest.skip(f"RabbitMQ test skipped: {reason}")
    yield open_connection
    for connection in opened:
        if connection.is_open:
            connection.close()


@pytest.fixture
def queue(connect: Connect) -> Iterator[str]:
    """A queue name of its own; the queue, its dead-letter queue and a `.dlx` exchange are deleted afterwards."""
    name = f"kata-{uuid.uuid4().hex}"
    yield name
    admin = connect().channel()
    admin.queue_delete(name)
    admin.queue_delete(f"{name}.dead")
    admin.exchange_delete(f"{name}.dlx")


@pytest.fixture
def channel(connect: Connect) -> BlockingChannel:
    """A channel on a connection of its own (each test first declares its queues with your `declare_queues`)."""
    return connect().channel()


def ready(connect: Connect, name: str) -> int:
    """How many messages wait in the queue, ready for a consumer (seen from a connection of its own)."""
    return int(connect().channel().queue_declare(name, passive=True).method.message_count)


def consumers(connect: Connect, name: str) -> int:
    return int(connect().channel().queue_declare(name, passive=True).method.consumer_count)


def wait_for(check: Callable[[], bool], seconds: float = 2.0) -> bool:
    """Poll `check` until it is true (the broker moves messages asynchronously) or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def send_raw(channel: BlockingChannel, name: str, body: bytes, **properties: Any) -> None:
    channel.basic_publish("", name, body, pika.BasicProperties(**properties))


class Handler:
    """Records each task; raises for the first `failures` calls (all of them with failures=-1)."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.tasks: list[dict[str, Any]] = []

    def __call__(self, task: dict[str, Any]) -> None:
        self.tasks.append(task)
        if len(self.tasks) > 20:
            raise Crash("the same message came back more than 20 times: requeue=True loops a poison message forever")
        if self.failures < 0 or len(self.tasks) <= self.failures:
            raise RuntimeError("resize failed")


def probe_durable(connect: Connect, name: str) -> str:
    """Declare `name` again as NOT durable: RabbitMQ refuses (and says why) if it exists as a durable queue."""
    try:
        connect().channel().queue_declare(name, durable=False)
    except ChannelClosedByBroker as refusal:
        return str(refusal)
    return "the broker accepted durable=False: the queue is not durable"


@pytest.mark.task(taskno=1)
def test_both_queues_are_durable(connect: Connect, queue: str, channel: BlockingChannel) -> None:
    declare_queues(channel, queue)
    for name in (queue, f"{queue}.dead"):
        answer = probe_durable(connect, name)
        assert "inequivalent arg 'durable'" in answer, (
            f"{name} should be declared with durable=True, so it survives a broker restart; the broker said: {answer}"
        )
        assert "current is 'true'" in answer, (
            f"{name} should be declared with durable=True, so it survives a broker restart; the broker said: {answer}"
        )


@pytest.mark.task(taskno=1)
def test_declare_queues_may_run_again(channel: BlockingChannel, queue: str) -> None:
    declare_queues(channel, queue)
    declare_queues(channel, queue)  # every worker declares on start: the same declaration again is fine
    assert channel.is_open


@pytest.mark.task(taskno=1)
def test_a_rejected_message_lands_in_the_dead_letter_queue(
    connect: Connect, queue: str, channel: BlockingChannel
) -> None:
    declare_queues(channel, queue)
    send_raw(channel, queue, b'{"photo": "p-1"}')
    method, _, _ = channel.basic_get(queue)
    assert method is not None
    channel.basic_reject(method.delivery_tag, requeue=False)
    assert wait_for(lambda: ready(connect, f"{queue}.dead") == 1), (
        "a message the work queue rejects (requeue=False) should be dead-lettered into "
        f"{queue}.dead: give the work queue the x-dead-letter-exchange (and routing key) arguments"
    )


@pytest.mark.task(taskno=1)
def test_publish_sends_persistent_json_with_its_attempt(channel: BlockingChannel, queue: str) -> None:
    declare_queues(channel, queue)
    task = {"photo": "p-1", "caption": "Grüße ☕", "width": 640}
    publish(channel, queue, task)
    method, properties, body = channel.basic_get(queue, auto_ack=True)
    assert method is not None, f"publish should put the message on {queue} (default exchange, routing key = queue)"
    assert json.loads(body) == task, "the body is the task as JSON (unicode included)"
    assert properties.delivery_mode == 2, "delivery_mode=pika.DeliveryMode.Persistent: written to disk"
    assert properties.content_type == "application/json"
    assert properties.headers == {"attempt": 1}, "a new task is attempt 1"
    publish(channel, queue, task, attempt=3)
    _, properties, _ = channel.basic_get(queue, auto_ack=True)
    assert properties.headers == {"attempt": 3}


@pytest.mark.task(taskno=2)
def test_work_handles_every_task_in_order_and_acks_it(connect: Connect, queue: str, channel: BlockingChannel) -> None:
    declare_queues(channel, queue)
    tasks = [{"photo": f"p-{n}"} for n in range(3)]
    for task in tasks:
        publish(channel, queue, task)
    handler = Handler()
    handled = work(channel, queue, handler, idle_seconds=IDLE)
    assert handled == 3, "work returns how many tasks it handled"
    assert handler.tasks == tasks
    channel.connection.close()  # unacked messages would go back to the queue now
    assert ready(connect, queue) == 0, "every handled message should be acked (basic_ack), or it comes back"


@pytest.mark.task(taskno=2)
def test_a_crash_during_the_work_leaves_the_message_for_the_next_worker(
    connect: Connect, queue: str, channel: BlockingChannel
) -> None:
    declare_queues(channel, queue)
    publish(channel, queue, {"photo": "p-7"})

    def crash(task: dict[str, Any]) -> None:
        raise Crash("the worker died while resizing")

    with pytest.raises(Crash):
        work(channel, queue, crash, idle_seconds=IDLE)
    channel.connection.close()  # the dead worker's connection drops
    assert wait_for(lambda: ready(connect, queue) == 1), (
        "the worker died before it finished: the message must come back (auto_ack=False, and ack only AFTER the work)"
    )
    handler = Handler()
    again = connect().channel()
    handled = work(again, queue, handler, idle_seconds=IDLE)
    assert handled == 1
    assert handler.tasks == [{"photo": "p-7"}], "the next worker gets the same task"


@pytest.mark.task(taskno=2)
def test_work_returns_when_idle_and_leaves_no_consumer(connect: Connect, queue: str, channel: BlockingChannel) -> None:
    declare_queues(channel, queue)
    handled = work(channel, queue, Handler(), idle_seconds=IDLE)
    assert handled == 0
    assert consumers(connect, queue) == 0, "cancel the consumer when you stop (channel.cancel())"
    publish(connect().channel(), queue, {"photo": "later"})
    assert not wait_for(lambda: ready(connect, queue) == 0, seconds=0.3), (
        "a message sent after work returned was taken by a consumer that was left behind"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(("prefetch", "left"), [(None, 4), (1, 4), (3, 2)])
def test_prefetch_leaves_the_rest_for_other_workers(
    connect: Connect, queue: str, channel: BlockingChannel, prefetch: int | None, left: int
) -> None:
    declare_queues(channel, queue)
    for n in range(5):
        publish(channel, queue, {"photo": f"p-{n}"})
    seen: list[int] = []

    def slow(task: dict[str, Any]) -> None:
        if not seen:  # during the first task: how many are still free for another worker?
            wait_for(lambda: ready(connect, queue) < left, seconds=0.5)
            seen.append(ready(connect, queue))

    options = {} if prefetch is None else {"prefetch": prefetch}
    handled = work(channel, queue, slow, idle_seconds=IDLE, **options)
    assert handled == 5
    assert seen == [left], (
        f"with prefetch {prefetch or 1}, a busy worker holds that many messages and leaves {left} of 5 for others "
        "(channel.basic_qos(prefetch_count=...) before consuming)"
    )


@pytest.mark.task(taskno=4)
def test_a_failed_task_is_tried_again(connect: Connect, queue: str, channel: BlockingChannel) -> None:
    declare_queues(channel, queue)
    publish(channel, queue, {"photo": "p-1"})
    handler = Handler(failures=1)
    handled = work(channel, queue, handler, idle_seconds=IDLE)
    assert handled == 1, "the second attempt succeeded: one task handled"
    assert handler.tasks == [{"photo": "p-1"}] * 2
    assert ready(connect, f"{queue}.dead") == 0
    channel.connection.close()
    assert ready(connect, queue) == 0


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("max_attempts", [None, 1, 5])
def test_a_task_that_keeps_failing_is_dead_lettered_after_max_attempts(
    connect: Connect, queue: str, channel: BlockingChannel, max_attempts: int | None
) -> None:
    declare_queues(channel, queue)
    publish(channel, queue, {"photo": "poison"})
    handler = Handler(failures=-1)
    options = {} if max_attempts is None else {"max_attempts": max_attempts}
    handled = work(channel, queue, handler, idle_seconds=IDLE, **options)
    assert handled == 0
    assert len(handler.tasks) == (max_attempts or 3), f"max_attempts={max_attempts or 3} attempts in all, then give up"
    assert wait_for(lambda: ready(connect, f"{queue}.dead") == 1), (
        "after the last attempt, reject the message with requeue=False: it goes to the dead-letter queue"
    )
    method, properties, _ = connect().channel().basic_get(f"{queue}.dead", auto_ack=True)
    assert method is not None
    assert properties.headers["attempt"] == (max_attempts or 3), "the dead letter carries its last attempt number"
    channel.connection.close()
    assert ready(connect, queue) == 0, "nothing of the poison message may stay in the work queue"


@pytest.mark.task(taskno=4)
def test_a_message_without_an_attempt_header_is_attempt_one(
    connect: Connect, queue: str, channel: BlockingChannel
) -> None:
    declare_queues(channel, queue)
    send_raw(channel, queue, b'{"photo": "from-an-old-producer"}')  # no headers at all
    handler = Handler(failures=-1)
    work(channel, queue, handler, idle_seconds=IDLE)
    assert len(handler.tasks) == 3, "a message without the attempt header is attempt 1: it gets all 3 attempts"
    assert wait_for(lambda: ready(connect, f"{queue}.dead") == 1)


@pytest.mark.task(taskno=4)
def test_malformed_messages_are_dead_lettered_at_once(connect: Connect, queue: str, channel: BlockingChannel) -> None:
    declare_queues(channel, queue)
    for body in (b"not json", b'["a", "list"]', b"\xff\xfe", b'"text"'):
        send_raw(channel, queue, body)
    publish(channel, queue, {"photo": "fine"})
    handler = Handler()
    handled = work(channel, queue, handler, idle_seconds=IDLE)
    assert handler.tasks == [{"photo": "fine"}], "a body that is not a JSON object never reaches the handler"
    assert handled == 1
    assert wait_for(lambda: ready(connect, f"{queue}.dead") == 4), (
        "no attempt can fix a malformed message: reject it with requeue=False at once"
    )


@pytest.mark.task(taskno=5)
def test_dead_letters_says_why_each_message_died(connect: Connect, queue: str, channel: BlockingChannel) -> None:
    declare_queues(channel, queue)
    send_raw(channel, queue, b"not json")
    publish(channel, queue, {"photo": "poison"})
    work(channel, queue, Handler(failures=-1), idle_seconds=IDLE)
    send_raw(channel, queue, b'{"photo": "too late"}', expiration="1")  # expires after 1 ms, before any consumer
    assert wait_for(lambda: ready(connect, f"{queue}.dead") == 3)
    reader = connect().channel()
    assert dead_letters(reader, queue) == [
        (b"not json", "rejected", 1),
        (b'{"photo": "poison"}', "rejected", 3),
        (b'{"photo": "too late"}', "expired", 1),
    ], "(body, the reason in the x-death header, the attempt header or 1)"
    reader.connection.close()
    assert ready(connect, f"{queue}.dead") == 0, "dead_letters takes the messages off the queue (and acks them)"


@pytest.mark.task(taskno=5)
def test_dead_letters_of_an_empty_queue(channel: BlockingChannel, queue: str) -> None:
    declare_queues(channel, queue)
    assert dead_letters(channel, queue) == []
