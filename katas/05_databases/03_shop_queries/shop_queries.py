"""CRUD, joins and aggregates on a small shop, with SQLAlchemy Core and plain SQL.

Tables (made by the tests):
    customers(id, name)
    products(id, name, price_cents)
    orders(id, customer_id -> customers.id)
    order_items(order_id -> orders.id, product_id -> products.id, quantity)

Every function takes an open `sqlalchemy.Connection` and leaves committing to the caller.
"""

from sqlalchemy import Connection


def add_product(conn: Connection, name: str, price_cents: int) -> int:
    """Insert a product and return its new id."""
    raise NotImplementedError("add_product: write me (task 1)")


def get_product(conn: Connection, product_id: int) -> tuple[str, int] | None:
    """Return (name, price_cents) of the product, or None if there is no such product."""
    raise NotImplementedError("get_product: write me (task 1)")


def update_price(conn: Connection, product_id: int, price_cents: int) -> bool:
    """Set a product's price; return True if a product was changed, False if the id is unknown."""
    raise NotImplementedError("update_price: write me (task 2)")


def delete_product(conn: Connection, product_id: int) -> bool:
    """Delete a product; return True if it existed."""
    raise NotImplementedError("delete_product: write me (task 2)")


def order_lines(conn: Connection, order_id: int) -> list[tuple[str, int, int]]:
    """Return (product name, quantity, line total in cents) for each item of the order, by product name."""
    raise NotImplementedError("order_lines: write me (task 3)")


def customers_without_orders(conn: Connection) -> list[str]:
    """Return the names of customers who never ordered, sorted."""
    raise NotImplementedError("customers_without_orders: write me (task 3)")


def revenue_by_customer(conn: Connection) -> list[tuple[str, int]]:
    """Return (customer name, total spent in cents) for customers with orders, biggest first, then by name."""
    raise NotImplementedError("revenue_by_customer: write me (task 4)")


def big_spenders(conn: Connection, min_cents: int) -> list[str]:
    """Return the names of customers who spent at least `min_cents` in total, sorted."""
    raise NotImplementedError("big_spenders: write me (task 4)")
