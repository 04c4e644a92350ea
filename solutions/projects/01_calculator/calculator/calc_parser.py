"""Layer 2: a recursive-descent parser from tokens to a syntax tree.

The grammar, one function per line, lowest precedence first (the same as Python's):

    statement := NAME "=" expr END | expr END
    expr      := term (("+" | "-") term)*
    term      := unary (("*" | "/" | "//" | "%") unary)*
    unary     := ("-" | "+") unary | power
    power     := atom ("**" unary)?
    atom      := NUMBER | NAME | "(" expr ")"

`power` calls `unary` for its right side, which makes `**` right-associative
(`2**3**2` is `2**9`) and lets `2**-1` work, while `unary` calls `power`, so
`-2**2` is `-(2**2)`.

Each `(`, sign and `**` is one level of nesting and one more call on the stack: more than
MAX_NESTING levels at once is refused with a CalcSyntaxError, never a RecursionError.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction

from calculator.calc_errors import CalcSyntaxError
from calculator.calc_nodes import Assign, Binary, Expr, Name, Number, Statement, Unary
from calculator.calc_tokens import Token, TokenKind, tokenize

#: The deepest nesting of parentheses, signs and `**` that `parse` accepts.
MAX_NESTING = 50

_ADDITIVE = (TokenKind.PLUS, TokenKind.MINUS)
_MULTIPLICATIVE = (TokenKind.STAR, TokenKind.SLASH, TokenKind.DOUBLE_SLASH, TokenKind.PERCENT)


def parse(source: str) -> Statement:
    """Parse one line: an expression or an assignment. CalcSyntaxError, with the column, if it is malformed."""
    return _Parser(tokenize(source)).statement()


def describe(token: Token) -> str:
    """How an error message names a token: `')'`, `number '3'`, `end of input`."""
    if token.kind is TokenKind.END:
        return "end of input"
    if token.kind is TokenKind.NUMBER:
        return f"number {token.text!r}"
    if token.kind is TokenKind.NAME:
        return f"name {token.text!r}"
    return repr(token.text)


class _Parser:
    """Walks the token list once; each grammar rule is one method."""

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._position = 0
        self._depth = 0

    @property
    def _current(self) -> Token:
        return self._tokens[self._position]

    @contextmanager
    def _nested(self, token: Token) -> Iterator[None]:
        """One more level of nesting, opened by `token`, for the duration of the `with` block."""
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise CalcSyntaxError(f"too deeply nested (more than {MAX_NESTING} levels)", token.column)
        yield
        self._depth -= 1

    def _advance(self) -> Token:
        token = self._current
        if token.kind is not TokenKind.END:
            self._position += 1
        return token

    def statement(self) -> Statement:
        first = self._current
        if first.kind is TokenKind.NAME and self._tokens[self._position + 1].kind is TokenKind.EQUALS:
            self._advance()
            self._advance()
            result: Statement = Assign(first.text, self._expr(), first.column)
        else:
            result = self._expr()
        end = self._current
        if end.kind is TokenKind.EQUALS:
            raise CalcSyntaxError("can only assign to a name, as in 'x = 3'", end.column)
        if end.kind is not TokenKind.END:
            raise CalcSyntaxError(f"unexpected {describe(end)}: expected an operator or the end", end.column)
        return result

    def _expr(self) -> Expr:
        node = self._term()
        while self._current.kind in _ADDITIVE:
            operator = self._advance()
            node = Binary(operator.text, node, self._term(), operator.column)
        return node

    def _term(self) -> Expr:
        node = self._unary()
        while self._current.kind in _MULTIPLICATIVE:
            operator = self._advance()
            node = Binary(operator.text, node, self._unary(), operator.column)
        return node

    def _unary(self) -> Expr:
        if self._current.kind in _ADDITIVE:
            operator = self._advance()
            with self._nested(operator):
                return Unary(operator.text, self._unary(), operator.column)
        return self._power()

    def _power(self) -> Expr:
        base = self._atom()
        if self._current.kind is TokenKind.DOUBLE_STAR:
            operator = self._advance()
            with self._nested(operator):
                return Binary(operator.text, base, self._unary(), operator.column)
        return base

    def _atom(self) -> Expr:
        token = self._advance()
        if token.kind is TokenKind.NUMBER:
            return Number(Fraction(token.text), token.column)
        if token.kind is TokenKind.NAME:
            return Name(token.text, token.column)
        if token.kind is TokenKind.LPAREN:
            with self._nested(token):
                inner = self._expr()
            closing = self._current
            if closing.kind is not TokenKind.RPAREN:
                raise CalcSyntaxError(
                    f"expected ')' to close the '(' at column {token.column}, found {describe(closing)}",
                    closing.column,
                )
            self._advance()
            return inner
        raise CalcSyntaxError(f"expected a number, a name or '(', found {describe(token)}", token.column)
