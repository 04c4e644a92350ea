"""CRUD, joins and aggregates on a small shop, with SQLAlchemy Core and plain SQL.

Tables (made by the tests):
    customers(id, name)
    products(id, name, price_cents)
    orders(id, customer_id -> customers.id)
    order_items(order_id -> orders.id, product_id -> products.id, quantity)

Every function takes an open `sqlalchemy.Connection` and leaves committing to the caller.
"""

from sqlalchemy import Connection, text

_SPENT_PER_CUSTOMER = """
    SELECT c.name, SUM(oi.quantity * p.price_cents) AS spent
    FROM customers AS c
    JOIN orders AS o ON o.customer_id = c.id
    JOIN order_items AS oi ON oi.order_id = o.id
    JOIN products AS p ON p.id = oi.product_id
    GROUP BY c.id, c.name
"""


def add_product(conn: Connection, name: str, price_cents: int) -> int:
    """Insert a product and return its new id."""
    new_id = conn.execute(
        text("INSERT INTO products (name, price_cents) VALUES (:name, :price) RETURNING id"),
        {"name": name, "price": price_cents},
    ).scalar_one()
    return int(new_id)


def get_product(conn: Connection, product_id: int) -> tuple[str, int] | None:
    """Return (name, price_cents) of the product, or None if there is no such product."""
    row = conn.execute(text("SELECT name, price_cents FROM products WHERE id = :id"), {"id": product_id}).one_or_none()
    return None if row is None else (row.name, row.price_cents)


def update_price(conn: Connection, product_id: int, price_cents: int) -> bool:
    """Set a product's price; return True if a product was changed, False if the id is unknown."""
    result = conn.execute(
        text("UPDATE products SET price_cents = :price WHERE id = :id"), {"price": price_cents, "id": product_id}
    )
    return result.rowcount == 1


def delete_product(conn: Connection, product_id: int) -> bool:
    """Delete a product; return True if it existed."""
    result = conn.execute(text("DELETE FROM products WHERE id = :id"), {"id": product_id})
    return result.rowcount == 1


def order_lines(conn: Connection, order_id: int) -> list[tuple[str, int, int]]:
    """Return (product name, quantity, line total in cents) for each item of the order, by product name."""
    rows = conn.execute(
        text(
            """
            SELECT p.name, oi.quantity, oi.quantity * p.price_cents AS line_total
            FROM order_items AS oi
            JOIN products AS p ON p.id = oi.product_id
            WHERE oi.order_id = :order_id
            ORDER BY p.name
            """
        ),
        {"order_id": order_id},
    )
    return [(name, quantity, int(line_total)) for name, quantity, line_total in rows]


def customers_without_orders(conn: Connection) -> list[str]:
    """Return the names of customers who never ordered, sorted."""
    rows = conn.execute(
        text(
            """
            SELECT c.name
            FROM customers AS c
            LEFT JOIN orders AS o ON o.customer_id = c.id
            WHERE o.id IS NULL
            ORDER BY c.name
            """
        )
    )
    return list(rows.scalars())


def revenue_by_customer(conn: Connection) -> list[tuple[str, int]]:
    """Return (customer name, total spent in cents) for customers with orders, biggest first, then by name."""
    rows = conn.execute(text(_SPENT_PER_CUSTOMER + " ORDER BY spent DESC, c.name"))
    return [(name, int(spent)) for name, spent in rows]


def big_spenders(conn: Connection, min_cents: int) -> list[str]:
    """Return the names of customers who spent at least `min_cents` in total, sorted."""
    rows = conn.execute(
        text(_SPENT_PER_CUSTOMER + " HAVING SUM(oi.quantity * p.price_cents) >= :min ORDER BY c.name"),
        {"min": min_cents},
    )
    return [name for name, _spent in rows]
