"""The schema, in third normal form: every fact is stored once, next to the key it depends on.

See the README's ER diagram. Names the constraints explicitly (`NAMING`), so that Alembic can
find them again to drop or alter them, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, MetaData, Numeric, String, UniqueConstraint, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base: its `metadata` is what Alembic compares the migrations with."""

    metadata = MetaData(naming_convention=NAMING)


class Category(Base):
    """A product group ("Fasteners"). Its name is stored here once, not on every product."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Supplier(Base):
    """Who we buy from. Contact details depend on the supplier, so they live here (3NF)."""

    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))


class Product(Base):
    """A stock-keeping unit. Quantities are not here: they depend on (product, location)."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("unit_cost >= 0", name="unit_cost_not_negative"),
        CheckConstraint("reorder_level >= 0", name="reorder_level_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    reorder_level: Mapped[int] = mapped_column(default=0)

    category: Mapped[Category] = relationship()
    supplier: Mapped[Supplier | None] = relationship()


class Warehouse(Base):
    """A building, by short code ("MAIN")."""

    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))


class Location(Base):
    """A shelf or bin inside a warehouse. Its code is unique within its warehouse, not globally."""

    __tablename__ = "locations"
    __table_args__ = (UniqueConstraint("warehouse_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    code: Mapped[str] = mapped_column(String(20))

    warehouse: Mapped[Warehouse] = relationship()

    @property
    def label(self) -> str:
        """`"MAIN/A1"`: how people and the CLI name a location."""
        return f"{self.warehouse.code}/{self.code}"


class StockLevel(Base):
    """How many units of a product are in a location now. The key is the pair; the CHECK is the last guard."""

    __tablename__ = "stock_levels"
    __table_args__ = (CheckConstraint("quantity >= 0", name="quantity_not_negative"),)

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True, index=True)
    quantity: Mapped[int] = mapped_column(default=0)


class StockMovement(Base):
    """The journal: one row per receipt, shipment, transfer or adjustment, never updated or deleted.

    `quantity` is always positive; the direction is in which location is set: a receipt has only a
    destination, a shipment only a source, a transfer both (different), an adjustment exactly one.
    """

    __tablename__ = "stock_movements"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("kind IN ('receipt', 'shipment', 'transfer', 'adjustment')", name="kind_known"),
        CheckConstraint(
            "(kind = 'receipt' AND source_id IS NULL AND destination_id IS NOT NULL)"
            " OR (kind = 'shipment' AND source_id IS NOT NULL AND destination_id IS NULL)"
            " OR (kind = 'transfer' AND source_id IS NOT NULL AND destination_id IS NOT NULL"
            " AND source_id <> destination_id)"
            " OR (kind = 'adjustment' AND (source_id IS NULL) <> (destination_id IS NULL))",
            name="direction_fits_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int]
    source_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    reference: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    product: Mapped[Product] = relationship()
    source: Mapped[Location | None] = relationship(foreign_keys=[source_id])
    destination: Mapped[Location | None] = relationship(foreign_keys=[destination_id])
