"""Typed helpers for a shop's backend, checked by `mypy --strict` as well as by tests of what they do."""

import os
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, NotRequired, Protocol, TypedDict, TypeVar, overload

T = TypeVar("T")
U = TypeVar("U")
K = TypeVar("K", bound=Hashable)


# 1. A generic function
def index_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, T]:
    """Map key(item) to item, in the order given; ValueError("duplicate key 'A1'") when two items share a key."""
    index: dict[K, T] = {}
    for item in items:
        found = key(item)
        if found in index:
            raise ValueError(f"duplicate key {found!r}")
        index[found] = item
    return index


# 2. A generic class
@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a paginated listing: its items and the cursor of the next page (None on the last page)."""

    items: list[T]
    next_cursor: str | None = None

    def first(self) -> T | None:
        """The first item, or None on an empty page."""
        return self.items[0] if self.items else None

    def map(self, transform: Callable[[T], U]) -> "Page[U]":
        """A new page of transform(item) for each item, with the same cursor."""
        return Page([transform(item) for item in self.items], self.next_cursor)


# 3. A protocol
class Priced(Protocol):
    """Anything that can price a quantity of itself, in cents."""

    def price_cents(self, quantity: int) -> int: ...


def cart_total(lines: Iterable[tuple[Priced, int]]) -> int:
    """The total in cents of (item, quantity) lines; ValueError("quantity must be at least 1, got 0")."""
    total = 0
    for item, quantity in lines:
        if quantity < 1:
            raise ValueError(f"quantity must be at least 1, got {quantity}")
        total += item.price_cents(quantity)
    return total


# 4. A TypedDict
class OrderPayload(TypedDict):
    """The JSON body of a new order: `note` may be left out."""

    order_id: int
    customer: str
    note: NotRequired[str]


def parse_order(data: Mapping[str, object]) -> OrderPayload:
    """Check a decoded JSON body and return it as an OrderPayload (a new dict); ValueError on the first problem."""
    order_id, customer = data.get("order_id"), data.get("customer")
    if not isinstance(order_id, int) or isinstance(order_id, bool):
        raise ValueError("order_id must be an int")
    if not isinstance(customer, str) or not customer:
        raise ValueError("customer must be a non-empty str")
    order: OrderPayload = {"order_id": order_id, "customer": customer}
    if "note" in data:
        note = data["note"]
        if not isinstance(note, str):
            raise ValueError("note must be a str")
        order["note"] = note
    unknown = sorted(set(data) - {"order_id", "customer", "note"})
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}")
    return order


# 5. Overloads
@overload
def env_int(name: str) -> int | None: ...
@overload
def env_int(name: str, default: int) -> int: ...
def env_int(name: str, default: int | None = None) -> int | None:
    """The environment variable `name` as an int; `default` when it is unset or blank.

    ValueError("PORT must be an integer, got '80a'") when it is set to something else.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None
