"""Layer 3: evaluate a syntax tree exactly, with fractions.Fraction, and keep the variables of a session."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from types import MappingProxyType

from calculator.calc_errors import DivisionByZeroError, NotRepresentableError, UnknownNameError
from calculator.calc_nodes import Assign, Binary, Expr, Name, Number, Unary
from calculator.calc_parser import parse

#: A result may hold at most this many bits in its numerator or denominator: `9**9**9` is refused, not computed.
MAX_BITS = 1_000_000
#: The most digits a printed number may have: Python's own limit for turning an int into text
#: (`sys.get_int_max_str_digits()`), which guards against conversions that take seconds.
MAX_DIGITS = 4300

_ARITHMETIC: dict[str, Callable[[Fraction, Fraction], Fraction]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "//": lambda a, b: Fraction(a // b),
    "%": lambda a, b: a % b,
}


def evaluate(node: Expr, variables: Mapping[str, Fraction]) -> Fraction:
    """The exact value of `node`, reading names from `variables`; CalcEvalError (with the column) if it fails."""
    match node:
        case Number(value=value):
            return value
        case Name(name=name, column=column):
            if name not in variables:
                raise UnknownNameError(f"unknown name {name!r}", column)
            return variables[name]
        case Unary(op=op, operand=operand):
            value = evaluate(operand, variables)
            return -value if op == "-" else value
        case Binary(op="**", left=left, right=right, column=column):
            return power(evaluate(left, variables), evaluate(right, variables), column)
        case Binary(op=op, left=left, right=right, column=column):
            a, b = evaluate(left, variables), evaluate(right, variables)
            if b == 0 and op in ("/", "//", "%"):
                raise DivisionByZeroError("division by zero", column)
            return _checked_size(_ARITHMETIC[op](a, b), column)
    raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover - the match is exhaustive


def _checked_size(value: Fraction, column: int) -> Fraction:
    """`value`, unless it is over MAX_BITS: then `x = x * x`, repeated, cannot fill the memory."""
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_BITS:
        raise NotRepresentableError(f"result too large (more than {MAX_BITS} bits)", column)
    return value


def power(base: Fraction, exponent: Fraction, column: int) -> Fraction:
    """`base ** exponent`, exactly: a rational exponent takes an exact root, or fails if there is none."""
    if base == 0 and exponent < 0:
        raise DivisionByZeroError("division by zero: 0 raised to a negative power", column)
    if base in (0, 1) or exponent == 0:
        return Fraction(1) if exponent == 0 else base
    size = max(base.numerator.bit_length(), base.denominator.bit_length()) * abs(exponent)
    if size > MAX_BITS:
        raise NotRepresentableError(f"result too large (more than {MAX_BITS} bits)", column)
    if exponent.denominator != 1:
        base = _exact_root(base, exponent.denominator, column)
    return base**exponent.numerator


def _exact_root(value: Fraction, degree: int, column: int) -> Fraction:
    if value < 0 and degree % 2 == 0:
        raise NotRepresentableError("an even root of a negative number is not a real number", column)
    numerator = _integer_root(abs(value.numerator), degree)
    denominator = _integer_root(value.denominator, degree)
    if numerator is None or denominator is None:
        raise NotRepresentableError("the result is irrational, so it has no exact value", column)
    return Fraction(numerator if value > 0 else -numerator, denominator)


def _integer_root(n: int, degree: int) -> int | None:
    """The exact `degree`-th root of `n >= 0`, or None when `n` is not a perfect power (Newton's method on ints)."""
    if n < 2:
        return n
    if degree >= n.bit_length():  # then 1 < root < 2: no integer root
        return None
    guess = 1 << -(-n.bit_length() // degree)  # at least the root
    while True:
        better = ((degree - 1) * guess + n // guess ** (degree - 1)) // degree
        if better >= guess:
            break
        guess = better
    return guess if guess**degree == n else None


def format_number(value: Fraction) -> str:
    """`14`, `-2.5`, `0.125` when the decimal ends; `1/3` when it would repeat forever.

    NotRepresentableError (column 1: the whole line) if a number in the text would have more than MAX_DIGITS digits.
    """
    too_long = NotRepresentableError(f"result too long to print (more than {MAX_DIGITS} digits)", 1)
    if abs(value.numerator) >= 10**MAX_DIGITS or value.denominator >= 10**MAX_DIGITS:
        raise too_long
    if value.denominator == 1:
        return str(value.numerator)
    rest, digits = value.denominator, 0
    for factor in (2, 5):
        count = 0
        while rest % factor == 0:
            rest //= factor
            count += 1
        digits = max(digits, count)
    if rest != 1:
        return f"{value.numerator}/{value.denominator}"
    if digits > MAX_DIGITS:
        raise too_long
    whole, fraction = divmod(abs(value.numerator) * 10**digits // value.denominator, 10**digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{fraction:0{digits}d}"


class Calculator:
    """A session: runs lines one at a time and remembers the variables they assign."""

    def __init__(self) -> None:
        self._variables: dict[str, Fraction] = {}

    @property
    def variables(self) -> Mapping[str, Fraction]:
        """The variables assigned so far, read-only."""
        return MappingProxyType(self._variables)

    def execute(self, line: str) -> Fraction | None:
        """Run one line: the value of an expression, or None for an assignment (which stores the value)."""
        statement = parse(line)
        if isinstance(statement, Assign):
            self._variables[statement.name] = evaluate(statement.value, self._variables)
            return None
        return evaluate(statement, self._variables)
