"""Tests for the query-plans kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Every test fills a fresh database with 2,000 customers and 20,000 orders and runs ANALYZE, so the
planner knows the table sizes and picks an index when one really helps (no planner switch is
turned off to force it). Tasks 2 and 3 are checked with the tests' own reading of the plan, so
they do not depend on your task 1.

Mistakes these tests catch: reading only the top node of a PostgreSQL plan, taking every node that
names a table for a full scan, missing the index of a bitmap scan, counting SQLite's
`SCAN ... USING INDEX` as a full scan, a composite index with its columns the wrong way round,
one index per column instead of one composite, a plain index on `email` for a `lower(email)` query,
a full index where a partial one (`... WHERE status = 'pending'`) holds a hundredth of the entries.
"""

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from query_plans import (
    FIND_CUSTOMER,
    PENDING_ORDERS,
    RECENT_ORDERS,
    explain,
    index_customer_email,
    index_pending_orders,
    index_recent_orders,
)
from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, insert, text

CUSTOMERS, ORDERS = 2_000, 20_000
metadata = MetaData()
customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("email", String(120), nullable=False),
    Column("name", String(80), nullable=False),
)
orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("placed_at", DateTime, nullable=False),
    Column("total_cents", Integer, nullable=False),
)
START = datetime(2026, 1, 1, 9, 0)
JOIN_BY_ORDER = (
    "SELECT orders.id, customers.email FROM orders JOIN customers ON customers.id = orders.customer_id"
    " WHERE orders.id = :id"
)


@pytest.fixture
def shop(engine: Engine) -> Engine:
    """A database with 2,000 customers and 20,000 orders (customer 3 has 10), analysed."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(customers),
            [{"id": i, "email": f"User.{i}@Example.COM", "name": f"Customer {i}"} for i in range(1, CUSTOMERS + 1)],
        )
        conn.execute(
            insert(orders),
            [
                {
                    "id": i,
                    "customer_id": i % CUSTOMERS + 1,
                    "status": "pending" if i % 100 == 0 else "shipped",
                    "placed_at": START + timedelta(minutes=7 * i),
                    "total_cents": i * 37 % 10_000,
                }
                for i in range(1, ORDERS + 1)
            ],
        )
    analyse(engine)
    return engine


def analyse(engine: Engine) -> None:
    """Refresh the planner's statistics of the two tables and their indexes (not of the whole database)."""
    with engine.begin() as conn:
        for table in ("customers", "orders"):
            conn.execute(text(f"ANALYZE {table}"))


def raw_plan(engine: Engine, query: str, params: dict[str, Any]) -> list[Any]:
    """PostgreSQL: every plan node (a dict), depth first. SQLite: the EXPLAIN QUERY PLAN lines."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return [row.detail for row in conn.execute(text(f"EXPLAIN QUERY PLAN {query}"), params)]
        document = conn.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}"), params).scalar_one()
    nodes, stack = [], [document[0]["Plan"]]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(reversed(node.get("Plans", [])))
    return nodes


def index_names(engine: Engine, table: str) -> set[str]:
    """The names of the indexes on `table`."""
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table"
        if engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = :table"
    )
    with engine.connect() as conn:
        return set(conn.execute(text(query), {"table": table}).scalars())


def first_column(engine: Engine, index: str) -> str:
    """PostgreSQL: the first column (or expression) of an index."""
    query = text(
        "SELECT pg_get_indexdef(i.indexrelid, 1, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE c.relname = :index AND c.relnamespace = current_schema()::regnamespace"
    )
    with engine.connect() as conn:
        return str(conn.execute(query, {"index": index}).scalar_one())


def entries(engine: Engine, index: str) -> int:
    """How many entries an index holds, as ANALYZE counted them."""
    query = (
        "SELECT stat FROM sqlite_stat1 WHERE idx = :index"
        if engine.dialect.name == "sqlite"
        else "SELECT reltuples FROM pg_class WHERE relname = :index AND relnamespace = current_schema()::regnamespace"
    )
    with engine.connect() as conn:
        return int(str(conn.execute(text(query), {"index": index}).scalar_one()).split()[0].removesuffix(".0"))


def new_index(engine: Engine, table: str, create: Any) -> set[str]:
    """Run the learner's `create(engine)`, refresh the statistics, and return the indexes it added to `table`."""
    before = index_names(engine, table)
    create(engine)
    analyse(engine)
    added = index_names(engine, table) - before
    assert added, f"{create.__name__} should create an index on {table} (CREATE INDEX name ON {table} (...))"
    return added


@pytest.mark.task(taskno=1)
def test_a_table_without_a_usable_index_is_read_whole(shop: Engine) -> None:
    plan = explain(shop, "SELECT id FROM orders WHERE total_cents = :cents", {"cents": 370})
    assert plan.full_scans == {"orders"}, f"no index on total_cents, so orders is read whole: {plan}"
    assert plan.indexes == set(), f"this plan reads no index: {plan}"
    expected = ["Seq Scan"] if shop.dialect.name == "postgresql" else ["SCAN orders"]
    assert plan.nodes == expected, f"the plan has one step: {plan}"


@pytest.mark.task(taskno=1)
def test_nodes_list_every_step_parent_first(shop: Engine) -> None:
    plan = explain(shop, RECENT_ORDERS, {"customer": 3})
    if shop.dialect.name == "postgresql":
        assert plan.nodes == ["Limit", "Sort", "Seq Scan"], (
            f"walk the whole tree: the node, then each of its 'Plans', depth first: {plan}"
        )
    else:
        assert plan.nodes == ["SCAN orders", "USE TEMP B-TREE FOR ORDER BY"], (
            f"SQLite's plan: the detail column of every EXPLAIN QUERY PLAN row, in order: {plan}"
        )
    assert plan.full_scans == {"orders"}, f"without an index the orders are read whole: {plan}"


@pytest.mark.task(taskno=1)
def test_finds_the_index_a_lookup_reads(shop: Engine) -> None:
    with shop.begin() as conn:
        conn.execute(text("CREATE INDEX orders_by_total ON orders (total_cents)"))
    analyse(shop)
    plan = explain(shop, "SELECT id, placed_at FROM orders WHERE total_cents = :cents", {"cents": 370})
    assert plan.indexes == {"orders_by_total"}, (
        f"the lookup reads the index orders_by_total (on PostgreSQL maybe in a 'Bitmap Index Scan' node): {plan}"
    )
    assert plan.full_scans == set(), (
        f"reading rows found through an index (Index Scan, Bitmap Heap Scan, SQLite's SEARCH) is no full scan: {plan}"
    )


@pytest.mark.task(taskno=1)
def test_reads_the_nodes_below_the_top_one(shop: Engine) -> None:
    plan = explain(shop, JOIN_BY_ORDER, {"id": 3})
    assert plan.full_scans == set(), f"both tables are looked up by primary key: {plan}"
    if shop.dialect.name == "postgresql":
        assert plan.nodes == ["Nested Loop", "Index Scan", "Index Scan"], f"the join and its two lookups: {plan}"
        assert plan.indexes == {"orders_pkey", "customers_pkey"}, (
            f"the lookups sit below the join node, in its 'Plans': {plan}"
        )
    else:
        assert plan.nodes == [
            "SEARCH orders USING INTEGER PRIMARY KEY (rowid=?)",
            "SEARCH customers USING INTEGER PRIMARY KEY (rowid=?)",
        ], f"one line per table: {plan}"
        assert plan.indexes == set(), f"SQLite's rowid lookups read no named index: {plan}"


@pytest.mark.task(taskno=1)
def test_tells_a_full_scan_from_a_full_index_scan(shop: Engine) -> None:
    with shop.begin() as conn:
        conn.execute(text("CREATE INDEX orders_by_customer ON orders (customer_id)"))
    analyse(shop)
    query = "SELECT orders.id FROM orders JOIN customers ON customers.id = orders.customer_id WHERE customers.name = :n"
    plan = explain(shop, query, {"n": "Customer 7"})
    assert plan.full_scans == {"customers"}, f"no index on name: customers is read whole, orders looked up: {plan}"
    assert plan.indexes == {"orders_by_customer"}, f"the orders of that customer come through the index: {plan}"
    if shop.dialect.name == "sqlite":
        plan = explain(shop, "SELECT count(*) FROM orders")
        assert plan.nodes == ["SCAN orders USING COVERING INDEX orders_by_customer"], f"SQLite's plan: {plan}"
        assert (plan.full_scans, plan.indexes) == (set(), {"orders_by_customer"}), (
            f"'SCAN orders USING ... INDEX x' reads the index x, not the table: only a bare 'SCAN orders' is a full scan: {plan}"
        )


@pytest.mark.task(taskno=2)
def test_recent_orders_come_from_your_index_without_sorting(shop: Engine) -> None:
    added = new_index(shop, "orders", index_recent_orders)
    plan = raw_plan(shop, RECENT_ORDERS, {"customer": 3})
    if shop.dialect.name == "postgresql":
        types = [node["Node Type"] for node in plan]
        used = {node.get("Index Name") for node in plan} & added
        assert used, f"the plan should read your index {sorted(added)}, but its nodes are {types}"
        assert "Seq Scan" not in types, f"the plan still reads all the orders: {types}"
        assert "Sort" not in types, (
            f"the plan still sorts the customer's orders ({types}): one index on (customer_id, placed_at)"
            " gives them already in order"
        )
    else:
        pattern = re.compile(rf"SEARCH orders USING (COVERING )?INDEX ({'|'.join(added)}) \(customer_id=\?\)")
        assert any(pattern.fullmatch(line) for line in plan), (
            f"SQLite should SEARCH your index {sorted(added)} by customer_id, but its plan is {plan}"
        )
        assert not any("TEMP B-TREE" in line for line in plan), (
            f"the plan still sorts the customer's orders: {plan}; put placed_at in the index after customer_id"
        )


@pytest.mark.task(taskno=2)
def test_your_index_starts_with_the_column_the_where_tests(shop: Engine) -> None:
    added = new_index(shop, "orders", index_recent_orders)
    if shop.dialect.name == "postgresql":
        firsts = {index: first_column(shop, index) for index in added}
        assert "customer_id" in firsts.values(), (
            f"your index starts with {firsts}: the planner can only jump to one customer's entries when"
            " customer_id comes first (an index on (placed_at, customer_id) is read from end to end)"
        )
    else:
        plan = raw_plan(shop, RECENT_ORDERS, {"customer": 3})
        assert not any(line.startswith("SCAN orders") for line in plan), (
            f"SQLite reads your index from end to end ({plan}) instead of jumping to customer 3's entries:"
            " put customer_id first"
        )


@pytest.mark.task(taskno=2)
def test_the_index_changes_the_speed_not_the_answer(shop: Engine) -> None:
    index_recent_orders(shop)
    with shop.connect() as conn:
        got = [row.id for row in conn.execute(text(RECENT_ORDERS), {"customer": 3})]
    assert got == [18_002, 16_002, 14_002, 12_002, 10_002], "customer 3's five newest orders, newest first"


@pytest.mark.task(taskno=3)
def test_an_email_lookup_reads_your_index(shop: Engine) -> None:
    added = new_index(shop, "customers", index_customer_email)
    plan = raw_plan(shop, FIND_CUSTOMER, {"email": "user.7@example.com"})
    if shop.dialect.name == "postgresql":
        types = [node["Node Type"] for node in plan]
        assert "Seq Scan" not in types, (
            f"the lookup still reads every customer ({types}): an index on email holds 'User.7@Example.COM',"
            " but the query looks for lower(email); index the expression the WHERE uses"
        )
        used = {node.get("Index Name") for node in plan} & added
        assert used, f"the plan should read your index {sorted(added)}, but its nodes are {types}"
    else:
        assert not any(line == "SCAN customers" for line in plan), (
            f"the lookup still reads every customer ({plan}): an index on email cannot answer lower(email) = ...;"
            " index the expression the WHERE uses"
        )
        assert any(re.search(rf"INDEX ({'|'.join(added)}) ", line) for line in plan), (
            f"the plan should read your index {sorted(added)}: {plan}"
        )


@pytest.mark.task(taskno=3)
def test_an_email_lookup_ignores_case(shop: Engine) -> None:
    index_customer_email(shop)
    with shop.connect() as conn:
        found = [
            conn.execute(text(FIND_CUSTOMER), {"email": email}).scalars().all()
            for email in ("USER.7@example.com", "user.1999@EXAMPLE.com")
        ]
    assert found == [[7], [1999]], "the index must not change what the query finds"


@pytest.mark.task(taskno=4)
def test_pending_orders_come_from_your_index_without_sorting(shop: Engine) -> None:
    added = new_index(shop, "orders", index_pending_orders)
    plan = raw_plan(shop, PENDING_ORDERS, {})
    if shop.dialect.name == "postgresql":
        types = [node["Node Type"] for node in plan]
        assert "Seq Scan" not in types, (
            f"the plan still reads every order ({types}): does your index's WHERE match the query's,"
            " status = 'pending'?"
        )
        assert "Sort" not in types, f"the plan still sorts the pending orders ({types}): index them by placed_at"
        used = {node.get("Index Name") for node in plan} & added
        assert used, f"the plan should read your index {sorted(added)}, but its nodes are {types}"
    else:
        assert "SCAN orders" not in plan, (
            f"the plan still reads every order ({plan}): does your index's WHERE match the query's, status = 'pending'?"
        )
        assert not any("TEMP B-TREE" in line for line in plan), f"the plan still sorts the pending orders: {plan}"
        assert any(re.search(rf"INDEX ({'|'.join(added)})\b", line) for line in plan), (
            f"the plan should read your index {sorted(added)}: {plan}"
        )


@pytest.mark.task(taskno=4)
def test_your_index_holds_only_the_pending_orders(shop: Engine) -> None:
    added = new_index(shop, "orders", index_pending_orders)
    sizes = {index: entries(shop, index) for index in added}
    assert sorted(sizes.values()) == [ORDERS // 100], (
        f"your index holds {sizes} entries, but only the {ORDERS // 100} pending orders of {ORDERS} belong in it:"
        " a partial index (CREATE INDEX ... WHERE ...) leaves the others out"
    )


@pytest.mark.task(taskno=4)
def test_the_partial_index_changes_the_speed_not_the_answer(shop: Engine) -> None:
    index_pending_orders(shop)
    with shop.connect() as conn:
        got = [row.id for row in conn.execute(text(PENDING_ORDERS))]
    assert got == list(range(100, 2_001, 100)), "the 20 oldest pending orders, oldest first"
