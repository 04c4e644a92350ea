"""Threads for waiting, processes for computing: `concurrent.futures` in three functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def _check_workers(workers: int) -> None:
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")


def fetch_all(fetch: Callable[[str], R], urls: Iterable[str], *, workers: int = 8) -> list[R]:
    """Call `fetch` on every URL in a pool of `workers` threads; the results in the order of `urls`.

    If a call raises, the same exception reaches the caller and the calls that have not started yet never start.
    """
    _check_workers(workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(fetch, url) for url in urls]
        try:
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def first_success(fetch: Callable[[str], R], mirrors: Sequence[str], *, workers: int = 4) -> R:
    """Ask the mirrors at once and return the first answer that is not an error, without waiting for the rest.

    Raises ValueError for no mirrors, and ExceptionGroup("every mirror failed", errors in mirror order) when
    every call raised.
    """
    _check_workers(workers)
    if not mirrors:
        raise ValueError("no mirrors to ask")
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(fetch, mirror) for mirror in mirrors]
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                if future.exception() is None:
                    return future.result()
        errors = [error for future in futures if (error := future.exception()) is not None]
        raise BaseExceptionGroup("every mirror failed", errors)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def map_cpu_bound(func: Callable[[A], R], items: Iterable[A], *, workers: int = 2) -> list[R]:
    """Call `func` on every item in a pool of `workers` processes; the results in the order of `items`.

    `func` must be a module-level function (a process receives it by name, pickled), and so must its items.
    """
    _check_workers(workers)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, items))
