"""Reference tests for order_pricing.py: a fixture, parametrized boundaries, errors, and a hypothesis property."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from order_pricing import LineItem, apply_coupon, line_total, order_total, shipping  # type: ignore[import-not-found, unused-ignore]


@pytest.fixture
def cart() -> list[LineItem]:
    """A small order: 2 mugs at 12.50 and 1 teapot at 30.00 (55.00, ships free)."""
    return [LineItem("mug", Decimal("12.50"), 2), LineItem("teapot", Decimal("30.00"), 1)]


def test_line_total_multiplies_price_by_quantity() -> None:
    assert line_total(LineItem("mug", Decimal("12.50"), 3)) == Decimal("37.50")


def test_order_total_of_a_cart_that_ships_free(cart: list[LineItem]) -> None:
    assert order_total(cart) == Decimal("55.00")


def test_order_total_applies_coupon_before_deciding_shipping(cart: list[LineItem]) -> None:
    # 55.00 - 10% = 49.50: under 50.00, so shipping is charged again.
    assert order_total(cart, coupon="SAVE10") == Decimal("49.50") + Decimal("4.99")


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [(1, Decimal("2.00")), (9, Decimal("18.00")), (10, Decimal("18.00")), (20, Decimal("36.00"))],
)
def test_bulk_discount_starts_at_ten_units(quantity: int, expected: Decimal) -> None:
    assert line_total(LineItem("pen", Decimal("2.00"), quantity)) == expected


@pytest.mark.parametrize(
    ("subtotal", "expected"),
    [(Decimal("49.99"), Decimal("4.99")), (Decimal("50.00"), Decimal("0.00")), (Decimal("80.00"), Decimal("0.00"))],
)
def test_shipping_is_free_from_fifty(subtotal: Decimal, expected: Decimal) -> None:
    assert shipping(subtotal) == expected


@pytest.mark.parametrize("code", ["SAVE10", "save10", " Save10 "])
def test_coupon_codes_ignore_case_and_spaces(code: str) -> None:
    assert apply_coupon(Decimal("20.00"), code) == Decimal("18.00")


@pytest.mark.parametrize(
    ("subtotal", "expected"),
    [(Decimal("20.00"), Decimal("15.00")), (Decimal("5.00"), Decimal("0.00")), (Decimal("3.00"), Decimal("0.00"))],
)
def test_flat_coupon_never_goes_below_zero(subtotal: Decimal, expected: Decimal) -> None:
    assert apply_coupon(subtotal, "FLAT5") == expected


@pytest.mark.parametrize("quantity", [0, -1])
def test_rejects_quantity_below_one(quantity: int) -> None:
    with pytest.raises(ValueError, match="quantity"):
        line_total(LineItem("mug", Decimal("1.00"), quantity))


def test_rejects_unknown_coupon() -> None:
    with pytest.raises(ValueError, match="unknown coupon"):
        apply_coupon(Decimal("10.00"), "FREESTUFF")


def test_rejects_empty_order() -> None:
    with pytest.raises(ValueError, match="at least one item"):
        order_total([])


@given(
    price=st.decimals(min_value="0.01", max_value="1000", places=2),
    quantity=st.integers(min_value=1, max_value=500),
)
def test_line_total_stays_between_ninety_and_hundred_percent(price: Decimal, quantity: int) -> None:
    full = price * quantity
    assert full * Decimal("0.9") - Decimal("0.01") <= line_total(LineItem("x", price, quantity)) <= full


@given(subtotal=st.decimals(min_value="0", max_value="10000", places=2), code=st.sampled_from(["SAVE10", "FLAT5"]))
def test_coupons_never_raise_the_price_or_go_negative(subtotal: Decimal, code: str) -> None:
    assert Decimal("0") <= apply_coupon(subtotal, code) <= subtotal
