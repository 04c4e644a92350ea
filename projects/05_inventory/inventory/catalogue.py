"""Milestone 3, the catalogue: categories, suppliers, products, warehouses and locations.

Every function takes the unit of work first, does its work inside `with uow:` and commits only
when every rule has passed. The rules live here, not in the CLI and not in the models.
"""

from __future__ import annotations

from decimal import Decimal

from inventory.models import Location, Product
from inventory.records import ProductRecord
from inventory.repository import Repository
from inventory.unit_of_work import UnitOfWork

CENT = Decimal("0.01")


def clean(text: str, what: str, longest: int) -> str:
    """`text` without surrounding spaces; ValidationError if nothing is left, or if it does not fit its column
    (more than `longest` characters, or a NUL character: see the README's table of refusals)."""
    raise NotImplementedError("clean: write me (milestone 3)")


def money(value: Decimal | str) -> Decimal:
    """A unit cost: a Decimal (or its text) of at least 0 with at most two decimal places."""
    raise NotImplementedError("money: write me (milestone 3)")


def count(value: int, what: str) -> int:
    """A whole number of at least 0."""
    raise NotImplementedError("count: write me (milestone 3)")


def record(product: Product) -> ProductRecord:
    """The immutable record of a product, safe to use after its session has closed."""
    raise NotImplementedError("record: write me (milestone 3)")


def find_product(repo: Repository, sku: str) -> Product:
    """The product with this SKU, or NotFoundError."""
    raise NotImplementedError("find_product: write me (milestone 3)")


def find_location(repo: Repository, label: str) -> Location:
    """The location named `"WAREHOUSE/CODE"`: ValidationError if malformed, NotFoundError if unknown."""
    raise NotImplementedError("find_location: write me (milestone 3)")


def add_category(uow: UnitOfWork, name: str) -> str:
    """Create a category; returns its cleaned name. DuplicateError if it exists."""
    raise NotImplementedError("add_category: write me (milestone 3)")


def add_supplier(uow: UnitOfWork, name: str, email: str | None = None) -> str:
    """Create a supplier; returns its cleaned name. DuplicateError if it exists."""
    raise NotImplementedError("add_supplier: write me (milestone 3)")


def add_product(
    uow: UnitOfWork,
    sku: str,
    name: str,
    *,
    category: str,
    unit_cost: Decimal | str,
    supplier: str | None = None,
    reorder_level: int = 0,
) -> ProductRecord:
    """Create a product in an existing category (and, optionally, from an existing supplier)."""
    raise NotImplementedError("add_product: write me (milestone 3)")


def get_product(uow: UnitOfWork, sku: str) -> ProductRecord:
    """The product with this SKU, or NotFoundError."""
    raise NotImplementedError("get_product: write me (milestone 3)")


def list_products(uow: UnitOfWork, category: str | None = None) -> list[ProductRecord]:
    """Every product by SKU, or those of one category."""
    raise NotImplementedError("list_products: write me (milestone 3)")


def update_product(
    uow: UnitOfWork,
    sku: str,
    *,
    name: str | None = None,
    category: str | None = None,
    supplier: str | None = None,
    unit_cost: Decimal | str | None = None,
    reorder_level: int | None = None,
) -> ProductRecord:
    """Change the given fields of a product (None leaves a field as it is); returns the new record."""
    raise NotImplementedError("update_product: write me (milestone 3)")


def delete_product(uow: UnitOfWork, sku: str) -> None:
    """Delete a product that never held stock. InUseError otherwise: its history must stay."""
    raise NotImplementedError("delete_product: write me (milestone 3)")


def add_warehouse(uow: UnitOfWork, code: str, name: str) -> str:
    """Create a warehouse with a short code (no `/`); returns the code."""
    raise NotImplementedError("add_warehouse: write me (milestone 3)")


def add_location(uow: UnitOfWork, warehouse: str, code: str) -> str:
    """Create a location in a warehouse; returns its label `"WAREHOUSE/CODE"`."""
    raise NotImplementedError("add_location: write me (milestone 3)")


def list_locations(uow: UnitOfWork) -> list[str]:
    """Every location's label, by warehouse and code."""
    raise NotImplementedError("list_locations: write me (milestone 3)")
