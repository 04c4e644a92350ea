"""Errors and cleanup: an application's own exceptions, chained, cleaned up after and shown safely."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

MIN_PORT, MAX_PORT = 1, 65535


class AppError(Exception):
    """Base class of every error the application raises on purpose."""


class ValidationError(AppError):
    """A value from outside is wrong: which field, and why. str() gives '<field>: <message>'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(AppError):
    """Something looked up by key does not exist. str() gives '<kind> <key!r> not found'."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} {key!r} not found")
        self.kind = kind
        self.key = key


def parse_port(text: str) -> int:
    """Return the port number in `text`; ValidationError (chained to the ValueError) if it is not one."""
    try:
        port = int(text)
    except ValueError as error:
        raise ValidationError("port", f"must be a whole number, got {text!r}") from error
    if not MIN_PORT <= port <= MAX_PORT:
        raise ValidationError("port", f"must be between {MIN_PORT} and {MAX_PORT}, got {port}")
    return port


class Connection(Protocol):
    """What transaction() needs from a database connection."""

    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


C = TypeVar("C", bound=Connection)


@contextmanager
def transaction(connection: C) -> Iterator[C]:
    """Give the with block the connection; commit if it succeeds, roll back if it raises, always close."""
    try:
        yield connection
    except BaseException:
        connection.rollback()
        raise
    else:
        connection.commit()
    finally:
        connection.close()


def to_http_error(error: Exception) -> tuple[int, dict[str, str]]:
    """Return (status, JSON body) for an error, never showing the text of an exception that is not an AppError."""
    if isinstance(error, ValidationError):
        return 400, {"error": "validation", "field": error.field, "message": error.message}
    if isinstance(error, NotFoundError):
        return 404, {"error": "not_found", "message": str(error)}
    if isinstance(error, AppError):
        return 500, {"error": "app_error", "message": str(error)}
    return 500, {"error": "internal", "message": "internal server error"}
