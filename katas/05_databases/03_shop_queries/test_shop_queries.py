"""Tests for the shop-queries kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

Mistakes these tests catch: values pasted into the SQL (a quote in a name
breaks it), the new id guessed with MAX(id) or not returned, `get_product`
raising instead of returning None, `update_price`/`delete_product` claiming
success for an unknown id, a line total that forgets the quantity, an inner
join where "customers without orders" needs a LEFT JOIN (or a customer with an
empty order counted as never ordering), revenue summed per order instead of per
customer, ties not broken by name, WHERE instead of HAVING, `>` instead of `>=`.
"""

from collections.abc import Iterator

import pytest
from shop_queries import (
    add_product,
    big_spenders,
    customers_without_orders,
    delete_product,
    get_product,
    order_lines,
    revenue_by_customer,
    update_price,
)
from sqlalchemy import Column, Connection, Engine, ForeignKey, Integer, MetaData, String, Table, insert

metadata = MetaData()
customers = Table("customers", metadata, Column("id", Integer, primary_key=True), Column("name", String(80)))
products = Table(
    "products",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False),
    Column("price_cents", Integer, nullable=False),
)
orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id"), nullable=False),
)
order_items = Table(
    "order_items",
    metadata,
    Column("order_id", ForeignKey("orders.id"), primary_key=True),
    Column("product_id", ForeignKey("products.id"), primary_key=True),
    Column("quantity", Integer, nullable=False),
)

# ids are given by the database in this order: Ada=1 ... Eve=5, Kettle=1 ... Spoon=4, orders 1..5
CUSTOMERS = ["Ada", "Brian", "Chloe", "Dan", "Eve"]
PRODUCTS = [("Kettle", 2500), ("Mug", 800), ("Tea", 450), ("Spoon", 150)]
ORDERS = [1, 1, 2, 4, 5]  # the customer of each order; Chloe (3) never ordered, Dan's order 4 is empty
ITEMS = [(1, 1, 1), (1, 2, 2), (2, 3, 3), (3, 2, 4), (3, 3, 1), (5, 2, 4), (5, 3, 1)]
# Ada: 2500 + 2*800 + 3*450 = 5450 over two orders; Brian: 4*800 + 450 = 3650; Eve: the same 3650


@pytest.fixture
def shop(engine: Engine) -> Iterator[Connection]:
    """A connection to the filled shop (tables made by the test, not by you), rolled back afterwards."""
    metadata.create_all(engine)
    with engine.connect() as conn:
        conn.execute(insert(customers), [{"name": name} for name in CUSTOMERS])
        conn.execute(insert(products), [{"name": name, "price_cents": price} for name, price in PRODUCTS])
        conn.execute(insert(orders), [{"customer_id": customer} for customer in ORDERS])
        conn.execute(insert(order_items), [{"order_id": o, "product_id": p, "quantity": q} for o, p, q in ITEMS])
        yield conn
        conn.rollback()


@pytest.mark.task(taskno=1)
def test_add_product_returns_the_id_the_database_gave(shop: Connection) -> None:
    new_id = add_product(shop, "Teapot", 3000)
    assert new_id == len(PRODUCTS) + 1, (
        f"the fifth product should get id 5, got {new_id!r}: use INSERT ... RETURNING id"
    )
    assert shop.execute(products.select().where(products.c.id == new_id)).one()[1:] == ("Teapot", 3000)


@pytest.mark.task(taskno=1)
def test_add_product_stores_quotes_literally(shop: Connection) -> None:
    name = "Ada's 'Best' Mug"
    new_id = add_product(shop, name, 999)
    assert get_product(shop, new_id) == (name, 999), "pass values as :named parameters, never inside the SQL text"


@pytest.mark.task(taskno=1)
def test_get_product_returns_name_and_price_or_none(shop: Connection) -> None:
    assert get_product(shop, 2) == ("Mug", 800), "get_product(2) should be ('Mug', 800)"
    assert get_product(shop, 999) is None, "an unknown id gives None, not an exception"


@pytest.mark.task(taskno=2)
def test_update_price_changes_only_that_product(shop: Connection) -> None:
    assert update_price(shop, 3, 500) is True, "update_price should return True when it changed a product"
    assert get_product(shop, 3) == ("Tea", 500), "Tea should now cost 500"
    assert get_product(shop, 2) == ("Mug", 800), "a missing WHERE changes every product"
    assert update_price(shop, 999, 1) is False, "an unknown id changes nothing: return False (look at rowcount)"


@pytest.mark.task(taskno=2)
def test_delete_product_reports_whether_it_existed(shop: Connection) -> None:
    assert delete_product(shop, 4) is True, "Spoon (id 4) exists and was never ordered: delete it, return True"
    assert get_product(shop, 4) is None, "Spoon should be gone"
    assert delete_product(shop, 4) is False, "deleting it again finds nothing: return False"
    assert len(shop.execute(products.select()).all()) == len(PRODUCTS) - 1, "only one product should go"


@pytest.mark.task(taskno=3)
def test_order_lines_multiply_quantity_by_price(shop: Connection) -> None:
    assert order_lines(shop, 1) == [("Kettle", 1, 2500), ("Mug", 2, 1600)], (
        "order 1 is one Kettle (2500) and two Mugs (2 * 800), sorted by product name"
    )
    assert order_lines(shop, 4) == [], "order 4 has no items"


@pytest.mark.task(taskno=3)
def test_customers_without_orders_needs_a_left_join(shop: Connection) -> None:
    assert customers_without_orders(shop) == ["Chloe"], (
        "only Chloe never ordered (Dan has an order, even if it is empty): LEFT JOIN orders ... WHERE o.id IS NULL"
    )


@pytest.mark.task(taskno=4)
def test_revenue_by_customer_sums_all_orders_biggest_first(shop: Connection) -> None:
    assert revenue_by_customer(shop) == [("Ada", 5450), ("Brian", 3650), ("Eve", 3650)], (
        "GROUP BY the customer (not the order), SUM(quantity * price_cents), ORDER BY the total DESC then the name"
    )


@pytest.mark.task(taskno=4)
def test_revenue_ties_are_ordered_by_name_whatever_the_ids(shop: Connection) -> None:
    for name in ("Zoe", "Bea"):  # Zoe gets the smaller id, Bea the larger: ids must not decide the order
        customer_id = shop.execute(insert(customers).values(name=name).returning(customers.c.id)).scalar_one()
        order_id = shop.execute(insert(orders).values(customer_id=customer_id).returning(orders.c.id)).scalar_one()
        shop.execute(insert(order_items).values(order_id=order_id, product_id=1, quantity=1))
    tail = revenue_by_customer(shop)[-2:]
    assert tail == [("Bea", 2500), ("Zoe", 2500)], f"equal totals are ordered by name, got {tail}"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("min_cents", "expected"),
    [(0, ["Ada", "Brian", "Eve"]), (3650, ["Ada", "Brian", "Eve"]), (3651, ["Ada"]), (5000, ["Ada"]), (5451, [])],
)
def test_big_spenders_filters_groups_with_having(shop: Connection, min_cents: int, expected: list[str]) -> None:
    assert big_spenders(shop, min_cents) == expected, (
        f"big_spenders({min_cents}) should be {expected}: filter the per-customer totals with HAVING ... >= :min"
    )
