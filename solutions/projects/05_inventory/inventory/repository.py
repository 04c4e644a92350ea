"""The repository: every query the services need, behind names that say what they find.

Services never build SQL themselves; they ask the repository, which speaks SQLAlchemy.
`take` and `put` are the two writes that must be safe under concurrency, and `locked_quantity` the one
read that is (milestone 4).
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from inventory.models import Base, Category, Location, Product, StockLevel, StockMovement, Supplier, Warehouse


class Repository:
    """Queries and writes on one session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entity: Base) -> None:
        """Stage a new row; it is written at the next flush or commit."""
        self.session.add(entity)
        self.session.flush()

    def delete(self, entity: Base) -> None:
        """Delete a row now (flush), so a foreign key that forbids it fails here."""
        self.session.delete(entity)
        self.session.flush()

    def category(self, name: str) -> Category | None:
        """The category of that name, or None (and so on for the finders below)."""
        return self.session.scalars(select(Category).where(Category.name == name)).one_or_none()

    def supplier(self, name: str) -> Supplier | None:
        return self.session.scalars(select(Supplier).where(Supplier.name == name)).one_or_none()

    def product(self, sku: str) -> Product | None:
        query = select(Product).where(Product.sku == sku)
        return self.session.scalars(
            query.options(joinedload(Product.category), joinedload(Product.supplier))
        ).one_or_none()

    def products(self, category: str | None = None) -> list[Product]:
        """Every product, by SKU; only those of `category` when given."""
        query = (
            select(Product).join(Product.category).options(joinedload(Product.category), joinedload(Product.supplier))
        )
        if category is not None:
            query = query.where(Category.name == category)
        return list(self.session.scalars(query.order_by(Product.sku)))

    def warehouse(self, code: str) -> Warehouse | None:
        return self.session.scalars(select(Warehouse).where(Warehouse.code == code)).one_or_none()

    def location(self, warehouse_code: str, code: str) -> Location | None:
        query = select(Location).join(Location.warehouse).where(Warehouse.code == warehouse_code, Location.code == code)
        return self.session.scalars(query.options(joinedload(Location.warehouse))).one_or_none()

    def locations(self) -> list[Location]:
        query = select(Location).join(Location.warehouse).options(joinedload(Location.warehouse))
        return list(self.session.scalars(query.order_by(Warehouse.code, Location.code)))

    def stock(self, sku: str | None = None) -> list[tuple[str, str, str, int]]:
        """(sku, warehouse code, location code, quantity) for every non-empty stock level."""
        query = (
            select(Product.sku, Warehouse.code, Location.code, StockLevel.quantity)
            .join(Product, StockLevel.product_id == Product.id)
            .join(Location, StockLevel.location_id == Location.id)
            .join(Warehouse, Location.warehouse_id == Warehouse.id)
            .where(StockLevel.quantity > 0)
            .order_by(Product.sku, Warehouse.code, Location.code)
        )
        if sku is not None:
            query = query.where(Product.sku == sku)
        return [(row[0], row[1], row[2], row[3]) for row in self.session.execute(query)]

    def quantity(self, product: Product, location: Location) -> int:
        """Units of `product` in `location` now (0 without a stock level row), read fresh from the database."""
        level = self.session.get(StockLevel, (product.id, location.id), populate_existing=True)
        return 0 if level is None else level.quantity

    def locked_quantity(self, product: Product, location: Location, *, create: bool = False) -> int:
        """Units of `product` in `location`, with the row locked until the transaction ends (`SELECT ... FOR
        UPDATE`; SQLite's `BEGIN IMMEDIATE` already holds the whole database): nobody changes it meanwhile.

        A missing row is 0 and cannot be locked; `create=True` makes it first (as `put` does), waiting for
        a transaction that is making it at the same moment.
        """
        if create:
            self._create_level(product, location)
        query = (
            select(StockLevel.quantity)
            .where(StockLevel.product_id == product.id, StockLevel.location_id == location.id)
            .with_for_update()
        )
        return self.session.scalar(query) or 0

    def has_stock_or_history(self, product: Product) -> bool:
        """True once the product has a stock level or a movement."""
        moved = select(StockMovement.id).where(StockMovement.product_id == product.id).limit(1)
        stocked = select(StockLevel.product_id).where(StockLevel.product_id == product.id).limit(1)
        return self.session.scalar(moved) is not None or self.session.scalar(stocked) is not None

    def take(self, product: Product, location: Location, quantity: int) -> bool:
        """Remove `quantity` units if, and only if, that many are there: one atomic conditional UPDATE.

        The database checks `quantity >= :n` and subtracts in the same statement, under the row's
        write lock, so two transactions can never both take the last unit. False: not enough stock.
        """
        statement = (
            update(StockLevel)
            .where(
                StockLevel.product_id == product.id,
                StockLevel.location_id == location.id,
                StockLevel.quantity >= quantity,
            )
            .values(quantity=StockLevel.quantity - quantity)
            .execution_options(synchronize_session=False)
        )
        result = cast(CursorResult[Any], self.session.execute(statement))
        return result.rowcount == 1

    def put(self, product: Product, location: Location, quantity: int) -> None:
        """Add `quantity` units, creating the stock level row if needed (safe if two do it at once)."""
        self._create_level(product, location)
        self.session.execute(
            update(StockLevel)
            .where(StockLevel.product_id == product.id, StockLevel.location_id == location.id)
            .values(quantity=StockLevel.quantity + quantity)
            .execution_options(synchronize_session=False)
        )

    def _create_level(self, product: Product, location: Location) -> None:
        """The stock level row at 0, unless it exists (INSERT ... ON CONFLICT DO NOTHING: safe if two do it)."""
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self.session.execute(
            insert(StockLevel)
            .values(product_id=product.id, location_id=location.id, quantity=0)
            .on_conflict_do_nothing(index_elements=["product_id", "location_id"])
        )

    def movements(self, sku: str | None = None) -> list[StockMovement]:
        """The journal in the order it was written, all of it or for one product."""
        query = select(StockMovement).options(
            joinedload(StockMovement.product),
            joinedload(StockMovement.source).joinedload(Location.warehouse),
            joinedload(StockMovement.destination).joinedload(Location.warehouse),
        )
        if sku is not None:
            query = query.join(StockMovement.product).where(Product.sku == sku)
        return list(self.session.scalars(query.order_by(StockMovement.id)))
