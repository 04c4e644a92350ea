"""Decorators: functions that wrap functions, to change, log, remember or register them."""

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Handler = Callable[..., Any]


def shout(func: Callable[..., str]) -> Callable[..., str]:
    """Decorate `func` so that it returns its result upper-cased."""
    raise NotImplementedError("shout: write me (task 1)")


def logged(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate `func` so that each call prints '-> <name>' before and '<- <name>' after it."""
    raise NotImplementedError("logged: write me (task 2)")


def cached(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate `func` so that it remembers its result for each combination of positional arguments."""
    raise NotImplementedError("cached: write me (task 3)")


def route(table: dict[str, Handler], path: str) -> Callable[[Handler], Handler]:
    """Make a decorator that stores the function in `table[path]` and returns it unchanged."""
    raise NotImplementedError("route: write me (task 4)")
