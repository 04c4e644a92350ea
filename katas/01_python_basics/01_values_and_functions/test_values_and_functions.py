"""Tests for the values-and-functions kata.

Mistakes these tests catch: a factor of 60 or 24 left out of the seconds;
shipping charged per item instead of once; the average taken without brackets
(only the last number divided by 3) or divided by 2; a greeting without its
comma, space or exclamation mark; a user label without its space, `#` or brackets.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from values_and_functions import average, days_to_seconds, greeting, order_total, user_label


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(("days", "seconds"), [(1, 86400), (7, 604800), (0, 0), (30, 2592000)])
def test_days_to_seconds_multiplies_hours_minutes_and_seconds(days: int, seconds: int) -> None:
    got = days_to_seconds(days)
    assert got == seconds, f"days_to_seconds({days}) should be {seconds} ({days} x 24 x 60 x 60), got {got}"


@pytest.mark.task(taskno=1)
def test_days_to_seconds_gives_a_whole_number() -> None:
    got = days_to_seconds(2)
    assert type(got) is int, f"seconds in whole days are a whole number (an int), got {got!r}: use *, not /"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("price", "quantity", "shipping", "total"),
    [(250, 3, 499, 1249), (1999, 0, 0, 0), (1000, 1, 0, 1000), (100, 5, 300, 800), (0, 4, 250, 250)],
)
def test_order_total_adds_shipping_once(price: int, quantity: int, shipping: int, total: int) -> None:
    got = order_total(price, quantity, shipping)
    assert got == total, (
        f"order_total({price}, {quantity}, {shipping}) should be {total}: "
        f"{quantity} x {price}, plus {shipping} shipping once; got {got}"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("numbers", "expected"),
    [((100, 200, 600), 300.0), ((10, 20, 25), 55 / 3), ((3, 3, 3), 3.0), ((0, 0, 9), 3.0), ((-6, 0, 0), -2.0)],
)
def test_average_divides_the_sum_by_three(numbers: tuple[int, int, int], expected: float) -> None:
    got = average(*numbers)
    assert got == pytest.approx(expected), (
        f"average{numbers} should be {expected}: add all three first, in brackets, then divide by 3; got {got}"
    )


@pytest.mark.task(taskno=3)
@given(st.integers(min_value=-1000, max_value=1000))
def test_average_of_three_equal_numbers_is_that_number(number: int) -> None:
    got = average(number, number, number)
    assert got == pytest.approx(number), f"average({number}, {number}, {number}) should be {number}, got {got}"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(("name", "expected"), [("Ada", "Hello, Ada!"), ("Grace Hopper", "Hello, Grace Hopper!")])
def test_greeting_says_hello(name: str, expected: str) -> None:
    got = greeting(name)
    assert got == expected, f"greeting({name!r}) should be {expected!r}, got {got!r}"


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("name", "user_id", "expected"),
    [("Ada", 42, "Ada (#42)"), ("Grace Hopper", 7, "Grace Hopper (#7)"), ("bob", 1000, "bob (#1000)")],
)
def test_user_label_shows_name_and_id(name: str, user_id: int, expected: str) -> None:
    got = user_label(name, user_id)
    assert got == expected, f"user_label({name!r}, {user_id}) should be {expected!r}, got {got!r}"
