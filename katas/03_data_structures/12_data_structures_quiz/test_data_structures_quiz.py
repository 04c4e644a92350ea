"""Tests for the data structures quiz.

Mistakes these tests catch: a list of seen customers (quadratic on 200 000
orders), customer 0 taken for "no customer", the input read twice (a
generator is empty the second time), a linear scan for the time range,
`bisect_left` at the end (an order exactly at `end` lost), the input list
returned itself, ties broken by first appearance (`most_common`) instead of
by name, the highest totals last, a percentage off rounded the customer's
way, a missing `percent_off` crashing, nested bundles not recursed into.
"""

import math
from collections.abc import Iterator, Sequence
from typing import overload

import pytest
from data_structures_quiz import Order, bundle_total, first_repeat_customer, orders_between, top_products
from hypothesis import given
from hypothesis import strategies as st


def order(at: int = 0, customer: int = 1, product: str = "tea", quantity: int = 1) -> Order:
    return Order(at, customer, product, quantity)


class OnePass:
    """Orders that may be looped over only once, like rows streamed from a database."""

    def __init__(self, orders: list[Order]) -> None:
        self._orders = orders
        self._used = False

    def __iter__(self) -> Iterator[Order]:
        assert not self._used, "the orders were looped over twice: a generator is empty the second time, use one pass"
        self._used = True
        return iter(self._orders)


class CountingOrders(Sequence[Order]):
    """Orders sorted by time that count how many are looked at."""

    def __init__(self, orders: list[Order]) -> None:
        self._orders = orders
        self.reads = 0

    @overload
    def __getitem__(self, index: int) -> Order: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Order]: ...
    def __getitem__(self, index: int | slice) -> Order | Sequence[Order]:
        found = self._orders[index]
        self.reads += len(found) if isinstance(index, slice) else 1  # type: ignore[arg-type]
        return found

    def __len__(self) -> int:
        return len(self._orders)


@pytest.mark.task(taskno=1)
def test_first_repeat_customer_is_the_first_second_order() -> None:
    orders = [order(customer=7), order(customer=3), order(customer=9), order(customer=3), order(customer=7)]
    assert first_repeat_customer(orders) == 3, "customer 3 orders a second time before customer 7 does"
    assert first_repeat_customer([order(customer=1), order(customer=2)]) is None, "no repeat: None"
    assert first_repeat_customer([]) is None


@pytest.mark.task(taskno=1)
def test_customer_zero_is_a_customer() -> None:
    assert first_repeat_customer([order(customer=0), order(customer=0)]) == 0, "0 is a customer id: test `is None`"


@pytest.mark.task(taskno=1)
def test_first_repeat_customer_reads_once() -> None:
    assert first_repeat_customer(OnePass([order(customer=4), order(customer=4)])) == 4


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(5)
def test_first_repeat_customer_is_linear() -> None:
    orders = [order(customer=number) for number in range(200_000)] + [order(customer=199_999)]
    assert first_repeat_customer(orders) == 199_999, "remember the customers in a set: `in` on a list is O(n)"


@pytest.mark.task(taskno=2)
def test_orders_between_includes_both_ends() -> None:
    orders = [order(at=10), order(at=20, customer=2), order(at=20, customer=3), order(at=30), order(at=40)]
    assert orders_between(orders, 20, 30) == orders[1:4], "start <= at <= end: both ends are included"
    assert orders_between(orders, 21, 29) == []
    assert orders_between(orders, 0, 100) == orders
    assert orders_between(orders, 30, 20) == [], "start > end is an empty range"
    assert orders_between([], 0, 1) == []


@pytest.mark.task(taskno=2)
def test_orders_between_returns_a_new_list() -> None:
    orders = [order(at=10), order(at=20)]
    found = orders_between(orders, 0, 100)
    assert found == orders
    assert found is not orders, "return a new list, not the input itself"


@pytest.mark.task(taskno=2)
def test_orders_between_looks_at_few_orders() -> None:
    orders = CountingOrders([order(at=second // 2) for second in range(200_000)])
    found = orders_between(orders, 50_000, 50_001)
    assert [o.at for o in found] == [50_000, 50_000, 50_001, 50_001]
    budget = 2 * (math.ceil(math.log2(200_000)) + 1) + len(found)
    assert orders.reads <= budget, f"looked at {orders.reads} orders: search the sorted times, do not scan them"


@pytest.mark.task(taskno=2)
@given(
    st.lists(st.integers(min_value=0, max_value=20), max_size=30).map(sorted), st.integers(0, 20), st.integers(0, 20)
)
def test_orders_between_matches_a_filter(times: list[int], start: int, end: int) -> None:
    orders = [order(at=at, customer=index) for index, at in enumerate(times)]
    assert orders_between(orders, start, end) == [o for o in orders if start <= o.at <= end], (
        f"orders_between(times {times}, {start}, {end})"
    )


@pytest.mark.task(taskno=3)
def test_top_products_by_total_quantity_then_name() -> None:
    orders = [
        order(product="tea", quantity=2),
        order(product="jam", quantity=5),
        order(product="tea", quantity=3),
        order(product="cake", quantity=5),
        order(product="bun", quantity=1),
    ]
    assert top_products(orders, 3) == [("cake", 5), ("jam", 5), ("tea", 5)], (
        "add the quantities per product; equal totals are ordered by product name A to Z"
    )
    assert top_products(orders, 10)[-1] == ("bun", 1), "asking for more products than there are gives them all"
    assert top_products([], 3) == []


@pytest.mark.task(taskno=3)
def test_top_products_reads_once() -> None:
    assert top_products(OnePass([order(product="b"), order(product="a", quantity=2)]), 2) == [("a", 2), ("b", 1)]


@pytest.mark.task(taskno=4)
def test_a_product_costs_its_price() -> None:
    assert bundle_total({"price": 450}) == 450
    assert bundle_total({"price": 0}) == 0


@pytest.mark.task(taskno=4)
def test_a_bundle_adds_its_items_and_takes_its_percentage_off() -> None:
    breakfast = {"items": [{"price": 300}, {"price": 250}], "percent_off": 10}
    assert bundle_total(breakfast) == 495, "550 minus 10 %"
    assert bundle_total({"items": [{"price": 999}], "percent_off": 10}) == 900, (
        "10 % of 999 is 99.9: the discount rounds down to 99"
    )
    assert bundle_total({"items": [{"price": 300}, {"price": 200}]}) == 500, "no percent_off: nothing off"
    assert bundle_total({"items": []}) == 0, "an empty bundle costs nothing"


@pytest.mark.task(taskno=4)
def test_bundles_nest() -> None:
    breakfast = {"items": [{"price": 300}, {"price": 250}], "percent_off": 10}
    hamper = {"items": [breakfast, {"price": 1005}, {"items": [breakfast, breakfast]}], "percent_off": 50}
    assert bundle_total(hamper) == 1245, "a bundle's items may be bundles: 495 + 1005 + 990 = 2490, half off"
