"""Generators: values one at a time, for streams, batches and endless ids."""

from collections.abc import Iterable, Iterator


def meaningful_lines(lines: Iterable[str]) -> Iterator[str]:
    """Yield each line stripped, skipping empty lines and # comments; read lazily."""
    raise NotImplementedError("meaningful_lines: write me (task 1)")


def batched(items: Iterable[int], size: int) -> Iterator[list[int]]:
    """Yield new lists of `size` items (the last one shorter); ValueError if size is below 1."""
    raise NotImplementedError("batched: write me (task 2)")


def request_ids(prefix: str) -> Iterator[str]:
    """Yield '<prefix>-1', '<prefix>-2', ... for ever."""
    raise NotImplementedError("request_ids: write me (task 3)")


def bytes_served(log_lines: Iterable[str]) -> int:
    """Return the total size of the 'METHOD PATH STATUS SIZE' lines whose status is 200; one pass."""
    raise NotImplementedError("bytes_served: write me (task 4)")
