"""Milestone 2: the recursive-descent parser.

Mistakes these tests catch: all operators on one precedence level, `**`
left-associative (`2**3**2` read as `(2**3)**2`), unary minus binding tighter
than `**` (`-2**2` read as `(-2)**2`), `2**-1` rejected, subtraction
right-associative (`8-4-2` read as `8-(4-2)`), trailing tokens ignored
(`2 3` accepted as `2`), a missing `)` not reported, decimals turned into
floats, errors without the column where the input went wrong.
"""

from fractions import Fraction

import pytest
from calculator import CalcSyntaxError, parse
from calculator.calc_nodes import Assign, Binary, Name, Number, Statement, Unary


def n(value: int | str) -> Number:
    return Number(Fraction(value))


@pytest.mark.task(taskno=2)
def test_parses_a_number_exactly() -> None:
    tree = parse("2.1")
    assert tree == Number(Fraction(21, 10)), "decimals become exact fractions: Fraction('2.1'), never float 2.1"
    assert isinstance(tree, Number)
    assert type(tree.value) is Fraction, "keep the value as a Fraction"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", Binary("+", n(1), Binary("*", n(2), n(3)))),
        ("(1 + 2) * 3", Binary("*", Binary("+", n(1), n(2)), n(3))),
        ("8 - 4 - 2", Binary("-", Binary("-", n(8), n(4)), n(2))),
        ("8 / 4 // 2 % 3", Binary("%", Binary("//", Binary("/", n(8), n(4)), n(2)), n(3))),
        ("2 * 3 ** 2", Binary("*", n(2), Binary("**", n(3), n(2)))),
    ],
)
def test_respects_precedence_and_left_associativity(source: str, expected: Binary) -> None:
    assert parse(source) == expected, f"parse({source!r}): * / // % bind tighter than + -, and both group left"


@pytest.mark.task(taskno=2)
def test_power_is_right_associative() -> None:
    assert parse("2 ** 3 ** 2") == Binary("**", n(2), Binary("**", n(3), n(2))), "2**3**2 is 2**(3**2), as in Python"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("-2 ** 2", Unary("-", Binary("**", n(2), n(2)))),
        ("2 ** -1", Binary("**", n(2), Unary("-", n(1)))),
        ("--x", Unary("-", Unary("-", Name("x")))),
        ("+3 * -4", Binary("*", Unary("+", n(3)), Unary("-", n(4)))),
        ("(-2) ** 2", Binary("**", Unary("-", n(2)), n(2))),
    ],
)
def test_unary_signs_bind_looser_than_power_on_their_left(source: str, expected: Unary | Binary) -> None:
    assert parse(source) == expected, f"parse({source!r}): like Python, -2**2 is -(2**2) and 2**-1 is allowed"


@pytest.mark.task(taskno=2)
def test_parses_an_assignment() -> None:
    assert parse("rate = 1 + x") == Assign("rate", Binary("+", n(1), Name("x")))


@pytest.mark.task(taskno=2)
def test_nodes_remember_their_columns() -> None:
    tree = parse("10 / (y - 2)")
    assert isinstance(tree, Binary)
    assert tree.column == 4, "a binary node keeps its operator's column: that is where division by zero points"
    assert isinstance(tree.right, Binary)
    assert isinstance(tree.right.left, Name)
    assert tree.right.left.column == 7, "a name keeps its own column, for 'unknown name' errors"


def columns(node: Statement) -> list[tuple[str, int]]:
    """Each node's class and column, a parent before its children, left to right."""
    match node:
        case Assign(value=value) | Unary(operand=value):
            children = [value]
        case Binary(left=left, right=right):
            children = [left, right]
        case _:
            children = []
    return [(type(node).__name__, node.column), *(pair for child in children for pair in columns(child))]


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = -2 + 3", [("Assign", 1), ("Binary", 8), ("Unary", 5), ("Number", 6), ("Number", 10)]),
        ("+a - 1.5", [("Binary", 4), ("Unary", 1), ("Name", 2), ("Number", 6)]),
    ],
)
def test_every_node_keeps_the_column_where_it_starts(source: str, expected: list[tuple[str, int]]) -> None:
    assert columns(parse(source)) == expected, (
        f"parse({source!r}): every node keeps a column (an Assign its name's, a Unary or Binary its operator's, "
        "a Number or Name its first character's); equality ignores columns, so check them one by one"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("source", "column", "words"),
    [
        ("", 1, "end of input"),
        ("1 +", 4, "end of input"),
        ("(1 + 2", 7, "')'"),
        ("1 + 2)", 6, "')'"),
        ("2 3", 3, "'3'"),
        ("* 2", 1, "'*'"),
        ("2 = 3", 3, "assign"),
        ("x = = 3", 5, "'='"),
        ("x = ", 5, "end of input"),
        ("()", 2, "')'"),
    ],
)
def test_malformed_input_is_reported_with_its_column(source: str, column: int, words: str) -> None:
    with pytest.raises(CalcSyntaxError) as raised:
        parse(source)
    assert raised.value.column == column, f"parse({source!r}) should point at column {column}: {raised.value}"
    assert words in raised.value.message, f"the message for {source!r} should mention {words}: {raised.value}"


@pytest.mark.task(taskno=2)
def test_deep_nesting_parses() -> None:
    source = "(" * 50 + "1" + ")" * 50
    assert parse(source) == n(1), "parentheses only group; they leave no node behind"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "source",
    ["(" * 50 + "1" + ")" * 50, "-" * 50 + "1", "2**" * 50 + "1", "-(" * 25 + "1" + ")" * 25, "+".join("1" * 150)],
    ids=["parentheses", "signs", "powers", "mixed", "a-long-sum-is-not-nesting"],
)
def test_nesting_up_to_50_levels_parses(source: str) -> None:
    assert parse(source) is not None, "50 levels of parentheses, signs and ** are allowed"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("(" * 51 + "1" + ")" * 51, 51),
        ("(" * 100 + "1" + ")" * 100, 51),
        ("-" * 51 + "1", 51),
        ("2**" * 51 + "1", 152),
        ("-(" * 25 + "-1" + ")" * 25, 51),
        ("x = " + "+" * 60 + "1", 55),
    ],
    ids=["51-parentheses", "100-parentheses", "51-signs", "51-powers", "mixed", "assignment"],
)
def test_refuses_nesting_deeper_than_50_levels(source: str, column: int) -> None:
    with pytest.raises(CalcSyntaxError) as raised:
        parse(source)
    assert (raised.value.message, raised.value.column) == ("too deeply nested (more than 50 levels)", column), (
        "each '(', sign and '**' opens one level (one more call in a recursive parser): refuse level 51 at the "
        "token that opens it, before Python's own limit turns it into a RecursionError"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("1 +", "expected a number, a name or '(', found end of input"),
        ("* 2", "expected a number, a name or '(', found '*'"),
        ("(1 + 2", "expected ')' to close the '(' at column 1, found end of input"),
        ("(1 + 2 3)", "expected ')' to close the '(' at column 1, found number '3'"),
        ("1 + 2)", "unexpected ')': expected an operator or the end"),
        ("2 3", "unexpected number '3': expected an operator or the end"),
        ("x y", "unexpected name 'y': expected an operator or the end"),
        ("2 = 3", "can only assign to a name, as in 'x = 3'"),
    ],
)
def test_syntax_errors_name_what_was_found(source: str, message: str) -> None:
    with pytest.raises(CalcSyntaxError) as raised:
        parse(source)
    assert raised.value.message == message, (
        f"parse({source!r}): the user reads this message, so it is part of the contract (see the README's table); "
        "a token is named as `end of input`, `number '3'`, `name 'y'` or just `')'`"
    )
