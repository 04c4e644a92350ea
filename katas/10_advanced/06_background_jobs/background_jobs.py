"""Background jobs with RQ: charge orders with retries, remind about carts later, inspect what failed."""

from __future__ import annotations

from datetime import timedelta

from rq import Queue, Retry, get_current_job  # noqa: F401  (you will need them)
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
    """The job (tasks 1 and 3): charge the order once, however often it runs; return the charge id."""
    raise NotImplementedError


def enqueue_charge(queue: Queue, order_id: str, card: str, amount_cents: int) -> Job:
    """Put `charge_order` on the queue (task 1), retried 3 times after 1, 2 and 4 seconds (task 2)."""
    raise NotImplementedError


def send_reminder(cart_id: str, email: str) -> bool:
    """The job (task 4): remind `email` of the cart, unless it was ordered meanwhile; True when an email went out."""
    raise NotImplementedError


def schedule_reminder(queue: Queue, cart_id: str, email: str, delay: timedelta) -> Job:
    """Schedule `send_reminder` to run after `delay` (task 4)."""
    raise NotImplementedError


def failed_jobs(queue: Queue) -> dict[str, str]:
    """Every job in the queue's failed-job registry: its id and the last line of its traceback (task 5)."""
    raise NotImplementedError


def retry_failed(queue: Queue) -> int:
    """Put every failed job of the queue back on it; return how many (task 5)."""
    raise NotImplementedError
