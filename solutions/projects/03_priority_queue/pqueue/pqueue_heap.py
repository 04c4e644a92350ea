"""A binary-heap priority queue with an index map, so that `update` and `remove` are O(log n).

The heap is a list in which every entry ranks no later than its two children
(at 2i+1 and 2i+2). Each entry's rank is the tuple `(priority, arrival)`:
`arrival` is a counter that makes equal priorities leave in FIFO order and
makes every rank unique, so ties never fall through to comparing items. In
max mode the priority is wrapped in `_Descending`, which flips `<`. A dict
from item to heap position lets `update` and `remove` find an entry without
a linear search.

Every change is exception-safe: it first finds, by comparisons alone, the
path its entry moves along (where a priority that `<` cannot compare raises),
and only then moves entries, which cannot fail. A refused change leaves the
queue exactly as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, Generic, Literal, NamedTuple, Protocol, TypeVar


class SupportsLessThan(Protocol):
    """Anything ordered by `<`: numbers, strings, tuples, dates..."""

    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=Hashable)
Order = Literal["min", "max"]
_NO_PRIORITY: Any = object()


class _Descending:
    """A priority with `<` reversed, for max mode (negation only works for numbers)."""

    __slots__ = ("value",)

    def __init__(self, value: SupportsLessThan) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


class _Entry(NamedTuple, Generic[T]):
    rank: tuple[Any, int]
    priority: SupportsLessThan
    item: T


class PriorityQueue(Generic[T]):
    """A priority queue of distinct hashable items: min-first by default, `order="max"` for max-first.

    An item's priority is the one given to `push`, else `key(item)`, else the item itself.
    Among equal priorities, items leave in the order they arrived (an `update` counts as arriving anew).
    """

    __slots__ = ("_arrivals", "_heap", "_index", "_key", "_order", "_version")

    def __init__(
        self,
        items: Iterable[T] = (),
        *,
        key: Callable[[T], SupportsLessThan] | None = None,
        order: Order = "min",
    ) -> None:
        if order not in ("min", "max"):
            raise ValueError(f"order must be 'min' or 'max', not {order!r}")
        self._key = key
        self._order: Order = order
        self._arrivals = itertools.count()
        self._heap: list[_Entry[T]] = []
        self._index: dict[T, int] = {}
        self._version = 0
        for item in items:
            self._append(item, self._default_priority(item))
        for position in reversed(range(len(self._heap) // 2)):  # heapify bottom-up: O(n)
            entry = self._heap[position]
            self._settle(entry, self._path_down(entry.rank, position, len(self._heap)))

    # -- queries ------------------------------------------------------------------------------

    @property
    def order(self) -> Order:
        return self._order

    def __len__(self) -> int:
        return len(self._heap)

    def __bool__(self) -> bool:
        return bool(self._heap)

    def __contains__(self, item: object) -> bool:
        return item in self._index

    def __repr__(self) -> str:
        return f"PriorityQueue({list(self)!r}, order={self._order!r})"

    def peek(self) -> T:
        """The next item out, left in place. IndexError if the queue is empty."""
        if not self._heap:
            raise IndexError("peek at an empty priority queue")
        return self._heap[0].item

    def priority_of(self, item: T) -> SupportsLessThan:
        """The priority `item` is queued with. KeyError if it is not queued."""
        return self._heap[self._position(item)].priority

    def __iter__(self) -> Iterator[T]:
        """The items in the order `pop` would give them, without removing any.

        A best-first walk of the heap tree: O(k log k) for the first k items.
        RuntimeError if the queue changes while the iteration runs.
        """
        heap, version = self._heap, self._version
        frontier: PriorityQueue[int] = PriorityQueue()  # heap positions, ranked by their entries
        if heap:
            frontier.push(0, heap[0].rank)
        while frontier:
            if self._version != version:
                raise RuntimeError("priority queue changed during iteration")
            position = frontier.pop()
            yield heap[position].item
            for child in (2 * position + 1, 2 * position + 2):
                if child < len(heap):
                    frontier.push(child, heap[child].rank)

    # -- changes ------------------------------------------------------------------------------

    def push(self, item: T, priority: SupportsLessThan = _NO_PRIORITY) -> None:
        """Add `item`. ValueError if it is already queued (use `update` to change its priority)."""
        if item in self._index:
            raise ValueError(f"{item!r} is already in the queue; use update() to change its priority")
        entry = self._entry(item, self._default_priority(item) if priority is _NO_PRIORITY else priority)
        path = self._path_up(entry.rank, len(self._heap))  # raises here, before any change, if `<` fails
        self._heap.append(entry)
        self._settle(entry, path)
        self._version += 1

    def pop(self) -> T:
        """Remove and return the next item. IndexError if the queue is empty."""
        if not self._heap:
            raise IndexError("pop from an empty priority queue")
        return self._take(0)

    def update(self, item: T, priority: SupportsLessThan) -> None:
        """Give a queued `item` a new priority, in O(log n). KeyError if it is not queued."""
        position = self._position(item)
        entry = self._entry(item, priority)
        self._settle(entry, self._path(entry.rank, position, len(self._heap)))
        self._version += 1

    def remove(self, item: T) -> None:
        """Take `item` out of the queue wherever it is, in O(log n). KeyError if it is not queued."""
        self._take(self._position(item))

    # -- the heap -------------------------------------------------------------------------

    def _default_priority(self, item: T) -> SupportsLessThan:
        return self._key(item) if self._key is not None else item  # type: ignore[return-value]

    def _entry(self, item: T, priority: SupportsLessThan) -> _Entry[T]:
        ranked = _Descending(priority) if self._order == "max" else priority
        return _Entry((ranked, next(self._arrivals)), priority, item)

    def _append(self, item: T, priority: SupportsLessThan) -> None:
        self._index[item] = len(self._heap)
        self._heap.append(self._entry(item, priority))

    def _position(self, item: T) -> int:
        try:
            return self._index[item]
        except KeyError:
            raise KeyError(f"{item!r} is not in the queue") from None

    def _take(self, position: int) -> T:
        """Remove the entry at `position`: the last entry fills the hole and moves up or down from there."""
        heap = self._heap
        taken, last = heap[position], heap[-1]
        path = self._path(last.rank, position, len(heap) - 1) if position < len(heap) - 1 else []
        heap.pop()
        del self._index[taken.item]
        if path:
            self._settle(last, path)
        self._version += 1
        return taken.item

    def _path(self, rank: tuple[Any, int], position: int, size: int) -> list[int]:
        """The positions an entry of `rank` put at `position` moves through, up or down (comparisons only)."""
        path = self._path_up(rank, position)
        return path if len(path) > 1 else self._path_down(rank, position, size)

    def _path_up(self, rank: tuple[Any, int], position: int) -> list[int]:
        heap, path = self._heap, [position]
        while position > 0 and rank < heap[(position - 1) // 2].rank:
            position = (position - 1) // 2
            path.append(position)
        return path

    def _path_down(self, rank: tuple[Any, int], position: int, size: int) -> list[int]:
        """The same, going down among the first `size` entries (the one at `position` is never compared)."""
        heap, path = self._heap, [position]
        while (child := 2 * position + 1) < size:
            if child + 1 < size and heap[child + 1].rank < heap[child].rank:
                child += 1
            if not heap[child].rank < rank:
                break
            position = child
            path.append(position)
        return path

    def _settle(self, entry: _Entry[T], path: list[int]) -> None:
        """Move each entry on `path` one step towards its start and put `entry` at its end: no comparisons."""
        heap, index = self._heap, self._index
        for here, there in itertools.pairwise(path):
            heap[here] = heap[there]
            index[heap[here].item] = here
        heap[path[-1]] = entry
        index[entry.item] = path[-1]
