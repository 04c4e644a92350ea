"""Decorators: functions that wrap functions, to change, log, remember or register them."""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Handler = Callable[..., Any]


def shout(func: Callable[..., str]) -> Callable[..., str]:
    """Decorate `func` so that it returns its result upper-cased."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        return func(*args, **kwargs).upper()

    return wrapper


def logged(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate `func` so that each call prints '-> <name>' before and '<- <name>' after it."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        print(f"-> {func.__name__}")
        result = func(*args, **kwargs)
        print(f"<- {func.__name__}")
        return result

    return wrapper


def cached(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate `func` so that it remembers its result for each combination of positional arguments."""
    results: dict[tuple[Any, ...], T] = {}

    @functools.wraps(func)
    def wrapper(*args: Any) -> T:
        if args not in results:
            results[args] = func(*args)
        return results[args]

    return wrapper


def route(table: dict[str, Handler], path: str) -> Callable[[Handler], Handler]:
    """Make a decorator that stores the function in `table[path]` and returns it unchanged."""

    def decorator(func: Handler) -> Handler:
        if path in table:
            raise ValueError(f"duplicate route {path!r}")
        table[path] = func
        return func

    return decorator
