"""Loops and lists: go through many values, repeat until done, and return more than one value."""


def count_server_errors(codes: list[int]) -> int:
    """Return how many of the status codes are 500 or more."""
    raise NotImplementedError("count_server_errors: write me (task 1)")


def slow_requests(durations: list[int], limit: int) -> list[int]:
    """Return a new list of the durations above `limit`, in their order."""
    raise NotImplementedError("slow_requests: write me (task 2)")


def smallest_and_largest(numbers: list[int]) -> tuple[int, int]:
    """Return (smallest, largest); ValueError('no numbers') for an empty list."""
    raise NotImplementedError("smallest_and_largest: write me (task 3)")


def numbered(items: list[str]) -> list[str]:
    """Return ['1. <first>', '2. <second>', ...]."""
    raise NotImplementedError("numbered: write me (task 4)")


def doubling_waits(first: int, limit: int) -> list[int]:
    """Return first, 2*first, 4*first, ... while at most `limit`; ValueError if first is below 1."""
    raise NotImplementedError("doubling_waits: write me (task 5)")


def read_commands() -> list[str]:
    """Ask '> ' until the line 'quit'; return the lines before it, without empty ones."""
    raise NotImplementedError("read_commands: write me (task 6)")
