"""Milestone 1: the schema, in third normal form, with the database guarding its own rules.

Every test runs on SQLite and (with DATABASE_URL) PostgreSQL, on tables made by
`Base.metadata.create_all` from your models. The rows are written with plain SQL, so these
tests check the tables themselves, not the services.

Mistakes these tests catch: a category or supplier name copied onto products (not 3NF), a
quantity column on products (it depends on the location too), a stock level keyed by its own
id (the same product twice in one location), location codes unique across all warehouses
instead of within one, money as a float column, a missing CHECK that lets stock go negative
or a receipt carry a source, foreign keys not enforced on SQLite.
"""

from decimal import Decimal

import pytest
from inventory.models import Product
from sqlalchemy import Engine, Numeric, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

TABLES = {"categories", "suppliers", "products", "warehouses", "locations", "stock_levels", "stock_movements"}


@pytest.fixture
def tables(engine: Engine, uow) -> Engine:
    """The engine, once the `uow` fixture has made the tables from your models."""
    return engine


def columns(engine: Engine, table: str) -> dict[str, bool]:
    """Column name -> nullable, read back from the database."""
    return {column["name"]: column["nullable"] for column in inspect(engine).get_columns(table)}


def require(engine: Engine, table: str, *names: str) -> None:
    found = columns(engine, table)
    missing = [name for name in names if name not in found]
    assert not missing, f"table {table} needs the columns {missing} (it has {sorted(found)})"


def run(engine: Engine, statement: str, **values: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), values)


def seed(engine: Engine) -> None:
    """One category, supplier, product (id 1), warehouse and location (id 1)."""
    require(engine, "products", "sku", "name", "category_id", "supplier_id", "unit_cost", "reorder_level")
    require(engine, "locations", "warehouse_id", "code")
    run(engine, "INSERT INTO categories (id, name) VALUES (1, 'Fasteners')")
    run(engine, "INSERT INTO suppliers (id, name) VALUES (1, 'Acme')")
    run(
        engine,
        "INSERT INTO products (id, sku, name, category_id, supplier_id, unit_cost, reorder_level)"
        " VALUES (1, 'BOLT', 'Bolt', 1, 1, 0.12, 10)",
    )
    run(engine, "INSERT INTO warehouses (id, code, name) VALUES (1, 'MAIN', 'Main')")
    run(engine, "INSERT INTO locations (id, warehouse_id, code) VALUES (1, 1, 'A1')")


@pytest.mark.task(taskno=1)
def test_every_table_exists(tables: Engine) -> None:
    assert set(inspect(tables).get_table_names()) >= TABLES, f"the schema needs the tables {sorted(TABLES)}"
    require(tables, "stock_levels", "product_id", "location_id", "quantity")
    require(tables, "stock_movements", "product_id", "kind", "quantity", "source_id", "destination_id", "reference")
    require(tables, "stock_movements", "created_at")


@pytest.mark.task(taskno=1)
def test_products_refer_to_category_and_supplier_by_key(tables: Engine) -> None:
    require(tables, "products", "sku", "name", "category_id", "supplier_id", "unit_cost", "reorder_level")
    product = columns(tables, "products")
    assert not {"category", "category_name", "supplier", "supplier_name", "supplier_email"} & set(product), (
        "3NF: a category's or supplier's name depends on the category or supplier, not the product: store the key only"
    )
    assert not {"quantity", "location_id"} & set(product), (
        "a quantity depends on (product, location), not on the product: it belongs in stock_levels"
    )
    assert product["category_id"] is False, "every product is in a category (NOT NULL)"
    assert product["supplier_id"] is True, "a product may have no supplier (nullable)"
    targets = {
        fk["constrained_columns"][0]: fk["referred_table"] for fk in inspect(tables).get_foreign_keys("products")
    }
    assert targets == {"category_id": "categories", "supplier_id": "suppliers"}, "products need two foreign keys"


@pytest.mark.task(taskno=1)
def test_unit_cost_is_an_exact_decimal(tables: Engine) -> None:
    seed(tables)
    cost = next(c for c in inspect(tables).get_columns("products") if c["name"] == "unit_cost")
    assert isinstance(cost["type"], Numeric), "money is NUMERIC -- Numeric(12, 2) in SQLAlchemy -- never FLOAT"
    assert cost["type"].scale == 2, "money has two decimal places: Numeric(12, 2)"
    with Session(tables) as session:
        session.get(Product, 1).unit_cost = Decimal("1234567.89")
        session.commit()
    with Session(tables) as session:
        assert session.get(Product, 1).unit_cost == Decimal("1234567.89"), "the cost comes back as the exact Decimal"


@pytest.mark.task(taskno=1)
def test_skus_and_category_names_are_unique(tables: Engine) -> None:
    seed(tables)
    with pytest.raises(IntegrityError):
        run(
            tables,
            "INSERT INTO products (id, sku, name, category_id, unit_cost, reorder_level) VALUES (2, 'BOLT', 'Again', 1, 1, 0)",
        )
    with pytest.raises(IntegrityError):
        run(tables, "INSERT INTO categories (id, name) VALUES (2, 'Fasteners')")


@pytest.mark.task(taskno=1)
def test_location_codes_are_unique_within_a_warehouse(tables: Engine) -> None:
    seed(tables)
    run(tables, "INSERT INTO warehouses (id, code, name) VALUES (2, 'EAST', 'East')")
    run(tables, "INSERT INTO locations (id, warehouse_id, code) VALUES (2, 2, 'A1')")  # another warehouse: fine
    with pytest.raises(IntegrityError):
        run(tables, "INSERT INTO locations (id, warehouse_id, code) VALUES (3, 1, 'A1')")


@pytest.mark.task(taskno=1)
def test_a_stock_level_is_keyed_by_product_and_location(tables: Engine) -> None:
    seed(tables)
    key = inspect(tables).get_pk_constraint("stock_levels")["constrained_columns"]
    assert sorted(key) == ["location_id", "product_id"], "the key of stock_levels is the pair (product, location)"
    run(tables, "INSERT INTO stock_levels (product_id, location_id, quantity) VALUES (1, 1, 5)")
    with pytest.raises(IntegrityError):
        run(tables, "INSERT INTO stock_levels (product_id, location_id, quantity) VALUES (1, 1, 7)")


@pytest.mark.task(taskno=1)
def test_the_database_refuses_negative_stock(tables: Engine) -> None:
    seed(tables)
    run(tables, "INSERT INTO stock_levels (product_id, location_id, quantity) VALUES (1, 1, 1)")
    with pytest.raises(IntegrityError):
        run(tables, "UPDATE stock_levels SET quantity = quantity - 2")
    with pytest.raises(IntegrityError):
        run(
            tables,
            "INSERT INTO products (id, sku, name, category_id, unit_cost, reorder_level) VALUES (2, 'X', 'X', 1, -1, 0)",
        )


BAD_MOVEMENTS = [
    ("receipt", 5, 1, None, "a receipt comes from outside: no source"),
    ("shipment", 5, None, 1, "a shipment goes outside: no destination"),
    ("transfer", 5, 1, 1, "a transfer needs two different locations"),
    ("adjustment", 5, None, None, "an adjustment changes exactly one location"),
    ("receipt", 0, None, 1, "quantities are positive; the direction says in or out"),
    ("theft", 5, 1, None, "the kind is one of receipt, shipment, transfer, adjustment"),
]


@pytest.mark.task(taskno=1)
def test_a_movement_must_fit_its_kind(tables: Engine) -> None:
    seed(tables)
    insert = (
        "INSERT INTO stock_movements (product_id, kind, quantity, source_id, destination_id, reference)"
        " VALUES (1, :kind, :quantity, :source, :destination, '')"
    )
    run(tables, insert, kind="receipt", quantity=5, source=None, destination=1)  # a good one goes in
    for kind, quantity, source, destination, rule in BAD_MOVEMENTS:
        try:
            run(tables, insert, kind=kind, quantity=quantity, source=source, destination=destination)
        except IntegrityError:
            continue
        pytest.fail(f"the database accepted {kind} of {quantity} from {source} to {destination}: {rule}")


@pytest.mark.task(taskno=1)
def test_foreign_keys_are_enforced(tables: Engine) -> None:
    seed(tables)
    with pytest.raises(IntegrityError):
        run(tables, "INSERT INTO stock_levels (product_id, location_id, quantity) VALUES (1, 99, 1)")
    with pytest.raises(IntegrityError):
        run(tables, "DELETE FROM warehouses WHERE id = 1")
