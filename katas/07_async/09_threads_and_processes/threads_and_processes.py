"""Threads for waiting, processes for computing: `concurrent.futures` in three functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def fetch_all(fetch: Callable[[str], R], urls: Iterable[str], *, workers: int = 8) -> list[R]:
    """Call `fetch` on every URL in a pool of `workers` threads; the results in the order of `urls`.

    If a call raises, the same exception reaches the caller and the calls that have not started yet never start.
    """
    raise NotImplementedError("task 1: fetch_all")


def first_success(fetch: Callable[[str], R], mirrors: Sequence[str], *, workers: int = 4) -> R:
    """Ask the mirrors at once and return the first answer that is not an error, without waiting for the rest.

    Raises ValueError for no mirrors, and ExceptionGroup("every mirror failed", errors in mirror order) when
    every call raised.
    """
    raise NotImplementedError("task 2: first_success")


def map_cpu_bound(func: Callable[[A], R], items: Iterable[A], *, workers: int = 2) -> list[R]:
    """Call `func` on every item in a pool of `workers` processes; the results in the order of `items`.

    `func` must be a module-level function (a process receives it by name, pickled), and so must its items.
    """
    raise NotImplementedError("task 3: map_cpu_bound")
