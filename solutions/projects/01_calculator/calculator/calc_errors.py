"""The errors a calculation can raise: each knows what went wrong and where (a 1-based column)."""

from __future__ import annotations


class CalcError(Exception):
    """A calculation failed. `message` says why, `column` (1-based) says where in the input."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message, column)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return f"{self.message} (column {self.column})"

    def show(self, source: str) -> str:
        """The error as a person reads it: the message, the input, and a caret under the column."""
        return f"error: {self}\n  {source}\n  {' ' * (self.column - 1)}^"


class CalcSyntaxError(CalcError):
    """The input is malformed: an unknown character, a missing operand, an unbalanced parenthesis."""


class CalcEvalError(CalcError):
    """The input parsed, but evaluating it failed."""


class UnknownNameError(CalcEvalError):
    """A variable was read before anything was assigned to it."""


class DivisionByZeroError(CalcEvalError):
    """`/`, `//` or `%` by zero, or zero raised to a negative power."""


class NotRepresentableError(CalcEvalError):
    """The exact result is not a (reasonably sized) rational number, e.g. `2 ** (1/2)` or `9 ** 9 ** 9`."""
