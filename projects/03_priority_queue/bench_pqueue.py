"""Benchmark: your PriorityQueue (or the reference, with --solutions) against a heapq-based baseline.

    python projects/03_priority_queue/bench_pqueue.py [--n 100000] [--repeat 3] [--solutions]

The workload: push n items with random priorities, update n/4 of them,
remove n/8, then pop the rest. The baseline is the heapq recipe from the
Python docs (entries marked removed and skipped on pop), which leans on C
code for its sifting; the ratio says what writing the heap in Python costs.
Not a test: run it by hand.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

HERE = Path(__file__).resolve().parent
SOLUTION = HERE.parents[1] / "solutions" / "projects" / HERE.name


class Queue(Protocol):
    def push(self, item: int, priority: float) -> None: ...
    def pop(self) -> int: ...
    def update(self, item: int, priority: float) -> None: ...
    def remove(self, item: int) -> None: ...


class HeapqQueue:
    """The baseline: heapq with lazy deletion, as in the heapq documentation's recipe."""

    _REMOVED = -1

    def __init__(self) -> None:
        self._heap: list[list[Any]] = []
        self._entries: dict[int, list[Any]] = {}
        self._arrivals = itertools.count()

    def push(self, item: int, priority: float) -> None:
        entry = [priority, next(self._arrivals), item]
        self._entries[item] = entry
        heapq.heappush(self._heap, entry)

    def remove(self, item: int) -> None:
        self._entries.pop(item)[-1] = self._REMOVED

    def update(self, item: int, priority: float) -> None:
        self.remove(item)
        self.push(item, priority)

    def pop(self) -> int:
        while self._heap:
            *_, item = heapq.heappop(self._heap)
            if item != self._REMOVED:
                del self._entries[item]
                return int(item)
        raise IndexError("pop from an empty priority queue")


def workload(make: Callable[[], Queue], n: int, seed: int = 7) -> tuple[int, float]:
    """Run the mixed workload once; return (operations, seconds)."""
    rng = random.Random(seed)
    priorities = [rng.random() for _ in range(n)]
    updated = rng.sample(range(n), n // 4)
    removed = rng.sample(range(n), n // 8)
    queue = make()
    start = time.perf_counter()
    for item, priority in enumerate(priorities):
        queue.push(item, priority)
    for item in updated:
        queue.update(item, rng.random())
    for item in removed:
        queue.remove(item)
    remaining = n - len(removed)
    for _ in range(remaining):
        queue.pop()
    return n + len(updated) + len(removed) + remaining, time.perf_counter() - start


def best_rate(make: Callable[[], Queue], n: int, repeat: int) -> float:
    """Operations per second, the best of `repeat` runs (the least disturbed by other processes)."""
    return max(ops / seconds for ops, seconds in (workload(make, n) for _ in range(repeat)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="items pushed (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per queue; the best counts (default 3)")
    parser.add_argument("--solutions", action="store_true", help="benchmark the reference solution")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(SOLUTION if args.solutions else HERE))
    from pqueue import PriorityQueue

    ours = best_rate(PriorityQueue, args.n, args.repeat)
    baseline = best_rate(HeapqQueue, args.n, args.repeat)
    who = "reference" if args.solutions else "yours"
    print(f"PriorityQueue ({who}): {ours:>12,.0f} ops/s")
    print(f"heapq baseline:      {baseline:>12,.0f} ops/s")
    print(f"ratio: the baseline is {baseline / ours:.2f}x as fast (n={args.n:,}, best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
