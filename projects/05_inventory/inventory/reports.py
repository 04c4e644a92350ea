"""Milestone 5, reports: what to reorder, and what the stock is worth.

Money stays `Decimal` from the database to the total. SQLite has no decimal type (SQLAlchemy
converts its floats back to Decimal at two places), so the sums are done here, in Python,
exactly, rather than with SQL's SUM over floats.
"""

from __future__ import annotations

from inventory.records import LowStockRow, Valuation
from inventory.unit_of_work import UnitOfWork


def low_stock(uow: UnitOfWork) -> list[LowStockRow]:
    """Products whose total on hand is at or below their reorder level (a level of 0 means never), by SKU."""
    raise NotImplementedError("low_stock: write me (milestone 5)")


def valuation(uow: UnitOfWork, warehouse: str | None = None) -> Valuation:
    """Quantity times unit cost for every product in stock (in one warehouse, if given), and the total."""
    raise NotImplementedError("valuation: write me (milestone 5)")
