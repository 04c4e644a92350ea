"""What the service layer hands back: plain, immutable values, never ORM objects tied to a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class MovementKind(StrEnum):
    """The four ways stock moves. Stored in `stock_movements.kind` as these strings."""

    RECEIPT = "receipt"  # into a location, from outside (a supplier delivery)
    SHIPMENT = "shipment"  # out of a location, to outside (a customer order)
    TRANSFER = "transfer"  # from one location to another
    ADJUSTMENT = "adjustment"  # a correction after counting: into (found) or out of (lost) a location


@dataclass(frozen=True)
class ProductRecord:
    """A product as the catalogue shows it, with its category's and supplier's names."""

    sku: str
    name: str
    category: str
    supplier: str | None
    unit_cost: Decimal
    reorder_level: int


@dataclass(frozen=True)
class StockLine:
    """How many units of one product sit in one location (`"MAIN/A1"`: warehouse code / location code)."""

    sku: str
    location: str
    quantity: int


@dataclass(frozen=True)
class MovementRecord:
    """One line of the stock journal. `source` is None for receipts, `destination` None for shipments."""

    id: int
    kind: MovementKind
    sku: str
    quantity: int
    source: str | None
    destination: str | None
    reference: str
    created_at: datetime


@dataclass(frozen=True)
class LowStockRow:
    """A product at or below its reorder level: `shortfall` is how far below (0 when exactly at it)."""

    sku: str
    name: str
    supplier: str | None
    on_hand: int
    reorder_level: int

    @property
    def shortfall(self) -> int:
        return self.reorder_level - self.on_hand


@dataclass(frozen=True)
class ValuationLine:
    """The stock value of one product: `quantity * unit_cost`, exact to the cent."""

    sku: str
    quantity: int
    unit_cost: Decimal
    value: Decimal


@dataclass(frozen=True)
class Valuation:
    """Every product in stock, by SKU, and the total of their values."""

    lines: tuple[ValuationLine, ...]
    total: Decimal
