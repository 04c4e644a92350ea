"""Background jobs with RQ: charge orders with retries, remind about carts later, inspect what failed."""

from __future__ import annotations

from datetime import timedelta

from rq import Queue, Retry, get_current_job
from rq.job import Job


def charge_card(card: str, amount_cents: int, idempotency_key: str | None = None) -> str:
    """The payment provider: charges `card` and returns the charge's id. The tests replace it with a fake.

    A call with an `idempotency_key` the provider has seen before charges nothing and returns the first
    charge's id; a call without one always charges again.
    """
    raise NotImplementedError("the tests replace charge_card with a fake payment provider")  # pragma: no mutate


def send_email(to: str, subject: str) -> None:
    """The mail service. The tests replace it with a fake that records what was sent."""
    raise NotImplementedError("the tests replace send_email with a fake mail service")  # pragma: no mutate


def charge_order(order_id: str, card: str, amount_cents: int) -> str:
    """The job: charge the order once, however often it runs; return the charge id."""
    return charge_card(card, amount_cents, idempotency_key=f"order-{order_id}")


def enqueue_charge(queue: Queue, order_id: str, card: str, amount_cents: int) -> Job:
    """Put `charge_order` on the queue, retried 3 times after 1, 2 and 4 seconds; refuse an amount below 1."""
    if amount_cents < 1:
        raise ValueError(f"amount_cents must be at least 1, got {amount_cents}")
    return queue.enqueue(charge_order, order_id, card, amount_cents, retry=Retry(max=3, interval=[1, 2, 4]))


def send_reminder(cart_id: str, email: str) -> bool:
    """The job: remind `email` of the cart, unless it was ordered meanwhile; True when an email went out."""
    job = get_current_job()
    if job is None:
        raise RuntimeError("send_reminder runs inside an RQ worker")  # pragma: no mutate
    if job.connection.exists(f"cart:{cart_id}:ordered"):
        return False
    send_email(email, f"Your cart {cart_id} is waiting for you")
    return True


def schedule_reminder(queue: Queue, cart_id: str, email: str, delay: timedelta) -> Job:
    """Schedule `send_reminder` to run after `delay` (a worker started with the scheduler enqueues it then)."""
    return queue.enqueue_in(delay, send_reminder, cart_id, email)


def failed_jobs(queue: Queue) -> dict[str, str]:
    """Every job in the queue's failed-job registry: its id and the last line of its traceback."""
    failed: dict[str, str] = {}
    for job_id in queue.failed_job_registry.get_job_ids():
        result = Job.fetch(job_id, connection=queue.connection).latest_result()
        if result is not None and result.exc_string:  # pragma: no mutate (a failed job has its traceback)
            failed[job_id] = result.exc_string.strip().splitlines()[-1]
    return failed


def retry_failed(queue: Queue) -> int:
    """Put every failed job of the queue back on it; return how many."""
    registry = queue.failed_job_registry
    job_ids = registry.get_job_ids()
    for job_id in job_ids:
        registry.requeue(job_id)
    return len(job_ids)
