"""Query plans: ask the database how it runs a query, and give it the indexes it needs.

Tables (made by the tests):
    customers(id, email, name)
    orders(id, customer_id, status, placed_at, total_cents)
"""

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import Engine

# The queries the indexes of tasks 2 to 4 are for (the tests run them as they are).
RECENT_ORDERS = "SELECT id, placed_at FROM orders WHERE customer_id = :customer ORDER BY placed_at DESC LIMIT 5"
FIND_CUSTOMER = "SELECT id FROM customers WHERE lower(email) = lower(:email)"
PENDING_ORDERS = "SELECT id, placed_at FROM orders WHERE status = 'pending' ORDER BY placed_at LIMIT 20"


class Plan(NamedTuple):
    """What a query plan says: its steps in order, the tables read whole, the indexes read."""

    nodes: list[str]
    full_scans: set[str]
    indexes: set[str]


def explain(engine: Engine, query: str, params: Mapping[str, Any] | None = None) -> Plan:
    """Run EXPLAIN on `query` (with its `params`) and sum up the plan, on PostgreSQL or SQLite."""
    raise NotImplementedError("explain: write me (task 1)")


def index_recent_orders(engine: Engine) -> None:
    """Create the index that lets RECENT_ORDERS find a customer's newest orders without reading or sorting others."""
    raise NotImplementedError("index_recent_orders: write me (task 2)")


def index_customer_email(engine: Engine) -> None:
    """Create the index that FIND_CUSTOMER's `lower(email) = ...` can use."""
    raise NotImplementedError("index_customer_email: write me (task 3)")


def index_pending_orders(engine: Engine) -> None:
    """Create a small index that serves PENDING_ORDERS: only the pending orders, in placed_at order."""
    raise NotImplementedError("index_pending_orders: write me (task 4)")
