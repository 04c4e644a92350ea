"""Every refusal of the inventory is an `InventoryError`, so the CLI can report them all the same way."""

from __future__ import annotations


class InventoryError(Exception):
    """Base class: a rule of the inventory refused the request. Nothing was changed."""


class ValidationError(InventoryError):
    """The request itself is malformed: an empty name, a quantity that is not positive, a bad price."""


class NotFoundError(InventoryError):
    """No category, supplier, product, warehouse or location with that key."""


class DuplicateError(InventoryError):
    """Something with that key (a SKU, a category name, a location code) already exists."""


class InUseError(InventoryError):
    """It cannot be deleted: stock or stock movements still refer to it."""


class InsufficientStockError(InventoryError):
    """A shipment, transfer or adjustment would take a stock level below zero."""
