"""Layer 2: a recursive-descent parser from tokens to a syntax tree.

The grammar, lowest precedence first (the same as Python's). Write one
function (or method) per rule:

    statement := NAME "=" expr END | expr END
    expr      := term (("+" | "-") term)*
    term      := unary (("*" | "/" | "//" | "%") unary)*
    unary     := ("-" | "+") unary | power
    power     := atom ("**" unary)?
    atom      := NUMBER | NAME | "(" expr ")"
"""

from __future__ import annotations

from calculator.calc_nodes import Statement

#: The deepest nesting of parentheses, signs and `**` that `parse` accepts.
MAX_NESTING = 50


def parse(source: str) -> Statement:
    """Parse one line: an expression or an assignment. CalcSyntaxError, with the column, if it is malformed.

    >>> parse("-2 ** 2")
    Unary(op='-', operand=Binary(op='**', left=Number(value=Fraction(2, 1)), right=Number(value=Fraction(2, 1))))
    """
    raise NotImplementedError("parse: write me (milestone 2)")
