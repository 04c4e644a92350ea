"""Layer 1: the tokenizer turns text into a list of tokens, each with the column it starts at."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

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


def tokenize(source: str) -> list[Token]:
    """Split `source` into tokens, ending with one END token.

    CalcSyntaxError on a character that fits nowhere, or on a line longer than MAX_LENGTH characters.

    >>> [(token.kind.name, token.text, token.column) for token in tokenize("2**x")]
    [('NUMBER', '2', 1), ('DOUBLE_STAR', '**', 2), ('NAME', 'x', 4), ('END', '', 5)]
    """
    raise NotImplementedError("tokenize: write me (milestone 1)")
