"""Layer 3: evaluate a syntax tree exactly, with fractions.Fraction, and keep the variables of a session."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from calculator.calc_nodes import Expr

#: A result may hold at most this many bits in its numerator or denominator: `9**9**9` is refused, not computed.
MAX_BITS = 1_000_000
#: The most digits a printed number may have: Python's own limit for turning an int into text
#: (`sys.get_int_max_str_digits()`), which guards against conversions that take seconds.
MAX_DIGITS = 4300


def evaluate(node: Expr, variables: Mapping[str, Fraction]) -> Fraction:
    """The exact value of `node`, reading names from `variables`; CalcEvalError (with the column) if it fails."""
    raise NotImplementedError("evaluate: write me (milestone 3)")


def format_number(value: Fraction) -> str:
    """`14`, `-2.5`, `0.125` when the decimal ends; `1/3` when it would repeat forever.

    NotRepresentableError (column 1: the whole line) if a number in the text would have more than MAX_DIGITS digits.
    """
    raise NotImplementedError("format_number: write me (milestone 3)")


class Calculator:
    """A session: runs lines one at a time and remembers the variables they assign."""

    def __init__(self) -> None:
        self._variables: dict[str, Fraction] = {}

    @property
    def variables(self) -> Mapping[str, Fraction]:
        """The variables assigned so far, read-only."""
        raise NotImplementedError("Calculator.variables: write me (milestone 3)")

    def execute(self, line: str) -> Fraction | None:
        """Run one line: the value of an expression, or None for an assignment (which stores the value)."""
        raise NotImplementedError("Calculator.execute: write me (milestone 3)")
