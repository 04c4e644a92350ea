"""Typed helpers for a shop's backend, checked by `mypy --strict` as well as by tests of what they do.

Write the code AND its type hints (see README.md): the tests run `mypy --strict` on this file.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping  # noqa: F401  (for your type hints)
from typing import Generic, NotRequired, Protocol, TypedDict, TypeVar, overload  # noqa: F401  (for your type hints)


# 1. A generic function
def index_by(items, key):  # TODO: type hints with TypeVars
    """Map key(item) to item, in the order given; ValueError("duplicate key 'A1'") when two items share a key."""
    raise NotImplementedError("index_by")


# 2. A generic class
class Page:
    """One page of a paginated listing: its items and the cursor of the next page (None on the last page).

    TODO: a frozen dataclass, generic in the type of its items, with the fields `items` and `next_cursor`.
    """

    def __init__(self, items, next_cursor=None):
        raise NotImplementedError("Page")

    def first(self):
        """The first item, or None on an empty page."""
        raise NotImplementedError("Page.first")

    def map(self, transform):
        """A new page of transform(item) for each item, with the same cursor."""
        raise NotImplementedError("Page.map")


# 3. A protocol
class Priced:
    """Anything that can price a quantity of itself, in cents. TODO: a Protocol with the method price_cents."""


def cart_total(lines):
    """The total in cents of (item, quantity) lines; ValueError("quantity must be at least 1, got 0")."""
    raise NotImplementedError("cart_total")


# 4. A TypedDict
class OrderPayload:
    """The JSON body of a new order: `note` may be left out. TODO: a TypedDict."""


def parse_order(data):
    """Check a decoded JSON body and return it as an OrderPayload (a new dict); ValueError on the first problem."""
    raise NotImplementedError("parse_order")


# 5. Overloads
def env_int(name, default=None):
    """The environment variable `name` as an int; `default` when it is unset or blank.

    ValueError("PORT must be an integer, got '80a'") when it is set to something else.
    """
    raise NotImplementedError("env_int")
