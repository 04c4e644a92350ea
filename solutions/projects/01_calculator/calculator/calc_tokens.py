"""Layer 1: the tokenizer turns text into a list of tokens, each with the column it starts at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from calculator.calc_errors import CalcSyntaxError

#: The longest line `tokenize` accepts: a longer one is refused before any work is done on it.
MAX_LENGTH = 300


class TokenKind(Enum):
    """What a token is. Operators carry their own spelling as the value."""

    NUMBER = "number"
    NAME = "name"
    PLUS = "+"
    MINUS = "-"
    STAR = "*"
    SLASH = "/"
    DOUBLE_SLASH = "//"
    PERCENT = "%"
    DOUBLE_STAR = "**"
    LPAREN = "("
    RPAREN = ")"
    EQUALS = "="
    END = "end of input"


@dataclass(frozen=True)
class Token:
    """One token: its kind, its exact text and the 1-based column of its first character."""

    kind: TokenKind
    text: str
    column: int


_OPERATORS = {kind.value: kind for kind in TokenKind if kind not in (TokenKind.NUMBER, TokenKind.NAME, TokenKind.END)}

# Longest operators first, so that `**` is never read as two `*`.
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<operator>\*\*|//|[-+*/%()=])
    """,
    re.VERBOSE | re.ASCII,
)


def tokenize(source: str) -> list[Token]:
    """Split `source` into tokens, ending with one END token.

    CalcSyntaxError on a character that fits nowhere, or on a line longer than MAX_LENGTH characters.
    """
    if len(source) > MAX_LENGTH:
        raise CalcSyntaxError(f"input too long (more than {MAX_LENGTH} characters)", MAX_LENGTH + 1)
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise CalcSyntaxError(f"unexpected character {source[position]!r}", position + 1)
        text, group = match.group(), match.lastgroup
        if group == "number":
            tokens.append(Token(TokenKind.NUMBER, text, position + 1))
        elif group == "name":
            tokens.append(Token(TokenKind.NAME, text, position + 1))
        elif group == "operator":
            tokens.append(Token(_OPERATORS[text], text, position + 1))
        position = match.end()
    tokens.append(Token(TokenKind.END, "", len(source) + 1))
    return tokens
