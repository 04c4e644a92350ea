"""Tests for the OOP quiz.

Mistakes these tests catch: a line item that accepts a bool, a float or a
negative price, a zero quantity or an empty SKU; a mutable (non-frozen) item;
carts sharing one list of lines (a class attribute or a mutable default); a
repeated SKU kept as a second line, or added at a different price; `lines`
handing out the internal list; `len` counting lines instead of units; `+`
changing one of the carts, or accepting something that is not a cart;
`Discount` that can be created; a percentage rounded the customer's way
(or as a float); an amount off that goes below zero; checkout changing the cart.
"""

import dataclasses
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oop_quiz import AmountOff, Cart, Discount, LineItem, PercentOff


def cart_of(*items: LineItem) -> Cart:
    cart = Cart()
    for item in items:
        cart.add(item)
    return cart


@pytest.mark.task(taskno=1)
def test_line_item_is_a_frozen_value_with_a_total() -> None:
    item = LineItem("tea", 350, 2)
    assert item.total == 700, "total is unit_price times quantity, in cents"
    assert LineItem("tea", 350).quantity == 1, "the quantity defaults to 1"
    assert item == LineItem("tea", 350, 2), "two items with equal fields are equal"
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.quantity = 5  # type: ignore[misc]


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("fields", "error", "word"),
    [
        (("", 100, 1), ValueError, "sku"),
        (("green tea", 100, 1), ValueError, "sku"),
        (("tea", -1, 1), ValueError, "unit_price"),
        (("tea", 1.5, 1), TypeError, "^unit_price must be an int, got float$"),
        (("tea", True, 1), TypeError, "^unit_price must be an int, got bool$"),
        (("tea", 100, 0), ValueError, "quantity"),
        (("tea", 100, True), TypeError, "^quantity must be an int, got bool$"),
    ],
    ids=[
        "empty-sku",
        "sku-with-space",
        "negative-price",
        "float-price",
        "bool-price",
        "zero-quantity",
        "bool-quantity",
    ],
)
def test_line_item_refuses_bad_fields(fields: tuple[object, object, object], error: type[Exception], word: str) -> None:
    with pytest.raises(error, match=word):
        LineItem(*fields)  # type: ignore[arg-type]


@pytest.mark.task(taskno=1)
def test_a_free_item_is_allowed() -> None:
    assert LineItem("sticker", 0).total == 0, "a price of 0 is fine: only negative prices are refused"


@pytest.mark.task(taskno=2)
def test_cart_merges_a_repeated_sku_and_keeps_first_added_order() -> None:
    cart = cart_of(LineItem("tea", 350), LineItem("cake", 400), LineItem("tea", 350, 2))
    assert cart.lines == (LineItem("tea", 350, 3), LineItem("cake", 400)), (
        "one line per SKU, in the order first added; a repeated SKU adds to its quantity"
    )
    assert list(cart) == list(cart.lines), "iterating a cart gives its lines"
    assert len(cart) == 4, "len(cart) is the number of units, not of lines"
    assert cart.total == 1450


@pytest.mark.task(taskno=2)
def test_a_known_sku_at_another_price_is_refused() -> None:
    cart = cart_of(LineItem("tea", 350))
    with pytest.raises(ValueError, match="price"):
        cart.add(LineItem("tea", 300))
    assert cart.lines == (LineItem("tea", 350),), "a refused item leaves the cart as it was"


@pytest.mark.task(taskno=2)
def test_each_cart_owns_its_lines() -> None:
    first = cart_of(LineItem("tea", 350))
    second = Cart()
    assert second.lines == (), "a new cart is empty: lines kept on the class are shared by every cart"
    assert len(second) == 0
    assert second.total == 0
    lines = first.lines
    assert isinstance(lines, tuple), "hand out a tuple, so callers cannot change the cart through it"
    assert first.lines == (LineItem("tea", 350),)


@pytest.mark.task(taskno=2)
def test_adding_carts_makes_a_new_cart() -> None:
    mine = cart_of(LineItem("tea", 350), LineItem("cake", 400))
    yours = cart_of(LineItem("cake", 400, 2), LineItem("jam", 250))
    both = mine + yours
    assert both.lines == (LineItem("tea", 350), LineItem("cake", 400, 3), LineItem("jam", 250))
    assert both is not mine, "+ builds a new cart"
    assert mine.lines == (LineItem("tea", 350), LineItem("cake", 400)), "+ must not change the left cart"
    assert yours.lines == (LineItem("cake", 400, 2), LineItem("jam", 250)), "+ must not change the right cart"
    with pytest.raises(TypeError):
        mine + 5  # type: ignore[operator]


@pytest.mark.task(taskno=2)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(min_value=1, max_value=5)), max_size=12))
def test_cart_totals_add_up(additions: list[tuple[str, int]]) -> None:
    cart = Cart()
    for sku, quantity in additions:
        cart.add(LineItem(sku, 100, quantity))
    assert len(cart) == sum(quantity for _, quantity in additions)
    assert cart.total == 100 * len(cart)
    assert [line.sku for line in cart] == list(dict.fromkeys(sku for sku, _ in additions))


@pytest.mark.task(taskno=3)
def test_discount_is_abstract() -> None:
    assert inspect.isabstract(Discount), "make Discount an abstract base class with an abstract apply()"
    with pytest.raises(TypeError):
        Discount()
    assert isinstance(PercentOff(10), Discount)
    assert isinstance(AmountOff(100), Discount)


@pytest.mark.task(taskno=3)
def test_percent_off_rounds_the_discount_down() -> None:
    assert PercentOff(10).apply(1000) == 900
    assert PercentOff(10).apply(999) == 900, "10% of 999 is 99.9: the discount rounds down to 99, the total is 900"
    assert type(PercentOff(15).apply(999)) is int, "whole cents: use // not /"
    assert PercentOff(100).apply(999) == 0


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("percent", [0, 101, -5])
def test_percent_off_must_be_between_1_and_100(percent: int) -> None:
    with pytest.raises(ValueError, match="percent"):
        PercentOff(percent)


@pytest.mark.task(taskno=3)
def test_the_smallest_discounts_are_allowed() -> None:
    assert PercentOff(1).apply(1000) == 990, "1 % is the smallest percentage"
    assert AmountOff(1).apply(10) == 9, "1 cent is the smallest amount"
    with pytest.raises(TypeError, match=r"^percent must be an int, got bool$"):
        PercentOff(True)


@pytest.mark.task(taskno=3)
def test_amount_off_never_goes_below_zero() -> None:
    assert AmountOff(300).apply(1000) == 700
    assert AmountOff(300).apply(200) == 0, "a total never goes below zero"
    with pytest.raises(ValueError, match="cents"):
        AmountOff(0)
    with pytest.raises(TypeError, match=r"^cents must be an int, got float$"):
        AmountOff(2.5)  # type: ignore[arg-type]


@pytest.mark.task(taskno=3)
def test_checkout_applies_discounts_in_order_and_keeps_the_cart() -> None:
    cart = cart_of(LineItem("tea", 350, 2), LineItem("cake", 300))
    assert cart.checkout() == 1000, "no discounts: the total"
    assert cart.checkout(PercentOff(10), AmountOff(100)) == 800, "10% off 1000, then 100 off"
    assert cart.checkout(AmountOff(100), PercentOff(10)) == 810, "100 off 1000, then 10% off 900"
    assert cart.total == 1000, "checking out must not change the cart"
