"""Query plans: ask the database how it runs a query, and give it the indexes it needs.

Tables (made by the tests):
    customers(id, email, name)
    orders(id, customer_id, status, placed_at, total_cents)
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Engine, text

# The queries the indexes of tasks 2 to 4 are for (the tests run them as they are).
RECENT_ORDERS = "SELECT id, placed_at FROM orders WHERE customer_id = :customer ORDER BY placed_at DESC LIMIT 5"
FIND_CUSTOMER = "SELECT id FROM customers WHERE lower(email) = lower(:email)"
PENDING_ORDERS = "SELECT id, placed_at FROM orders WHERE status = 'pending' ORDER BY placed_at LIMIT 20"


class Plan(NamedTuple):
    """What a query plan says: its steps in order, the tables read whole, the indexes read."""

    nodes: list[str]
    full_scans: set[str]
    indexes: set[str]


# SQLite's EXPLAIN QUERY PLAN lines: "SCAN orders" reads the whole table; "SEARCH orders USING INDEX
# orders_by_total (total_cents=?)" and "SCAN orders USING COVERING INDEX ..." read an index.
_SQLITE_FULL_SCAN = re.compile(r"SCAN (\S+)")
_SQLITE_INDEX = re.compile(r"USING (?:COVERING )?INDEX (\S+)")


def _walk(node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """A PostgreSQL plan node, then every node below it, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def explain(engine: Engine, query: str, params: Mapping[str, Any] | None = None) -> Plan:
    """Run EXPLAIN on `query` (with its `params`) and sum up the plan, on PostgreSQL or SQLite."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            document = conn.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}"), params or {}).scalar_one()
            nodes = list(_walk(document[0]["Plan"]))
            return Plan(
                nodes=[node["Node Type"] for node in nodes],
                full_scans={node["Relation Name"] for node in nodes if node["Node Type"] == "Seq Scan"},
                indexes={node["Index Name"] for node in nodes if "Index Name" in node},
            )
        details = [row.detail for row in conn.execute(text(f"EXPLAIN QUERY PLAN {query}"), params or {})]
    full_scans = {match[1] for detail in details if (match := _SQLITE_FULL_SCAN.fullmatch(detail))}
    indexes = {match[1] for detail in details if (match := _SQLITE_INDEX.search(detail))}
    return Plan(nodes=details, full_scans=full_scans, indexes=indexes)


def index_recent_orders(engine: Engine) -> None:
    """Create the index that lets RECENT_ORDERS find a customer's newest orders without reading or sorting others."""
    with engine.begin() as conn:
        # Equality column first, then the column the rows are sorted by: the index holds each
        # customer's orders together, already in placed_at order, so LIMIT 5 reads just 5 entries.
        conn.execute(text("CREATE INDEX orders_by_customer_recent ON orders (customer_id, placed_at)"))


def index_customer_email(engine: Engine) -> None:
    """Create the index that FIND_CUSTOMER's `lower(email) = ...` can use."""
    with engine.begin() as conn:
        # The query compares lower(email), so index exactly that expression: a plain index on email
        # holds "Ada@Example.com", which the lowered value cannot be looked up in.
        conn.execute(text("CREATE INDEX customers_by_lower_email ON customers (lower(email))"))


def index_pending_orders(engine: Engine) -> None:
    """Create a small index that serves PENDING_ORDERS: only the pending orders, in placed_at order."""
    with engine.begin() as conn:
        # A partial index: 1 order in 100 is pending, so it holds 1 entry in 100, and the rows
        # it holds are exactly the ones the query wants, already sorted.
        conn.execute(text("CREATE INDEX pending_orders_by_time ON orders (placed_at) WHERE status = 'pending'"))
