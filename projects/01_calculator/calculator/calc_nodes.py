"""The syntax tree the parser builds and the evaluator walks.

Columns are kept for error messages but left out of equality, so that
`parse("1+2") == Binary("+", Number(1), Number(2))` holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Number:
    """A literal such as `3` or `2.5`, held exactly."""

    value: Fraction
    column: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Name:
    """A variable read, such as `x`."""

    name: str
    column: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Unary:
    """`-operand` or `+operand`."""

    op: str
    operand: Expr
    column: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Binary:
    """`left op right`; the column is the operator's, where a division by zero is reported."""

    op: str
    left: Expr
    right: Expr
    column: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Assign:
    """`name = value`: a statement, not an expression."""

    name: str
    value: Expr
    column: int = field(default=0, compare=False, repr=False)


Expr = Number | Name | Unary | Binary
Statement = Expr | Assign
