"""Milestone 5, CSV import and export: the catalogue and the stock levels as spreadsheets.

Imports are all or nothing: every row is checked inside one unit of work and a bad row (named by
its line number) rolls the whole file back.
"""

from __future__ import annotations

import csv
from typing import TextIO

from inventory.catalogue import clean, count, find_location, find_product, money, optional
from inventory.errors import InventoryError, ValidationError
from inventory.models import Category, Product, Supplier
from inventory.repository import Repository
from inventory.stock import count_to
from inventory.unit_of_work import UnitOfWork

PRODUCT_COLUMNS = ("sku", "name", "category", "supplier", "unit_cost", "reorder_level")
STOCK_COLUMNS = ("sku", "location", "quantity")
IMPORT_REASON = "stock import"


def export_products(uow: UnitOfWork, out: TextIO) -> int:
    """Write every product (by SKU) as CSV with a header row; returns how many."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PRODUCT_COLUMNS)
    with uow:
        products = uow.repo.products()
        for p in products:
            supplier = p.supplier.name if p.supplier else ""
            writer.writerow([p.sku, p.name, p.category.name, supplier, money(p.unit_cost), p.reorder_level])
    return len(products)


def export_stock(uow: UnitOfWork, out: TextIO) -> int:
    """Write every non-empty stock level (sku, location, quantity) as CSV; returns how many."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STOCK_COLUMNS)
    with uow:
        rows = uow.repo.stock()
    for sku, warehouse, code, quantity in rows:
        writer.writerow([sku, f"{warehouse}/{code}", quantity])
    return len(rows)


def _rows(source: TextIO, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(source)
    if reader.fieldnames is None or set(columns) - set(reader.fieldnames):
        raise ValidationError(f"the CSV header must name the columns {', '.join(columns)}")
    rows = []
    for row in reader:
        if None in row or any(row[column] is None for column in columns):
            raise ValidationError(f"line {reader.line_num}: expected {len(columns)} columns")
        rows.append((reader.line_num, row))
    return rows


def _whole(text: str, what: str) -> int:
    try:
        return count(int(text), what)
    except ValueError:
        raise ValidationError(f"{what} must be a whole number, not {text!r}") from None


def _upsert_product(repo: Repository, row: dict[str, str]) -> None:
    sku, name = clean(row["sku"], "a SKU", 40), clean(row["name"], "a product name", 200)
    category_name, supplier_name = (
        clean(row["category"], "a category", 80),
        optional(row["supplier"], "a supplier", 120),
    )
    cost, level = money(row["unit_cost"].strip()), _whole(row["reorder_level"], "a reorder level")
    category = repo.category(category_name)
    if category is None:
        category = Category(name=category_name)
        repo.add(category)
    supplier = repo.supplier(supplier_name) if supplier_name else None
    if supplier_name and supplier is None:
        supplier = Supplier(name=supplier_name)
        repo.add(supplier)
    product = repo.product(sku)
    if product is None:
        repo.add(Product(sku=sku, name=name, category=category, supplier=supplier, unit_cost=cost, reorder_level=level))
        return
    product.name, product.category, product.supplier = name, category, supplier
    product.unit_cost, product.reorder_level = cost, level


def import_products(uow: UnitOfWork, source: TextIO) -> int:
    """Add or update products from CSV (export_products' columns), creating categories and suppliers as needed."""
    rows = _rows(source, PRODUCT_COLUMNS)
    with uow:
        for line, row in rows:
            try:
                _upsert_product(uow.repo, row)
            except InventoryError as error:
                raise type(error)(f"line {line}: {error}") from None
        uow.commit()
    return len(rows)


def _set_level(repo: Repository, row: dict[str, str]) -> None:
    product = find_product(repo, clean(row["sku"], "a SKU", 40))
    location = find_location(repo, row["location"])
    count_to(repo, product, location, _whole(row["quantity"], "a quantity"), IMPORT_REASON)


def import_stock(uow: UnitOfWork, source: TextIO) -> int:
    """Set stock levels from CSV (a stock take): each difference is journalled as an adjustment."""
    rows = _rows(source, STOCK_COLUMNS)
    with uow:
        for line, row in rows:
            try:
                _set_level(uow.repo, row)
            except InventoryError as error:
                raise type(error)(f"line {line}: {error}") from None
        uow.commit()
    return len(rows)
