"""Tests for the errors-and-cleanup kata.

Mistakes these tests catch: ValidationError or NotFoundError not a subclass of
AppError (so `except AppError` misses them); `.field`/`.message` not kept;
str(error) not in the promised form, or the key shown without repr(); a
ValidationError raised inside `except` without `from error` (no `__cause__`);
`"8080.0"`, `""`, 0 or 65536 accepted; the range error chained to something; a
transaction that commits after an error, rolls back after success, swallows
the error, raises a different one, or skips close() when the block or commit()
fails; to_http_error testing AppError before its subclasses (every error a
500), using `type(error) is ValidationError` (subclasses missed), or sending the
text of a foreign exception to the client.
"""

from collections.abc import Callable

import pytest
from errors_and_cleanup import (
    AppError,
    NotFoundError,
    ValidationError,
    parse_port,
    to_http_error,
    transaction,
)
from hypothesis import given
from hypothesis import strategies as st


class FakeConnection:
    """Records what happens to it; `fail_on` names a method that raises ConnectionError."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.events: list[str] = []
        self.fail_on = fail_on

    def _record(self, event: str) -> None:
        self.events.append(event)
        if event == self.fail_on:
            raise ConnectionError(f"{event} failed: server closed the connection")

    def execute(self, sql: str) -> None:
        self._record(f"execute {sql}")

    def commit(self) -> None:
        self._record("commit")

    def rollback(self) -> None:
        self._record("rollback")

    def close(self) -> None:
        self._record("close")


def exception_from(action: Callable[[], object]) -> Exception | None:
    """Run `action` and return the exception it raised, or None."""
    try:
        action()
    except Exception as error:
        return error
    return None


def insert_then_fail(connection: FakeConnection, error: Exception) -> None:
    with transaction(connection) as conn:
        conn.execute("INSERT")
        raise error


class EmailError(ValidationError):
    """A subclass the application might add later."""


@pytest.mark.task(taskno=1)
def test_validation_error_keeps_field_and_message() -> None:
    error = ValidationError("email", "is required")
    assert (error.field, error.message) == ("email", "is required"), (
        "keep .field and .message for the code that catches it"
    )
    assert str(error) == "email: is required", "str(error) should be '<field>: <message>'"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("key", "expected"), [(42, "user 42 not found"), ("42", "user '42' not found"), ("ada", "user 'ada' not found")]
)
def test_not_found_error_shows_the_key_with_repr(key: object, expected: str) -> None:
    error = NotFoundError("user", key)
    assert (error.kind, error.key) == ("user", key), "keep .kind and .key for the code that catches it"
    assert str(error) == expected, f"the key is shown with repr(), so 42 and '42' differ: expected {expected!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("error_class", [ValidationError, NotFoundError])
def test_app_errors_share_one_base_class(error_class: type[Exception]) -> None:
    assert issubclass(error_class, AppError), (
        f"{error_class.__name__} should extend AppError, so `except AppError:` catches every error of the app"
    )
    error = ValidationError("f", "m") if error_class is ValidationError else NotFoundError("k", 1)
    with pytest.raises(AppError):
        raise error


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(("text", "port"), [("1", 1), ("80", 80), (" 8080 ", 8080), ("65535", 65535)])
def test_parse_port_reads_a_port(text: str, port: int) -> None:
    assert parse_port(text) == port, f"parse_port({text!r}) should be {port}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("text", ["http", "", "8080.0", "80 80", "0x50"])
def test_parse_port_chains_the_value_error(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_port(text)
    assert str(caught.value) == f"port: must be a whole number, got {text!r}", "the message shows the text with repr()"
    assert isinstance(caught.value.__cause__, ValueError), (
        "raise the ValidationError `from` the ValueError, so the traceback keeps the cause"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("text", ["0", "-1", "65536", "100000"])
def test_parse_port_rejects_numbers_out_of_range(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_port(text)
    assert str(caught.value) == f"port: must be between 1 and 65535, got {int(text)}", "say the range and the number"
    assert caught.value.__cause__ is None, "an out-of-range number is not caused by another error: no `from` here"


@pytest.mark.task(taskno=2)
@given(st.integers(min_value=1, max_value=65535))
def test_parse_port_reads_every_valid_port(port: int) -> None:
    assert parse_port(str(port)) == port, f"{port} is a valid port"


@pytest.mark.task(taskno=3)
def test_transaction_commits_then_closes_on_success() -> None:
    connection = FakeConnection()
    with transaction(connection) as conn:
        assert conn is connection, "the with block gets the connection itself (yield it)"
        conn.execute("INSERT")
    assert connection.events == ["execute INSERT", "commit", "close"], "success: commit, then close"


@pytest.mark.task(taskno=3)
def test_transaction_rolls_back_closes_and_reraises_on_error() -> None:
    connection = FakeConnection()
    error = KeyError("sku")
    raised = exception_from(lambda: insert_then_fail(connection, error))
    assert raised is error, (
        f"the block raised {error!r} but the with statement raised {raised!r}: "
        "roll back, then let the very same exception carry on with a bare `raise`"
    )
    assert connection.events == ["execute INSERT", "rollback", "close"], "error: roll back (never commit), then close"


@pytest.mark.task(taskno=3)
def test_transaction_closes_even_when_commit_fails() -> None:
    connection = FakeConnection(fail_on="commit")
    with pytest.raises(ConnectionError, match="commit failed"), transaction(connection):
        pass
    assert connection.events[-1] == "close", "close the connection in `finally`, even when commit() raises"
    assert connection.events.count("close") == 1, "close exactly once"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("make_error", "expected"),
    [
        (
            lambda: ValidationError("email", "is required"),
            (400, {"error": "validation", "field": "email", "message": "is required"}),
        ),
        (
            lambda: EmailError("email", "has no @"),
            (400, {"error": "validation", "field": "email", "message": "has no @"}),
        ),
        (lambda: NotFoundError("user", 42), (404, {"error": "not_found", "message": "user 42 not found"})),
        (lambda: AppError("quota exceeded"), (500, {"error": "app_error", "message": "quota exceeded"})),
    ],
    ids=["validation", "validation-subclass", "not-found", "app-error"],
)
def test_to_http_error_maps_app_errors(
    make_error: Callable[[], Exception], expected: tuple[int, dict[str, str]]
) -> None:
    error = make_error()
    assert to_http_error(error) == expected, (
        f"{type(error).__name__} should give {expected}: test the most specific classes first, with isinstance()"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    "error",
    [RuntimeError("password=hunter2 rejected"), KeyError("/srv/app/secrets.env"), ValueError("SELECT * FROM users")],
    ids=["runtime", "key", "value"],
)
def test_to_http_error_hides_the_text_of_foreign_errors(error: Exception) -> None:
    status, body = to_http_error(error)
    assert (status, body) == (500, {"error": "internal", "message": "internal server error"}), (
        "an error that is not an AppError gives a generic 500: its text may hold secrets"
    )
