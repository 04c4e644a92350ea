"""Milestone 5, reports: what to reorder, and what the stock is worth.

Money stays `Decimal` from the database to the total. SQLite has no decimal type (SQLAlchemy
converts its floats back to Decimal at two places), so the sums are done here, in Python,
exactly, rather than with SQL's SUM over floats.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from inventory.catalogue import CENT, money
from inventory.records import LowStockRow, Valuation, ValuationLine
from inventory.unit_of_work import UnitOfWork


def _totals(uow: UnitOfWork, warehouse: str | None = None) -> Counter[str]:
    totals: Counter[str] = Counter()
    for sku, warehouse_code, _code, quantity in uow.repo.stock():
        if warehouse is None or warehouse_code == warehouse:
            totals[sku] += quantity
    return totals


def low_stock(uow: UnitOfWork) -> list[LowStockRow]:
    """Products whose total on hand is at or below their reorder level (a level of 0 means never), by SKU."""
    with uow:
        totals = _totals(uow)
        return [
            LowStockRow(
                sku=product.sku,
                name=product.name,
                supplier=product.supplier.name if product.supplier else None,
                on_hand=totals[product.sku],
                reorder_level=product.reorder_level,
            )
            for product in uow.repo.products()
            if product.reorder_level > 0 and totals[product.sku] <= product.reorder_level
        ]


def valuation(uow: UnitOfWork, warehouse: str | None = None) -> Valuation:
    """Quantity times unit cost for every product in stock (in one warehouse, if given), and the total."""
    with uow:
        totals = _totals(uow, warehouse)
        lines = tuple(
            ValuationLine(
                sku=product.sku,
                quantity=totals[product.sku],
                unit_cost=money(product.unit_cost),
                value=(money(product.unit_cost) * totals[product.sku]).quantize(CENT),
            )
            for product in uow.repo.products()
            if totals[product.sku] > 0
        )
    return Valuation(lines=lines, total=sum((line.value for line in lines), Decimal("0.00")))
