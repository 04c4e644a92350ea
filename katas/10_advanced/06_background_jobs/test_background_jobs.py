"""Tests for the background-jobs kata: RQ jobs on the real Redis named by REDIS_URL, run by a worker the tests start.

Every test gets its own queue (a uuid in its name) and deletes the queue, its registries and its jobs afterwards.
The worker is RQ's SimpleWorker, in this process, in burst mode (it works until the queue is empty, then
returns) with the scheduler (so due scheduled jobs and retries are enqueued first); the tests run it again
until the job they watch is finished or failed. Skipped without REDIS_URL; failed when CI is set.

Mistakes these tests catch: running the job right away instead of enqueueing it, no retries, retries without
a pause (or the wrong pauses), no idempotency key or a new one per attempt (a retry charges twice), a key
shared by different orders, sleeping in the job instead of scheduling it, a reminder sent for a cart that was
ordered meanwhile, a failure list that reads the wrong line of the traceback, failed jobs never requeued.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import background_jobs
import pytest
from background_jobs import enqueue_charge, failed_jobs, retry_failed, schedule_reminder
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import Queue, SimpleWorker
from rq.job import Job, JobStatus
from rq.timeouts import TimerDeathPenalty


class KataWorker(SimpleWorker):
    """RQ's in-process worker, minus what would fight pytest: job timeouts by a timer thread, not SIGALRM (the
    test timeout uses that), and Ctrl-C left to pytest."""

    death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self) -> None:
        pass


@pytest.fixture
def redis() -> Iterator[Redis]:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        reason = "REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)"
    else:
        connection = Redis.from_url(url, socket_timeout=5)
        try:
            connection.ping()
        except RedisConnectionError as error:
            reason = f"cannot connect to REDIS_URL: {error}"
        else:
            yield connection
            connection.close()
            return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the Redis tests must run: {reason}", pytrace=False)
    pytest.skip(f"Redis test skipped: {reason}")


@pytest.fixture
def queue(redis: Redis) -> Iterator[Queue]:
    """A queue of its own; afterwards its jobs, registries and the keys the tests made are deleted."""
    name = f"kata-{uuid.uuid4().hex}"
    queue = Queue(name, connection=redis)
    yield queue
    job_ids = set(queue.get_job_ids())
    for registry in (
        queue.started_job_registry,
        queue.finished_job_registry,
        queue.failed_job_registry,
        queue.scheduled_job_registry,
        queue.deferred_job_registry,
        queue.canceled_job_registry,
    ):
        job_ids.update(registry.get_job_ids(cleanup=False))
    for job_id in job_ids:
        redis.delete(f"rq:job:{job_id}", f"rq:results:{job_id}", f"rq:executions:{job_id}")
    leftovers = list(redis.scan_iter(match=f"*{name}*"))
    if leftovers:
        redis.delete(*leftovers)
    redis.srem("rq:queues", queue.key)  # RQ's list of known queues


class FakeProvider:
    """A scripted payment provider: each call takes the next step ("ok", "down": raises before charging, "lost":
    charges, then raises as if the answer was lost on the way). It honours idempotency keys, as Stripe does."""

    def __init__(self, *steps: str) -> None:
        self.steps = list(steps)
        self.charges: list[tuple[str, int]] = []  # (card, amount_cents), one per real charge
        self.by_key: dict[str, str] = {}
        self.calls = 0

    def __call__(self, card: str, amount_cents: int, idempotency_key: str | None = None) -> str:
        self.calls += 1
        step = self.steps.pop(0) if self.steps else "ok"
        if step == "down":
            raise ConnectionError("payment provider unavailable")
        if idempotency_key is not None and idempotency_key in self.by_key:
            charge_id = self.by_key[idempotency_key]
        else:
            self.charges.append((card, amount_cents))
            charge_id = f"ch_{len(self.charges)}"
            if idempotency_key is not None:
                self.by_key[idempotency_key] = charge_id
        if step == "lost":
            raise TimeoutError("the charge went through, but its answer was lost")
        return charge_id


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeProvider]:
    def install(*steps: str) -> FakeProvider:
        fake = FakeProvider(*steps)
        monkeypatch.setattr(background_jobs, "charge_card", fake)
        return fake

    return install


@pytest.fixture
def outbox(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(background_jobs, "send_email", lambda to, subject: sent.append((to, subject)))
    return sent


def work(queue: Queue) -> None:
    """One burst of the worker: enqueue due scheduled jobs, then run the queue until it is empty."""
    worker = KataWorker([queue], connection=queue.connection)
    worker.work(burst=True, with_scheduler=True, logging_level="WARNING")
    if worker.scheduler is not None:  # the scheduler opens a Redis connection pool of its own: close it
        worker.scheduler.connection.connection_pool.disconnect()


def fast_forward(queue: Queue) -> None:
    """Make every scheduled job of the queue due now, as if its wait were over."""
    registry = queue.scheduled_job_registry
    for job_id in registry.get_job_ids():
        queue.connection.zadd(registry.key, {job_id: 0})


def work_until_done(queue: Queue, job: Job, *, skip_waits: bool = False, limit: float = 12.0) -> JobStatus:
    """Run the worker again and again until `job` is finished or failed (or `limit` seconds pass)."""
    deadline = time.monotonic() + limit
    while True:
        if skip_waits:
            fast_forward(queue)
        work(queue)
        status = job.get_status()
        if status in (JobStatus.FINISHED, JobStatus.FAILED):
            return status
        if time.monotonic() > deadline:
            pytest.fail(f"job {job.func_name} is still {status} after {limit} s of working the queue")
        time.sleep(0.1)


def order_id() -> str:
    return f"order-{uuid.uuid4().hex[:8]}"


@pytest.mark.task(taskno=1)
def test_enqueue_charge_puts_the_job_on_the_queue_without_running_it(
    queue: Queue, provider: Callable[..., FakeProvider]
) -> None:
    fake = provider()
    job = enqueue_charge(queue, "o-1", "card-4242", 1999)
    assert isinstance(job, Job), f"enqueue_charge should return the Job that queue.enqueue gives, got {job!r}"
    assert fake.calls == 0, "enqueueing must not charge: the worker runs the job later, in the background"
    assert job.get_status() == JobStatus.QUEUED
    assert queue.get_job_ids() == [job.id], "the job should wait on the queue it was given"
    assert job.func_name == "background_jobs.charge_order", "the job to enqueue is charge_order"
    assert job.args == ("o-1", "card-4242", 1999), "charge_order gets order_id, card, amount_cents, in that order"


@pytest.mark.task(taskno=1)
def test_worker_runs_the_job_and_keeps_the_charge_id_as_its_result(
    queue: Queue, provider: Callable[..., FakeProvider]
) -> None:
    fake = provider()
    job = enqueue_charge(queue, order_id(), "card-4242", 1999)
    assert work_until_done(queue, job) == JobStatus.FINISHED
    assert fake.charges == [("card-4242", 1999)], "the job should charge the card it was given, the amount given"
    assert job.return_value(refresh=True) == "ch_1", "charge_order returns the provider's charge id: the job's result"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("amount", [0, -500])
def test_refuses_an_amount_below_one_cent_before_enqueueing(queue: Queue, amount: int) -> None:
    with pytest.raises(ValueError, match=rf"^amount_cents must be at least 1, got {amount}$"):
        enqueue_charge(queue, "o-2", "card-4242", amount)
    assert queue.count == 0, "a refused charge must not be enqueued: it could only fail in the worker"


@pytest.mark.task(taskno=1)
def test_one_cent_is_enough(queue: Queue) -> None:
    job = enqueue_charge(queue, "o-3", "card-4242", 1)
    assert job.args[2] == 1


@pytest.mark.task(taskno=2)
def test_charge_is_retried_three_times_with_growing_pauses(queue: Queue) -> None:
    job = enqueue_charge(queue, "o-4", "card-4242", 500)
    assert job.retries_left == 3, "retry=Retry(max=3, ...): three more tries after the first"
    assert job.retry_intervals == [1, 2, 4], "the pauses before the retries: 1, then 2, then 4 seconds"


@pytest.mark.task(taskno=2)
def test_a_failed_attempt_waits_for_its_retry_then_succeeds(
    queue: Queue, provider: Callable[..., FakeProvider]
) -> None:
    fake = provider("down")
    job = enqueue_charge(queue, order_id(), "card-4242", 500)
    work(queue)
    assert fake.calls == 1
    assert job.get_status() == JobStatus.SCHEDULED, (
        "after a failed attempt the retry should wait (be scheduled), not run at once nor fail for good"
    )
    assert job.id in queue.scheduled_job_registry.get_job_ids()
    assert work_until_done(queue, job) == JobStatus.FINISHED, "the retry, a second later, should succeed"
    assert fake.calls == 2
    assert fake.charges == [("card-4242", 500)]


@pytest.mark.task(taskno=2)
def test_gives_up_after_the_fourth_attempt(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    fake = provider("down", "down", "down", "down", "down")
    job = enqueue_charge(queue, order_id(), "card-4242", 500)
    assert work_until_done(queue, job, skip_waits=True) == JobStatus.FAILED
    assert fake.calls == 4, "one attempt and three retries, then the job fails for good"
    assert job.id in queue.failed_job_registry.get_job_ids(), "a job out of retries ends in the failed registry"


@pytest.mark.task(taskno=3)
def test_a_retry_after_a_lost_answer_does_not_charge_twice(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    fake = provider("lost")
    job = enqueue_charge(queue, order_id(), "card-4242", 2500)
    assert work_until_done(queue, job, skip_waits=True) == JobStatus.FINISHED
    assert fake.calls == 2, "the first attempt raised (its answer was lost), so RQ ran the job again"
    assert fake.charges == [("card-4242", 2500)], (
        "the first attempt DID charge: the retry must send the same idempotency key, so the provider charges once"
    )
    assert job.return_value(refresh=True) == "ch_1", "the retry gets the first charge's id back"


@pytest.mark.task(taskno=3)
def test_the_same_order_enqueued_twice_is_charged_once(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    fake = provider()
    order = order_id()
    first = enqueue_charge(queue, order, "card-4242", 700)
    second = enqueue_charge(queue, order, "card-4242", 700)
    work_until_done(queue, first)
    work_until_done(queue, second)
    assert fake.charges == [("card-4242", 700)], "a double click enqueues two jobs: the key must come from the order"
    assert first.return_value(refresh=True) == second.return_value(refresh=True) == "ch_1"


@pytest.mark.task(taskno=3)
def test_two_orders_of_the_same_amount_are_two_charges(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    fake = provider()
    first = enqueue_charge(queue, order_id(), "card-4242", 700)
    second = enqueue_charge(queue, order_id(), "card-4242", 700)
    work_until_done(queue, first)
    work_until_done(queue, second)
    assert len(fake.charges) == 2, "different orders need different keys, even for the same card and amount"


@pytest.mark.task(taskno=4)
def test_a_reminder_waits_in_the_scheduled_registry(queue: Queue, outbox: list[tuple[str, str]]) -> None:
    cart = f"cart-{uuid.uuid4().hex[:8]}"
    job = schedule_reminder(queue, cart, "ada@example.com", timedelta(minutes=30))
    assert job.func_name == "background_jobs.send_reminder"
    assert job.args == (cart, "ada@example.com")
    assert job.get_status() == JobStatus.SCHEDULED, "a reminder for later is scheduled, not put on the queue"
    assert queue.count == 0
    due = queue.scheduled_job_registry.get_scheduled_time(job)
    expected = datetime.now(UTC) + timedelta(minutes=30)
    assert abs((due - expected).total_seconds()) < 60, f"due at {due}, should be about 30 minutes from now"
    work(queue)
    assert outbox == [], "the worker must not send a reminder before its time"


@pytest.mark.task(taskno=4)
def test_a_due_reminder_is_sent_once(queue: Queue, redis: Redis, outbox: list[tuple[str, str]]) -> None:
    cart = f"cart-{uuid.uuid4().hex[:8]}"
    job = schedule_reminder(queue, cart, "ada@example.com", timedelta(seconds=1))
    assert work_until_done(queue, job) == JobStatus.FINISHED
    assert outbox == [("ada@example.com", f"Your cart {cart} is waiting for you")]
    assert job.return_value(refresh=True) is True


@pytest.mark.task(taskno=4)
def test_no_reminder_for_a_cart_ordered_meanwhile(queue: Queue, redis: Redis, outbox: list[tuple[str, str]]) -> None:
    cart = f"cart-{uuid.uuid4().hex[:8]}"
    job = schedule_reminder(queue, cart, "ada@example.com", timedelta(minutes=30))
    redis.set(f"cart:{cart}:ordered", "1", ex=60)  # the customer checks out before the reminder is due
    try:
        assert work_until_done(queue, job, skip_waits=True) == JobStatus.FINISHED
    finally:
        redis.delete(f"cart:{cart}:ordered")
    assert outbox == [], "the cart was ordered after the reminder was scheduled: check when the job RUNS"
    assert job.return_value(refresh=True) is False


@pytest.mark.task(taskno=5)
def test_failed_jobs_names_each_failure(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    provider(*["down"] * 8)
    jobs = [enqueue_charge(queue, order_id(), "card-4242", 300) for _ in range(2)]
    for job in jobs:
        work_until_done(queue, job, skip_waits=True)
    assert failed_jobs(queue) == {job.id: "ConnectionError: payment provider unavailable" for job in jobs}, (
        "job id -> the last line of the traceback (the exception's type and message)"
    )


@pytest.mark.task(taskno=5)
def test_failed_jobs_is_empty_when_nothing_failed(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    provider()
    work_until_done(queue, enqueue_charge(queue, order_id(), "card-4242", 300))
    assert failed_jobs(queue) == {}


@pytest.mark.task(taskno=5)
def test_retry_failed_requeues_the_failed_jobs(queue: Queue, provider: Callable[..., FakeProvider]) -> None:
    fake = provider(*["down"] * 4)
    job = enqueue_charge(queue, order_id(), "card-4242", 300)
    work_until_done(queue, job, skip_waits=True)
    assert retry_failed(queue) == 1, "retry_failed returns how many jobs it put back"
    assert job.get_status() == JobStatus.QUEUED
    assert queue.failed_job_registry.get_job_ids() == [], "a requeued job leaves the failed registry"
    assert work_until_done(queue, job) == JobStatus.FINISHED, "the provider is back: the requeued job succeeds"
    assert fake.charges == [("card-4242", 300)]
    assert retry_failed(queue) == 0
