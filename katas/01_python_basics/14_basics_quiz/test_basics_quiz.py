"""Tests for the basics quiz: an order log read strictly, lazily and once, and a report.

Mistakes these tests catch: int() or str.isdigit() on unicode digits, 0 or 1000 accepted as a
quantity, spaces kept around fields, a blank customer accepted, a bad line skipped instead of
reported, line numbers that skip comments, a log read twice or all at once, totals as floats, ties
not ordered by name, missing thousands separators or a zero-padded cent.
"""

from collections.abc import Iterator

import pytest
from basics_quiz import BadLineError, parse_order, read_orders, report
from hypothesis import example, given
from hypothesis import strategies as st

TEA = {"day": "2024-05-01", "customer": "ada", "item": "tea", "quantity": 3, "price_cents": 450}


@pytest.mark.task(taskno=1)
def test_a_line_becomes_a_dict_of_clean_values() -> None:
    got = parse_order(" 2024-05-01 ; ada ; tea ; 3 ; 450 ", 1)
    assert got == TEA, f"parse_order should strip each field and convert the numbers: got {got!r}"
    assert type(got["quantity"]) is int, f"quantity should be an int, got {got['quantity']!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2024-05-01;ada;tea;3", "expected 5 fields, got 4"),
        ("2024-05-01;ada;tea;3;450;x", "expected 5 fields, got 6"),
        ("2024-05-01;  ;tea;3;450", "customer is blank"),
        ("2024-05-01;ada;tea;0;450", "quantity must be a whole number from 1 to 999"),
        ("2024-05-01;ada;tea;1000;450", "quantity must be a whole number from 1 to 999"),
        ("2024-05-01;ada;tea;-2;450", "quantity must be a whole number from 1 to 999"),
        ("2024-05-01;ada;tea;2.5;450", "quantity must be a whole number from 1 to 999"),
        ("2024-05-01;ada;tea;\u0663;450", "quantity must be a whole number from 1 to 999"),
        ("2024-05-01;ada;tea;\u00b2;450", "quantity must be a whole number from 1 to 999"),
        ("2024-05-01;ada;tea;3;4.50", "price must be whole cents"),
        ("2024-05-01;ada;tea;3;", "price must be whole cents"),
    ],
    ids=[
        "4-fields",
        "6-fields",
        "blank-customer",
        "zero",
        "1000",
        "negative",
        "fraction",
        "arabic-3",
        "superscript-2",
        "price-with-point",
        "no-price",
    ],
)
def test_bad_lines_say_which_line_and_why(line: str, reason: str) -> None:
    with pytest.raises(BadLineError) as raised:
        parse_order(line, 7)
    assert str(raised.value) == f"line 7: {reason}", f"parse_order({line!r}, 7) should say why: got {raised.value}"


@pytest.mark.task(taskno=1)
def test_a_bad_line_is_a_value_error() -> None:
    assert issubclass(BadLineError, ValueError), "BadLineError should subclass ValueError"
    assert parse_order("d;ada;tea;999;0", 1)["quantity"] == 999, "999 and a price of 0 are fine"


@pytest.mark.task(taskno=2)
def test_the_reader_skips_blanks_and_comments_and_counts_every_line() -> None:
    lines = ["# May", "2024-05-01;ada;tea;3;450", "", "   ", "  # a note", "2024-05-02;bo;mug;1;899", "x;y"]
    reader = read_orders(lines)
    assert next(reader) == TEA
    assert next(reader)["customer"] == "bo"
    with pytest.raises(BadLineError, match=r"^line 7: "):
        next(reader)


@pytest.mark.task(taskno=2)
def test_the_reader_is_lazy_and_reads_once() -> None:
    read: list[str] = []

    def log() -> Iterator[str]:
        for line in ["2024-05-01;ada;tea;3;450", "oops", "2024-05-02;bo;mug;1;899"]:
            read.append(line)
            yield line

    reader = read_orders(log())
    assert read == [], "read_orders should be a generator: nothing is read before the first next()"
    assert next(reader) == TEA
    assert read == ["2024-05-01;ada;tea;3;450"], f"only the first line should be read so far, read {read}"


@pytest.mark.task(taskno=3)
def test_the_report_ranks_customers_by_total_then_name() -> None:
    lines = [
        "2024-05-01;ada;tea;3;450",
        "2024-05-02;cy;mug;1;899",
        "2024-05-03;ada;pot;1;0",
        "2024-05-03;bo;mug;1;899",
        "2024-05-04;zed;vase;1000;1",
    ]
    with pytest.raises(BadLineError, match=r"^line 5: "):
        report(lines)
    got = report(lines[:4])
    assert got == "ada: €13.50\nbo: €8.99\ncy: €8.99\n", f"got {got!r}"


@pytest.mark.task(taskno=3)
def test_the_report_of_nothing_is_empty_and_reads_a_generator() -> None:
    assert report([]) == "", "no orders give an empty report"
    assert report(iter(["# only a comment"])) == ""
    assert report(line for line in ["d;ada;tea;1;5"]) == "ada: €0.05\n", "a generator of lines works too"


@pytest.mark.task(taskno=3)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=10**15))
@example(999, 10**15)  # a total past 2**53: floats lose the cent
def test_totals_are_exact_and_formatted(quantity: int, price: int) -> None:
    total = quantity * price
    got = report([f"d;ada;x;{quantity};{price}"])
    assert got == f"ada: €{total // 100:,}.{total % 100:02d}\n", f"{quantity} x {price} cents: got {got!r}"
