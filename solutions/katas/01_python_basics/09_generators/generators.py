"""Generators: values one at a time, for streams, batches and endless ids."""

from collections.abc import Iterable, Iterator


def meaningful_lines(lines: Iterable[str]) -> Iterator[str]:
    """Yield each line stripped, skipping empty lines and # comments; read lazily."""
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped


def batched(items: Iterable[int], size: int) -> Iterator[list[int]]:
    """Yield new lists of `size` items (the last one shorter); ValueError if size is below 1."""
    if size < 1:
        raise ValueError("size must be at least 1")
    batch: list[int] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def request_ids(prefix: str) -> Iterator[str]:
    """Yield '<prefix>-1', '<prefix>-2', ... for ever."""
    number = 0
    while True:
        number += 1
        yield f"{prefix}-{number}"


def bytes_served(log_lines: Iterable[str]) -> int:
    """Return the total size of the 'METHOD PATH STATUS SIZE' lines whose status is 200; one pass."""
    total = 0
    for line in log_lines:
        _method, _path, status, size = line.split()
        if status == "200":
            total += int(size)
    return total
