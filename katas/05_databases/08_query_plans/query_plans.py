"""Query plans: ask the database how it runs a query, and give it the indexes it needs.

Tables (made by the tests):
    customers(id, email, name)
    orders(id, customer_id, status, placed_at, total_cents)
"""

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import Engine

# The two queries the indexes of tasks 2 and 3 are for (the tests run them as they are).
RECENT_ORDERS = "SELECT id, placed_at FROM orders WHERE customer_id = :customer ORDER BY placed_at DESC LIMIT 5"
FIND_CUSTOMER = "SELECT id FROM customers WHERE lower(email) = lower(:email)"


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
