"""Errors and cleanup: an application's own exceptions, chained, cleaned up after and shown safely."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar


class AppError(Exception):
    """Base class of every error the application raises on purpose."""


class ValidationError(Exception):  # task 1: which class should this one extend?
    """A value from outside is wrong: which field, and why. str() gives '<field>: <message>'."""

    def __init__(self, field: str, message: str) -> None:
        raise NotImplementedError("ValidationError: write me (task 1)")


class NotFoundError(Exception):  # task 1: which class should this one extend?
    """Something looked up by key does not exist. str() gives '<kind> <key!r> not found'."""

    def __init__(self, kind: str, key: object) -> None:
        raise NotImplementedError("NotFoundError: write me (task 1)")


def parse_port(text: str) -> int:
    """Return the port number in `text`; ValidationError (chained to the ValueError) if it is not one."""
    raise NotImplementedError("parse_port: write me (task 2)")


class Connection(Protocol):
    """What transaction() needs from a database connection."""

    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


C = TypeVar("C", bound=Connection)


@contextmanager
def transaction(connection: C) -> Iterator[C]:
    """Give the with block the connection; commit if it succeeds, roll back if it raises, always close."""
    raise NotImplementedError("transaction: write me (task 3)")


def to_http_error(error: Exception) -> tuple[int, dict[str, str]]:
    """Return (status, JSON body) for an error, never showing the text of an exception that is not an AppError."""
    raise NotImplementedError("to_http_error: write me (task 4)")
