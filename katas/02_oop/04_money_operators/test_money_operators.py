"""Tests for the Money kata.

Mistakes these tests catch: floats accepted (0.1 + 0.2 money), `True`
accepted as 1, amounts with three decimal places silently rounded, NaN or
lower-case currencies accepted, `str` without two places, `+` across
currencies, `money + 5` returning something instead of TypeError, no
`__radd__` (so `sum()` fails on `0 + money`), multiplication rounding to even
or not rounding at all, `2 * money` unsupported, dataclass `order=True`
(EUR compared with USD by tuple), `allocate` losing or inventing cents,
giving the leftover cent to the last share, accepting bad ratios.
"""

import operator
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from money_operators import CurrencyMismatchError, Money

amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def eur(amount: str | int) -> Money:
    return Money(Decimal(amount) if isinstance(amount, str) else amount, "EUR")


@pytest.mark.task(taskno=1)
def test_money_normalises_to_two_places_and_prints_them() -> None:
    money = Money(Decimal("12.5"), "EUR")
    assert money.amount == Decimal("12.50")
    assert str(money.amount) == "12.50", "store the amount quantized to two places"
    assert str(money) == "12.50 EUR"
    assert str(Money(7, "JPY")) == "7.00 JPY", "an int amount becomes a Decimal"
    assert Money(5, "EUR") == Money(Decimal("5.00"), "EUR")


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("amount", [0.1, 1.0, True], ids=["float", "float-whole", "bool"])
def test_money_rejects_floats_and_bools(amount: object) -> None:
    with pytest.raises(TypeError, match=f"not {type(amount).__name__}"):
        Money(amount, "EUR")  # type: ignore[arg-type]


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        (Decimal("1.005"), "EUR", "two decimal places"),
        (Decimal("NaN"), "EUR", "finite"),
        (Decimal("Infinity"), "EUR", "finite"),
        (Decimal(1), "eur", "currency"),
        (Decimal(1), "EURO", "currency"),
        (Decimal(1), "", "currency"),
    ],
    ids=["three-places", "nan", "infinity", "lower-case", "four-letters", "empty"],
)
def test_money_rejects_invalid_values(amount: Decimal, currency: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Money(amount, currency)


@pytest.mark.task(taskno=2)
def test_add_and_subtract_in_one_currency() -> None:
    assert eur("10.00") + eur("2.50") == eur("12.50")
    assert eur("10.00") - eur("12.50") == eur("-2.50")
    assert -eur("3.10") == eur("-3.10")
    with pytest.raises(CurrencyMismatchError, match="EUR and USD"):
        eur(1) + Money(1, "USD")
    with pytest.raises(CurrencyMismatchError):
        eur(1) - Money(1, "USD")


@pytest.mark.task(taskno=2)
def test_mixing_money_with_plain_numbers_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        eur(1) + 5  # type: ignore[operator]
    with pytest.raises(TypeError):
        eur(1) * eur(2)
    with pytest.raises(TypeError):
        eur(1) * 1.5


@pytest.mark.task(taskno=2)
def test_sum_works_because_zero_plus_money_is_money() -> None:
    assert sum([eur("1.10"), eur("2.20"), eur("3.30")]) == eur("6.60"), "write __radd__ so 0 + money works"
    assert 0 + eur("4.00") == eur("4.00")


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("number", [5, 0.0, False], ids=["five", "float-zero", "false"])
def test_only_the_int_zero_may_be_added_from_the_left(number: object) -> None:
    with pytest.raises(TypeError):
        number + eur(1)  # type: ignore[operator]


@pytest.mark.task(taskno=2)
def test_multiply_rounds_half_up_to_the_cent() -> None:
    assert eur("19.99") * Decimal("0.2") == eur("4.00")
    assert eur("0.05") * Decimal("0.5") == eur("0.03"), "0.025 rounds half up to 0.03 (not to even, 0.02)"
    assert 3 * eur("1.25") == eur("3.75"), "write __rmul__ so int * money works"
    assert eur("1.25") * 3 == eur("3.75")


@pytest.mark.task(taskno=2)
@given(amounts, amounts, amounts)
def test_addition_is_exact_commutative_and_associative(a: Decimal, b: Decimal, c: Decimal) -> None:
    x, y, z = Money(a, "EUR"), Money(b, "EUR"), Money(c, "EUR")
    assert x + y == y + x
    assert (x + y) + z == x + (y + z)
    assert (x + y).amount == a + b


@pytest.mark.task(taskno=3)
def test_money_sorts_by_amount() -> None:
    prices = [eur(3), eur("-1"), eur("2.50")]
    assert sorted(prices) == [eur("-1"), eur("2.50"), eur(3)]
    assert max(prices) == eur(3)
    assert eur(1) <= eur(1) < eur(2)
    assert eur(2) >= eur(2) > eur(1)


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_comparing_currencies_is_refused(op: str) -> None:
    compare = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]
    with pytest.raises(CurrencyMismatchError):
        compare(eur(1), Money(2, "USD"))


@pytest.mark.task(taskno=4)
def test_allocate_hands_leftover_cents_to_the_first_shares() -> None:
    assert eur(100).allocate([1, 1, 1]) == [eur("33.34"), eur("33.33"), eur("33.33")], (
        "100 EUR by [1, 1, 1]: the leftover cent goes to the first share"
    )
    assert eur("0.05").allocate([70, 30]) == [eur("0.04"), eur("0.01")]
    assert eur(10).allocate([1, 0]) == [eur(10), eur(0)], "a zero ratio gets nothing"
    assert eur("0.01").allocate([0, 1, 1]) == [eur(0), eur("0.01"), eur(0)], "a zero ratio never gets a leftover cent"
    assert [str(share) for share in eur(0).allocate([1, 1])] == ["0.00 EUR", "0.00 EUR"], (
        "zero is not negative: allocating nothing must not print as -0.00"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    "ratios", [[], [0, 0], [1, -1], [3, -1]], ids=["empty", "all-zero", "negative", "negative-positive-sum"]
)
def test_allocate_rejects_bad_ratios(ratios: list[int]) -> None:
    with pytest.raises(ValueError, match="ratio"):
        eur(10).allocate(ratios)


@pytest.mark.task(taskno=4)
@given(amounts, st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any))
def test_allocate_never_loses_or_invents_a_cent(amount: Decimal, ratios: list[int]) -> None:
    total = Money(amount, "EUR")
    parts = total.allocate(ratios)
    assert len(parts) == len(ratios)
    assert sum(parts, Money(0, "EUR")) == total, f"{total} split by {ratios} must add back up exactly"
    for part, ratio in zip(parts, ratios, strict=True):
        exact = amount * ratio / sum(ratios)
        assert abs(part.amount - exact) <= Decimal("0.01"), f"{part} is more than a cent away from its share {exact}"
        if ratio == 0:
            assert part.amount == 0, "a zero ratio never gets a leftover cent"
