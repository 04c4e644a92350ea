"""Milestone 5, CSV import and export: the catalogue and the stock levels as spreadsheets.

Imports are all or nothing: every row is checked inside one unit of work and a bad row (named by
its line number) rolls the whole file back.
"""

from __future__ import annotations

from typing import TextIO

from inventory.unit_of_work import UnitOfWork

PRODUCT_COLUMNS = ("sku", "name", "category", "supplier", "unit_cost", "reorder_level")
STOCK_COLUMNS = ("sku", "location", "quantity")
IMPORT_REASON = "stock import"


def export_products(uow: UnitOfWork, out: TextIO) -> int:
    """Write every product (by SKU) as CSV with a header row; returns how many."""
    raise NotImplementedError("export_products: write me (milestone 5)")


def export_stock(uow: UnitOfWork, out: TextIO) -> int:
    """Write every non-empty stock level (sku, location, quantity) as CSV; returns how many."""
    raise NotImplementedError("export_stock: write me (milestone 5)")


def import_products(uow: UnitOfWork, source: TextIO) -> int:
    """Add or update products from CSV (export_products' columns), creating categories and suppliers as needed."""
    raise NotImplementedError("import_products: write me (milestone 5)")


def import_stock(uow: UnitOfWork, source: TextIO) -> int:
    """Set stock levels from CSV (a stock take): each difference is journalled as an adjustment."""
    raise NotImplementedError("import_stock: write me (milestone 5)")
