"""Tests for the input-and-decisions kata.

The person at the keyboard is played by the tests: `type_in` puts their lines where `input()` reads
them (standard input), and pytest's `capsys` collects what was printed. When input comes from there,
`input()` prints its prompt but not the typed answer, so a greeting reads 'What is your name? Welcome, Ada!'.

Mistakes these tests catch: a prompt printed with `print` (an extra line break) or worded
differently; a quantity returned as text, printed instead of returned, or 1 refused; shipping
boundaries at 2000 and 5000 off by one, or the cheaper rule checked first; a login allowed after 3
failures, or with `or` instead of `and`; a free order shown as 'Shipping: 0 cents'.
"""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from input_and_decisions import ask_quantity, can_log_in, checkout, shipping_cost, welcome


def type_in(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """Make `input()` read these lines, as if a person typed each and pressed Enter."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("name", ["Ada", "Grace Hopper"])
def test_welcome_asks_for_the_name_and_greets(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    type_in(monkeypatch, name)
    returned = welcome()
    out = capsys.readouterr().out
    expected = f"What is your name? Welcome, {name}!\n"
    assert out == expected, (
        "ask with input('What is your name? '), then print the greeting "
        f"(the typed answer does not appear here): expected {expected!r}, got {out!r}"
    )
    assert returned is None, f"welcome prints; it returns nothing, got {returned!r}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(("typed", "quantity"), [("3", 3), (" 12 ", 12), ("1", 1), ("250", 250)])
def test_ask_quantity_returns_the_number(
    typed: str, quantity: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    type_in(monkeypatch, typed)
    got = ask_quantity()
    message = f"typed {typed!r}: ask_quantity() should return the int {quantity}, got {got!r}"
    assert type(got) is int, f"{message} (input gives text: convert it)"
    assert got == quantity, message
    out = capsys.readouterr().out
    assert out == "How many? ", f"ask with input('How many? ') and print nothing else, got {out!r}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("typed", ["0", "-2"])
def test_ask_quantity_refuses_less_than_one(typed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    type_in(monkeypatch, typed)
    with pytest.raises(ValueError, match=r"^quantity must be at least 1$"):
        ask_quantity()


@pytest.mark.task(taskno=2)
def test_ask_quantity_lets_int_refuse_text(monkeypatch: pytest.MonkeyPatch) -> None:
    type_in(monkeypatch, "a few")
    with pytest.raises(ValueError, match="invalid literal"):
        ask_quantity()


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("total", "cost"),
    [(5000, 0), (12000, 0), (4999, 299), (2000, 299), (1999, 499), (150, 499), (0, 499)],
)
def test_shipping_cost_by_order_total(total: int, cost: int) -> None:
    got = shipping_cost(total)
    assert got == cost, f"shipping_cost({total}) should be {cost} (free from 5000 up, 299 from 2000 up), got {got}"


@pytest.mark.task(taskno=3)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_shipping_never_costs_more_for_a_bigger_order(first: int, second: int) -> None:
    small, big = sorted((first, second))
    assert shipping_cost(big) <= shipping_cost(small), (
        f"an order of {big} should not pay more shipping than one of {small}: check the biggest totals first"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("is_active", "failed_attempts", "allowed"),
    [(True, 0, True), (True, 2, True), (True, 3, False), (True, 10, False), (False, 0, False), (False, 5, False)],
)
def test_can_log_in_needs_an_active_account_and_few_failures(
    is_active: bool, failed_attempts: int, allowed: bool
) -> None:
    got = can_log_in(is_active, failed_attempts)
    assert got is allowed, (
        f"can_log_in({is_active}, {failed_attempts}) should be {allowed}: active AND fewer than 3 failures, got {got!r}"
    )


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("typed", "line"),
    [("2500", "Shipping: 299 cents"), ("5000", "Free shipping!"), ("100", "Shipping: 499 cents")],
)
def test_checkout_prints_the_shipping(
    typed: str, line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    type_in(monkeypatch, typed)
    checkout()
    out = capsys.readouterr().out
    expected = f"Order total in cents? {line}\n"
    assert out == expected, f"for a total of {typed} the checkout should print {expected!r}, got {out!r}"
