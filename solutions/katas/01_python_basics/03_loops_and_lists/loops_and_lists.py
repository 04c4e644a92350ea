"""Loops and lists: go through many values, repeat until done, and return more than one value."""

SERVER_ERROR = 500


def count_server_errors(codes: list[int]) -> int:
    """Return how many of the status codes are 500 or more."""
    count = 0
    for code in codes:
        if code >= SERVER_ERROR:
            count += 1
    return count


def slow_requests(durations: list[int], limit: int) -> list[int]:
    """Return a new list of the durations above `limit`, in their order."""
    slow = []
    for duration in durations:
        if duration > limit:
            slow.append(duration)
    return slow


def smallest_and_largest(numbers: list[int]) -> tuple[int, int]:
    """Return (smallest, largest); ValueError('no numbers') for an empty list."""
    if not numbers:
        raise ValueError("no numbers")
    return min(numbers), max(numbers)


def numbered(items: list[str]) -> list[str]:
    """Return ['1. <first>', '2. <second>', ...]."""
    lines = []
    for position in range(len(items)):
        lines.append(f"{position + 1}. {items[position]}")
    return lines


def doubling_waits(first: int, limit: int) -> list[int]:
    """Return first, 2*first, 4*first, ... while at most `limit`; ValueError if first is below 1."""
    if first < 1:
        raise ValueError("first must be at least 1")
    waits = []
    wait = first
    while wait <= limit:
        waits.append(wait)
        wait *= 2
    return waits


def read_commands() -> list[str]:
    """Ask '> ' until the line 'quit'; return the lines before it, without empty ones."""
    commands: list[str] = []
    while True:
        line = input("> ")
        if line == "quit":
            return commands
        if line:
            commands.append(line)
