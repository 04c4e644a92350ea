"""Milestone 4, stock movements: receipts, shipments, transfers and adjustments.

Every movement changes the stock levels and writes one journal row in the same transaction, so
the journal always explains the levels. Stock never goes below zero, even when two shipments of
the last unit race: `Repository.take` checks and subtracts in one conditional UPDATE. A count
locks the level's row before it reads it, so a movement under way is waited for, then counted, and
a transfer locks its two rows in a fixed order, so that two opposite transfers cannot deadlock.
"""

from __future__ import annotations

from inventory.catalogue import MAX_INT, at_most_max_int, clean, find_location, find_product, optional
from inventory.errors import InsufficientStockError, ValidationError
from inventory.models import Location, Product, StockMovement
from inventory.records import MovementKind, MovementRecord, StockLine
from inventory.repository import Repository
from inventory.unit_of_work import UnitOfWork


def _positive(quantity: int) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError(f"a quantity must be a whole number above 0, not {quantity!r}")
    return at_most_max_int(quantity, "a quantity")


def _record(movement: StockMovement) -> MovementRecord:
    return MovementRecord(
        id=movement.id,
        kind=MovementKind(movement.kind),
        sku=movement.product.sku,
        quantity=movement.quantity,
        source=movement.source.label if movement.source else None,
        destination=movement.destination.label if movement.destination else None,
        reference=movement.reference,
        created_at=movement.created_at,
    )


def _take(repo: Repository, product: Product, location: Location, quantity: int) -> None:
    if not repo.take(product, location, quantity):
        on_hand = repo.quantity(product, location)
        raise InsufficientStockError(
            f"cannot take {quantity} of {product.sku} from {location.label}: only {on_hand} there"
        )


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
    """Take from `source`, put into `destination` (either may be None) and journal it. Does not commit.

    A transfer first locks both levels in one order, by location id: two opposite transfers at once then
    queue for the same first lock, instead of each holding one and waiting for the other (a deadlock).
    """
    if source is not None and destination is not None:
        for place in sorted((source, destination), key=lambda place: place.id):
            repo.locked_quantity(product, place, create=place is destination)
    if source is not None:
        _take(repo, product, source, quantity)
    if destination is not None:
        if repo.locked_quantity(product, destination, create=True) > MAX_INT - quantity:
            raise ValidationError(f"{destination.label} cannot hold more than {MAX_INT} of {product.sku}")
        repo.put(product, destination, quantity)
    movement = StockMovement(
        kind=kind.value,
        product=product,
        quantity=quantity,
        source=source,
        destination=destination,
        reference=optional(reference, "a reference", 200),
    )
    repo.add(movement)
    return movement


def count_to(repo: Repository, product: Product, location: Location, counted: int, reason: str) -> StockMovement | None:
    """Set the level to `counted` by journalling the difference as an adjustment (None if there is none).

    The row is locked before it is read (and made first unless the count is 0), so a shipment or
    receipt under way cannot change the level between the read and the adjustment.
    """
    difference = counted - repo.locked_quantity(product, location, create=counted > 0)
    if difference > 0:
        return move(repo, MovementKind.ADJUSTMENT, product, difference, destination=location, reference=reason)
    if difference < 0:
        return move(repo, MovementKind.ADJUSTMENT, product, -difference, source=location, reference=reason)
    return None


def _commit(uow: UnitOfWork, movement: StockMovement) -> MovementRecord:
    uow.session.refresh(movement)  # read back created_at, which the database sets
    result = _record(movement)
    uow.commit()
    return result


def receive(uow: UnitOfWork, sku: str, location: str, quantity: int, *, reference: str = "") -> MovementRecord:
    """Goods arrive: add `quantity` to the location."""
    quantity = _positive(quantity)
    with uow:
        product, target = find_product(uow.repo, sku), find_location(uow.repo, location)
        return _commit(
            uow, move(uow.repo, MovementKind.RECEIPT, product, quantity, destination=target, reference=reference)
        )


def ship(uow: UnitOfWork, sku: str, location: str, quantity: int, *, reference: str = "") -> MovementRecord:
    """Goods leave: take `quantity` from the location, or InsufficientStockError and change nothing."""
    quantity = _positive(quantity)
    with uow:
        product, source = find_product(uow.repo, sku), find_location(uow.repo, location)
        return _commit(
            uow, move(uow.repo, MovementKind.SHIPMENT, product, quantity, source=source, reference=reference)
        )


def transfer(
    uow: UnitOfWork, sku: str, source: str, destination: str, quantity: int, *, reference: str = ""
) -> MovementRecord:
    """Move `quantity` from one location to another, all or nothing."""
    quantity = _positive(quantity)
    with uow:
        product = find_product(uow.repo, sku)
        origin, target = find_location(uow.repo, source), find_location(uow.repo, destination)
        if origin.id == target.id:
            raise ValidationError(f"a transfer needs two different locations, not {origin.label} twice")
        return _commit(
            uow,
            move(
                uow.repo,
                MovementKind.TRANSFER,
                product,
                quantity,
                source=origin,
                destination=target,
                reference=reference,
            ),
        )


def adjust(uow: UnitOfWork, sku: str, location: str, counted: int, reason: str) -> MovementRecord | None:
    """A stock count found `counted` units: record the difference as an adjustment (None if none).

    Fewer than expected is an adjustment out of the location, more is one into it. The take is
    conditional like a shipment, so a count that races a shipment cannot push the level below 0.
    """
    if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
        raise ValidationError(f"a counted quantity is a whole number of at least 0, not {counted!r}")
    counted = at_most_max_int(counted, "a counted quantity")
    reason = clean(reason, "the reason for an adjustment", 200)
    with uow:
        product, place = find_product(uow.repo, sku), find_location(uow.repo, location)
        movement = count_to(uow.repo, product, place, counted, reason)
        return None if movement is None else _commit(uow, movement)


def on_hand(uow: UnitOfWork, sku: str, location: str | None = None) -> int:
    """Units of a product in one location, or in all of them together."""
    with uow:
        product = find_product(uow.repo, sku)
        if location is not None:
            return uow.repo.quantity(product, find_location(uow.repo, location))
        return sum(quantity for *_, quantity in uow.repo.stock(product.sku))


def stock_lines(uow: UnitOfWork, sku: str | None = None) -> list[StockLine]:
    """Every non-empty stock level, by SKU then location (one product's when `sku` is given)."""
    with uow:
        if sku is not None:
            sku = find_product(uow.repo, sku).sku
        return [
            StockLine(sku=product, location=f"{warehouse}/{code}", quantity=quantity)
            for product, warehouse, code, quantity in uow.repo.stock(sku)
        ]


def movements(uow: UnitOfWork, sku: str | None = None) -> list[MovementRecord]:
    """The journal, oldest first: all of it, or one product's."""
    with uow:
        if sku is not None:
            sku = find_product(uow.repo, sku).sku
        return [_record(movement) for movement in uow.repo.movements(sku)]
