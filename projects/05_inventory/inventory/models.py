"""The schema, in third normal form: every fact is stored once, next to the key it depends on.

See the README's ER diagram. Names the constraints explicitly (`NAMING`), so that Alembic can
find them again to drop or alter them, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


# Milestone 1: write the five classes below from the README's ER diagram, the way Category and
# Supplier are written above. Each has only its primary key so far, so that the package imports.


class Product(Base):
    """A stock-keeping unit: sku (unique), name, category (required), supplier (optional), unit_cost, reorder_level."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)


class Warehouse(Base):
    """A building, by short unique code ("MAIN"), with a name."""

    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)


class Location(Base):
    """A shelf or bin inside a warehouse; its code is unique within its warehouse. `label` is "MAIN/A1"."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)


class StockLevel(Base):
    """How many units of a product are in a location now. Which columns make its key?"""

    __tablename__ = "stock_levels"

    id: Mapped[int] = mapped_column(primary_key=True)


class StockMovement(Base):
    """The journal: one row per receipt, shipment, transfer or adjustment (see the README for the rules)."""

    __tablename__ = "stock_movements"

    id: Mapped[int] = mapped_column(primary_key=True)
