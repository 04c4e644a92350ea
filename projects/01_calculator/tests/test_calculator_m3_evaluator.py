"""Milestone 3: exact evaluation, variables and runtime errors.

Mistakes these tests catch: float arithmetic (`0.1 + 0.2` not exactly
`0.3`), `//` and `%` rounding towards zero instead of down like Python,
division by zero escaping as Python's ZeroDivisionError or without the
operator's column, an unknown name raising KeyError, a failed assignment
still storing something, `2 ** 0.5` silently becoming a float, a huge power
computed until memory runs out, results printed as `Fraction(1, 3)` or
`0.3333333333333333`.
"""

from fractions import Fraction

import pytest
from calculator import (
    CalcError,
    CalcSyntaxError,
    Calculator,
    DivisionByZeroError,
    NotRepresentableError,
    UnknownNameError,
    format_number,
)
from hypothesis import assume, given
from hypothesis import strategies as st


def calc(source: str) -> Fraction | None:
    return Calculator().execute(source)


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("2*(3+4)", Fraction(14)),
        ("0.1 + 0.2", Fraction(3, 10)),
        ("1/3 + 1/6", Fraction(1, 2)),
        ("-7 // 2", Fraction(-4)),
        ("-7 % 3", Fraction(2)),
        ("7.5 % 2", Fraction(3, 2)),
        ("-2 ** 2", Fraction(-4)),
        ("2 ** -2", Fraction(1, 4)),
        ("2 ** 3 ** 2", Fraction(512)),
        ("(2/3) ** 2", Fraction(4, 9)),
        ("1 ** 2000000", Fraction(1)),
    ],
)
def test_evaluates_exactly_like_python_with_fractions(source: str, expected: Fraction) -> None:
    result = calc(source)
    assert result == expected, f"{source} should be exactly {expected}, got {result!r}"
    assert type(result) is Fraction, f"results are Fractions, got {type(result).__name__}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("4 ** 0.5", 2),
        ("8 ** (1/3)", 2),
        ("(9/4) ** -0.5", Fraction(2, 3)),
        ("(-8) ** (1/3)", -2),
        ("(-1/8) ** (1/3)", Fraction(-1, 2)),
        ("0 ** 0.5", 0),
        ("(1/4) ** 0.5", Fraction(1, 2)),
    ],
)
def test_takes_exact_roots(source: str, expected: Fraction) -> None:
    assert calc(source) == expected, f"{source} has an exact rational answer, {expected}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("source", "column", "reason"),
    [
        ("2 ** 0.5", 3, "irrational"),
        ("8 ** 0.5", 3, "irrational"),
        ("(8/25) ** (1/3)", 8, "irrational"),
        ("(-4) ** 0.5", 6, "even root of a negative"),
        ("9 ** 9 ** 9", 3, "too large"),
    ],
)
def test_refuses_results_that_are_not_reasonable_fractions(source: str, column: int, reason: str) -> None:
    with pytest.raises(NotRepresentableError) as raised:
        calc(source)
    assert reason in raised.value.message, f"{source}: the message should say why ({reason!r})"
    assert raised.value.column == column, f"{source}: the error should point at the operator, column {column}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(("source", "column"), [("1/0", 2), ("1 + 4 // (2-2)", 7), ("5 % 0", 3), ("0 ** -1", 3)])
def test_division_by_zero_points_at_the_operator(source: str, column: int) -> None:
    with pytest.raises(DivisionByZeroError) as raised:
        calc(source)
    assert raised.value.column == column, f"{source}: the error should point at the operator, column {column}"
    assert "division by zero" in raised.value.message


@pytest.mark.task(taskno=3)
def test_remembers_variables_between_lines() -> None:
    session = Calculator()
    assert session.execute("x = 3") is None, "an assignment is a statement: it stores the value and returns None"
    assert session.execute("rate = x / 2") is None
    assert session.execute("x * rate") == Fraction(9, 2)
    assert dict(session.variables) == {"x": 3, "rate": Fraction(3, 2)}
    assert (session.execute("-x"), session.execute("x ** 2"), session.execute("2 ** x")) == (-3, 9, 8), (
        "pass the variables down into every sub-expression: unary minus and both sides of **"
    )


@pytest.mark.task(taskno=3)
def test_unknown_name_is_reported_with_its_column() -> None:
    session = Calculator()
    session.execute("x = 1")
    with pytest.raises(UnknownNameError) as raised:
        session.execute("x + yy")
    assert raised.value.column == 5, "the error should point at the name"
    assert "'yy'" in raised.value.message


@pytest.mark.task(taskno=3)
def test_a_failed_assignment_changes_nothing() -> None:
    session = Calculator()
    session.execute("x = 1")
    with pytest.raises(DivisionByZeroError):
        session.execute("x = 1/0")
    with pytest.raises(CalcSyntaxError):
        session.execute("x = (")
    assert dict(session.variables) == {"x": 1}, "x must keep its old value when the new one fails"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(14), "14"),
        (Fraction(-3), "-3"),
        (Fraction(5, 2), "2.5"),
        (Fraction(-1, 8), "-0.125"),
        (Fraction(1, 3), "1/3"),
        (Fraction(-7, 6), "-7/6"),
        (Fraction(1, 1024), "0.0009765625"),
        (Fraction(0), "0"),
        (Fraction(1, 5), "0.2"),
        (Fraction(3, 40), "0.075"),
    ],
)
def test_formats_numbers_exactly(value: Fraction, text: str) -> None:
    assert format_number(value) == text, "whole numbers plain, finite decimals in full, repeating ones as p/q"


@pytest.mark.task(taskno=3)
def test_formats_a_long_finite_decimal_in_full() -> None:
    assert format_number(Fraction(1, 10**400)) == "0." + "0" * 399 + "1", (
        "a decimal that ends is printed in full, however many digits it has: count the factors 2 and 5 of the "
        "denominator with integer arithmetic (// and %), never float, which overflows or rounds"
    )


@pytest.mark.task(taskno=3)
def test_every_result_is_held_to_max_bits_not_only_powers() -> None:
    session = Calculator()
    session.execute("x = 2 ** 499999")
    assert session.execute("x * x * 2") == 2**999999, "a result of exactly 1,000,000 bits is fine"
    assert session.execute("2 ** 500000") == 2**500000, "so is a power estimated at exactly 1,000,000 bits"
    with pytest.raises(NotRepresentableError) as raised:
        session.execute("x * x * 4")
    assert (raised.value.message, raised.value.column) == ("result too large (more than 1000000 bits)", 7), (
        "check the size of every result (+ - * / // %), at its operator: `x = x * x`, ten times over, "
        "would otherwise fill the memory"
    )
    with pytest.raises(NotRepresentableError):
        session.execute("1 / x / x / 4")


@pytest.mark.task(taskno=3)
def test_evaluates_a_long_sum() -> None:
    assert calc("+".join("1" * 150)) == 150, "a sum of 150 ones is not nested: it evaluates like any other"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(10**4300 - 1), "9" * 4300),
        (Fraction(-(10**4300) + 1, 10**4299), "-9." + "9" * 4299),
        (Fraction(1, 2**4300), "0." + str(5**4300).zfill(4300)),
        (Fraction(1, 3 * 10**4299), f"1/{3 * 10**4299}"),
    ],
    ids=["integer", "decimal", "decimal-places", "fraction"],
)
def test_prints_up_to_4300_digits(value: Fraction, text: str) -> None:
    assert format_number(value) == text, "4300 digits are Python's limit, and still printed"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "value",
    [
        Fraction(2**20000),
        Fraction(10**4300),
        Fraction(-(10**4300)),
        Fraction(10**4300, 3),
        Fraction(1, 10**4300),
        Fraction(1, 2**4301),
        Fraction(1, 2**499999),
    ],
    ids=["2**20000", "integer", "negative", "numerator", "denominator", "decimal-places", "1/2**499999"],
)
def test_refuses_to_print_more_than_4300_digits(value: Fraction) -> None:
    with pytest.raises(NotRepresentableError) as raised:
        format_number(value)
    assert (raised.value.message, raised.value.column) == ("result too long to print (more than 4300 digits)", 1), (
        "Python refuses str() of an int over 4300 digits with a ValueError (the conversion is slow, a guard against "
        "hostile input); check the sizes first, before counting factors or building 10**digits"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("1/0", "division by zero"),
        ("0 ** -1", "division by zero: 0 raised to a negative power"),
        ("2 ** 0.5", "the result is irrational, so it has no exact value"),
        ("(-4) ** 0.5", "an even root of a negative number is not a real number"),
        ("9 ** 9 ** 9", "result too large (more than 1000000 bits)"),
        ("yy", "unknown name 'yy'"),
    ],
)
def test_runtime_error_messages_say_exactly_what_went_wrong(source: str, message: str) -> None:
    with pytest.raises(CalcError) as raised:
        calc(source)
    assert raised.value.message == message, (
        f"{source}: the user reads this message, so it is part of the contract (see the README's table)"
    )


def _expressions() -> st.SearchStrategy[tuple[str, str]]:
    """Pairs (our syntax, the same text for Python with every number wrapped in Fraction)."""
    leaves = st.integers(0, 30).map(lambda i: (str(i), f"Fraction({i})")) | st.sampled_from(
        [("0.5", "Fraction('0.5')"), ("2.25", "Fraction('2.25')")]
    )

    def extend(inner: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
        operator = st.sampled_from(["+", "-", "*", "/", "//", "%"])
        sign = st.sampled_from(["-", "+"])
        exponent = st.sampled_from(["0", "1", "2", "3", "-1", "-2"])
        grouped = inner.map(lambda e: (f"({e[0]})", f"({e[1]})"))
        return st.one_of(
            grouped,
            st.tuples(sign, inner).map(lambda t: (t[0] + t[1][0], t[0] + t[1][1])),
            st.tuples(inner, operator, inner).map(lambda t: (t[0][0] + t[1] + t[2][0], t[0][1] + t[1] + t[2][1])),
            st.tuples(leaves | grouped, exponent).map(lambda t: (f"{t[0][0]}**{t[1]}", f"{t[0][1]}**{t[1]}")),
        )

    return st.recursive(leaves, extend, max_leaves=10)


@pytest.mark.task(taskno=3)
@given(_expressions())
def test_agrees_with_python_on_generated_expressions(pair: tuple[str, str]) -> None:
    ours, theirs = pair
    try:
        expected = eval(theirs, {"Fraction": Fraction})
    except ZeroDivisionError:
        expected = "division by zero"
    # Python's Fraction // Fraction gives an int, and int / int or int ** -1 a float: those cases prove nothing.
    assume(not isinstance(expected, float))
    try:
        actual = calc(ours)
    except DivisionByZeroError:
        actual = "division by zero"
    assert actual == expected, f"{ours} should give what Python gives for {theirs}: {expected}, not {actual}"
