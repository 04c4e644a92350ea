"""An exact calculator: tokenizer -> parser -> evaluator -> command line."""

from calculator.calc_errors import (
    CalcError,
    CalcEvalError,
    CalcSyntaxError,
    DivisionByZeroError,
    NotRepresentableError,
    UnknownNameError,
)
from calculator.calc_evaluator import Calculator, evaluate, format_number
from calculator.calc_parser import parse
from calculator.calc_tokens import Token, TokenKind, tokenize

__all__ = [
    "CalcError",
    "CalcEvalError",
    "CalcSyntaxError",
    "Calculator",
    "DivisionByZeroError",
    "NotRepresentableError",
    "Token",
    "TokenKind",
    "UnknownNameError",
    "evaluate",
    "format_number",
    "parse",
    "tokenize",
]
