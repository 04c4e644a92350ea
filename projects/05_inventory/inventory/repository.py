"""The repository: every query the services need, behind names that say what they find.

Services never build SQL themselves; they ask the repository, which speaks SQLAlchemy.
`take` and `put` are the two writes that must be safe under concurrency (milestone 4).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from inventory.models import Base, Category, Location, Product, StockMovement, Supplier, Warehouse


class Repository:
    """Queries and writes on one session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entity: Base) -> None:
        """Stage a new row; it is written at the next flush or commit."""
        raise NotImplementedError("add: write me (milestone 3)")

    def delete(self, entity: Base) -> None:
        """Delete a row now (flush), so a foreign key that forbids it fails here."""
        raise NotImplementedError("delete: write me (milestone 3)")

    def category(self, name: str) -> Category | None:
        """The category of that name, or None (and so on for the finders below)."""
        raise NotImplementedError("category: write me (milestone 3)")

    def supplier(self, name: str) -> Supplier | None:
        raise NotImplementedError("supplier: write me (milestone 3)")

    def product(self, sku: str) -> Product | None:
        raise NotImplementedError("product: write me (milestone 3)")

    def products(self, category: str | None = None) -> list[Product]:
        """Every product, by SKU; only those of `category` when given."""
        raise NotImplementedError("products: write me (milestone 3)")

    def warehouse(self, code: str) -> Warehouse | None:
        raise NotImplementedError("warehouse: write me (milestone 3)")

    def location(self, warehouse_code: str, code: str) -> Location | None:
        raise NotImplementedError("location: write me (milestone 3)")

    def locations(self) -> list[Location]:
        raise NotImplementedError("locations: write me (milestone 3)")

    def stock(self, sku: str | None = None) -> list[tuple[str, str, str, int]]:
        """(sku, warehouse code, location code, quantity) for every non-empty stock level."""
        raise NotImplementedError("stock: write me (milestone 3)")

    def quantity(self, product: Product, location: Location) -> int:
        """Units of `product` in `location` now (0 without a stock level row), read fresh from the database."""
        raise NotImplementedError("quantity: write me (milestone 3)")

    def locked_quantity(self, product: Product, location: Location, *, create: bool = False) -> int:
        """Units of `product` in `location`, with the row locked until the transaction ends (`SELECT ... FOR
        UPDATE`): nobody changes it meanwhile. A missing row is 0; `create=True` makes it first, as `put` does."""
        raise NotImplementedError("locked_quantity: write me (milestone 4)")

    def has_stock_or_history(self, product: Product) -> bool:
        """True once the product has a stock level or a movement."""
        raise NotImplementedError("has_stock_or_history: write me (milestone 3)")

    def take(self, product: Product, location: Location, quantity: int) -> bool:
        """Remove `quantity` units if, and only if, that many are there: one atomic conditional UPDATE.

        The database checks `quantity >= :n` and subtracts in the same statement, under the row's
        write lock, so two transactions can never both take the last unit. False: not enough stock.
        """
        raise NotImplementedError("take: write me (milestone 3)")

    def put(self, product: Product, location: Location, quantity: int) -> None:
        """Add `quantity` units, creating the stock level row if needed (safe if two do it at once)."""
        raise NotImplementedError("put: write me (milestone 3)")

    def movements(self, sku: str | None = None) -> list[StockMovement]:
        """The journal in the order it was written, all of it or for one product."""
        raise NotImplementedError("movements: write me (milestone 3)")
