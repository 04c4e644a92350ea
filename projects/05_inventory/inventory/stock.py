"""Milestone 4, stock movements: receipts, shipments, transfers and adjustments.

Every movement changes the stock levels and writes one journal row in the same transaction, so
the journal always explains the levels. Stock never goes below zero, even when two shipments of
the last unit race: `Repository.take` checks and subtracts in one conditional UPDATE.
"""

from __future__ import annotations

from inventory.models import Location, Product, StockMovement
from inventory.records import MovementKind, MovementRecord, StockLine
from inventory.repository import Repository
from inventory.unit_of_work import UnitOfWork


def move(
    repo: Repository,
    kind: MovementKind,
    product: Product,
    quantity: int,
    *,
    source: Location | None = None,
    destination: Location | None = None,
    reference: str = "",
) -> StockMovement:
    """Take from `source`, put into `destination` (either may be None) and journal it. Does not commit."""
    raise NotImplementedError("move: write me (milestone 4)")


def count_to(repo: Repository, product: Product, location: Location, counted: int, reason: str) -> StockMovement | None:
    """Set the level to `counted` by journalling the difference as an adjustment (None if there is none).

    Lock the level's row before you read it (see the README, milestone 4).
    """
    raise NotImplementedError("count_to: write me (milestone 4)")


def receive(uow: UnitOfWork, sku: str, location: str, quantity: int, *, reference: str = "") -> MovementRecord:
    """Goods arrive: add `quantity` to the location."""
    raise NotImplementedError("receive: write me (milestone 4)")


def ship(uow: UnitOfWork, sku: str, location: str, quantity: int, *, reference: str = "") -> MovementRecord:
    """Goods leave: take `quantity` from the location, or InsufficientStockError and change nothing."""
    raise NotImplementedError("ship: write me (milestone 4)")


def transfer(
    uow: UnitOfWork, sku: str, source: str, destination: str, quantity: int, *, reference: str = ""
) -> MovementRecord:
    """Move `quantity` from one location to another, all or nothing."""
    raise NotImplementedError("transfer: write me (milestone 4)")


def adjust(uow: UnitOfWork, sku: str, location: str, counted: int, reason: str) -> MovementRecord | None:
    """A stock count found `counted` units: record the difference as an adjustment (None if none).

    Fewer than expected is an adjustment out of the location, more is one into it. The take is
    conditional like a shipment, so a count that races a shipment cannot push the level below 0.
    """
    raise NotImplementedError("adjust: write me (milestone 4)")


def on_hand(uow: UnitOfWork, sku: str, location: str | None = None) -> int:
    """Units of a product in one location, or in all of them together."""
    raise NotImplementedError("on_hand: write me (milestone 4)")


def stock_lines(uow: UnitOfWork, sku: str | None = None) -> list[StockLine]:
    """Every non-empty stock level, by SKU then location (one product's when `sku` is given)."""
    raise NotImplementedError("stock_lines: write me (milestone 4)")


def movements(uow: UnitOfWork, sku: str | None = None) -> list[MovementRecord]:
    """The journal, oldest first: all of it, or one product's."""
    raise NotImplementedError("movements: write me (milestone 4)")
