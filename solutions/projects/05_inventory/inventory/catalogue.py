"""Milestone 3, the catalogue: categories, suppliers, products, warehouses and locations.

Every function takes the unit of work first, does its work inside `with uow:` and commits only
when every rule has passed. The rules live here, not in the CLI and not in the models.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy.exc import IntegrityError

from inventory.errors import DuplicateError, InUseError, NotFoundError, ValidationError
from inventory.models import Category, Location, Product, Supplier, Warehouse
from inventory.records import ProductRecord
from inventory.repository import Repository
from inventory.unit_of_work import UnitOfWork

CENT = Decimal("0.01")
#: The largest whole number an INTEGER column holds on PostgreSQL (SQLite would silently store more).
MAX_INT = 2**31 - 1
#: The largest unit cost a NUMERIC(12, 2) column holds.
MAX_COST = Decimal("9999999999.99")


def clean(text: str, what: str, longest: int) -> str:
    """`text` without surrounding spaces; ValidationError if nothing is left, or if it does not fit its column
    (`longest` characters, no NUL: PostgreSQL refuses both, SQLite would store them)."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(f"{what} must not be empty")
    return optional(cleaned, what, longest)


def optional(text: str, what: str, longest: int) -> str:
    """`text` without surrounding spaces, which may be empty; ValidationError if it does not fit its column."""
    cleaned = text.strip()
    if "\x00" in cleaned:
        raise ValidationError(f"{what} must not contain a NUL character")
    if len(cleaned) > longest:
        raise ValidationError(f"{what} must be at most {longest} characters, not {len(cleaned)}")
    return cleaned


def money(value: Decimal | str) -> Decimal:
    """A unit cost: a Decimal (or its text) of at least 0 with at most two decimal places."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(f"not an amount of money: {value!r}") from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(CENT):
        raise ValidationError(f"a unit cost is at least 0 with at most two decimal places, not {value}")
    if amount > MAX_COST:
        raise ValidationError(f"a unit cost is at most {MAX_COST}, not {value}")
    return amount.quantize(CENT)


def count(value: int, what: str) -> int:
    """A whole number of at least 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"{what} must be a whole number of at least 0, not {value!r}")
    return at_most_max_int(value, what)


def at_most_max_int(value: int, what: str) -> int:
    """`value`, unless it is above MAX_INT: ValidationError."""
    if value > MAX_INT:
        raise ValidationError(f"{what} is at most {MAX_INT}, not {value!r}")
    return value


def record(product: Product) -> ProductRecord:
    """The immutable record of a product, safe to use after its session has closed."""
    return ProductRecord(
        sku=product.sku,
        name=product.name,
        category=product.category.name,
        supplier=product.supplier.name if product.supplier else None,
        unit_cost=money(product.unit_cost),
        reorder_level=product.reorder_level,
    )


def find_product(repo: Repository, sku: str) -> Product:
    """The product with this SKU, or NotFoundError."""
    product = repo.product(sku.strip())
    if product is None:
        raise NotFoundError(f"no product with SKU {sku!r}")
    return product


def find_location(repo: Repository, label: str) -> Location:
    """The location named `"WAREHOUSE/CODE"`: ValidationError if malformed, NotFoundError if unknown."""
    warehouse, slash, code = label.strip().partition("/")
    if not slash or not warehouse or not code:
        raise ValidationError(f"a location is named WAREHOUSE/CODE, like MAIN/A1, not {label!r}")
    location = repo.location(warehouse, code)
    if location is None:
        raise NotFoundError(f"no location {label!r}")
    return location


def _category(repo: Repository, name: str) -> Category:
    category = repo.category(name)
    if category is None:
        raise NotFoundError(f"no category {name!r}")
    return category


def _supplier(repo: Repository, name: str | None) -> Supplier | None:
    if name is None:
        return None
    supplier = repo.supplier(name)
    if supplier is None:
        raise NotFoundError(f"no supplier {name!r}")
    return supplier


def add_category(uow: UnitOfWork, name: str) -> str:
    """Create a category; returns its cleaned name. DuplicateError if it exists."""
    name = clean(name, "a category name", 80)
    with uow:
        if uow.repo.category(name) is not None:
            raise DuplicateError(f"category {name!r} already exists")
        uow.repo.add(Category(name=name))
        uow.commit()
    return name


def add_supplier(uow: UnitOfWork, name: str, email: str | None = None) -> str:
    """Create a supplier; returns its cleaned name. DuplicateError if it exists."""
    name = clean(name, "a supplier name", 120)
    email = None if email is None else optional(email, "an email address", 254)
    if email is not None and "@" not in email:
        raise ValidationError(f"not an email address: {email!r}")
    with uow:
        if uow.repo.supplier(name) is not None:
            raise DuplicateError(f"supplier {name!r} already exists")
        uow.repo.add(Supplier(name=name, email=email))
        uow.commit()
    return name


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
    sku, name, cost = clean(sku, "a SKU", 40), clean(name, "a product name", 200), money(unit_cost)
    reorder_level = count(reorder_level, "a reorder level")
    with uow:
        if uow.repo.product(sku) is not None:
            raise DuplicateError(f"a product with SKU {sku!r} already exists")
        product = Product(
            sku=sku,
            name=name,
            category=_category(uow.repo, category),
            supplier=_supplier(uow.repo, supplier),
            unit_cost=cost,
            reorder_level=reorder_level,
        )
        try:
            uow.repo.add(product)
        except IntegrityError:  # another transaction added the same SKU since we looked
            raise DuplicateError(f"a product with SKU {sku!r} already exists") from None
        result = record(product)
        uow.commit()
    return result


def get_product(uow: UnitOfWork, sku: str) -> ProductRecord:
    """The product with this SKU, or NotFoundError."""
    with uow:
        return record(find_product(uow.repo, sku))


def list_products(uow: UnitOfWork, category: str | None = None) -> list[ProductRecord]:
    """Every product by SKU, or those of one category."""
    with uow:
        return [record(product) for product in uow.repo.products(category)]


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
    with uow:
        product = find_product(uow.repo, sku)
        if name is not None:
            product.name = clean(name, "a product name", 200)
        if category is not None:
            product.category = _category(uow.repo, category)
        if supplier is not None:
            product.supplier = _supplier(uow.repo, supplier)
        if unit_cost is not None:
            product.unit_cost = money(unit_cost)
        if reorder_level is not None:
            product.reorder_level = count(reorder_level, "a reorder level")
        result = record(product)
        uow.commit()
    return result


def delete_product(uow: UnitOfWork, sku: str) -> None:
    """Delete a product that never held stock. InUseError otherwise: its history must stay."""
    with uow:
        product = find_product(uow.repo, sku)
        if uow.repo.has_stock_or_history(product):
            raise InUseError(f"{product.sku} has stock movements; its history must be kept")
        uow.repo.delete(product)
        uow.commit()


def add_warehouse(uow: UnitOfWork, code: str, name: str) -> str:
    """Create a warehouse with a short code (no `/`); returns the code."""
    code, name = clean(code, "a warehouse code", 20), clean(name, "a warehouse name", 120)
    if "/" in code:
        raise ValidationError(f"a warehouse code cannot contain '/': {code!r}")
    with uow:
        if uow.repo.warehouse(code) is not None:
            raise DuplicateError(f"warehouse {code!r} already exists")
        uow.repo.add(Warehouse(code=code, name=name))
        uow.commit()
    return code


def add_location(uow: UnitOfWork, warehouse: str, code: str) -> str:
    """Create a location in a warehouse; returns its label `"WAREHOUSE/CODE"`."""
    code = clean(code, "a location code", 20)
    if "/" in code:
        raise ValidationError(f"a location code cannot contain '/': {code!r}")
    with uow:
        found = uow.repo.warehouse(warehouse.strip())
        if found is None:
            raise NotFoundError(f"no warehouse {warehouse!r}")
        if uow.repo.location(found.code, code) is not None:
            raise DuplicateError(f"location {found.code}/{code} already exists")
        uow.repo.add(Location(warehouse=found, code=code))
        uow.commit()
        return f"{found.code}/{code}"


def list_locations(uow: UnitOfWork) -> list[str]:
    """Every location's label, by warehouse and code."""
    with uow:
        return [location.label for location in uow.repo.locations()]
