"""Tests for the encapsulation kata.

Mistakes these tests catch: validation only in the setter but `__init__`
writing the underscore attribute directly (bad values get in at creation),
`True` accepted as an attempt count, a settable `delays`, delays that do not
double or have one entry too many, a wallet balance that can be assigned, a
failed withdrawal that still records history or changes the balance, zero or
negative amounts accepted, `history` returning the internal list, a Metric
without `__slots__` (typos silently add attributes), the token stored as
`_token` (a subclass's `_token` overwrites it), a repr leaking the token.
"""

import contextlib
import re

import pytest
from encapsulation import ApiClient, InsufficientFundsError, Metric, RetryPolicy, Wallet
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.task(taskno=1)
def test_retry_policy_computes_doubling_delays() -> None:
    policy = RetryPolicy(max_attempts=4, base_delay=0.5)
    assert (policy.max_attempts, policy.base_delay) == (4, 0.5)
    assert policy.delays == (0.5, 1.0, 2.0), "one wait between each pair of attempts, doubling"
    assert RetryPolicy(max_attempts=1).delays == (), "a single attempt never waits"
    assert RetryPolicy().delays == (0.5, 1.0), "defaults: 3 attempts, 0.5 s"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"max_attempts": 0}, ValueError),
        ({"max_attempts": 11}, ValueError),
        ({"max_attempts": "3"}, TypeError),
        ({"max_attempts": True}, TypeError),
        ({"max_attempts": 2.0}, TypeError),
        ({"base_delay": -0.1}, ValueError),
    ],
    ids=["zero", "eleven", "str", "bool", "float", "negative-delay"],
)
def test_retry_policy_validates_in_init(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


@pytest.mark.task(taskno=1)
def test_retry_policy_validates_on_assignment_and_keeps_the_old_value() -> None:
    policy = RetryPolicy()
    with pytest.raises(ValueError, match="max_attempts"):
        policy.max_attempts = 0
    assert policy.max_attempts == 3, "a rejected value must not be stored"
    policy.max_attempts = 5
    assert len(policy.delays) == 4, "delays follow the current max_attempts"
    with pytest.raises(AttributeError):
        policy.delays = (1.0,)  # type: ignore[misc]


@pytest.mark.task(taskno=2)
def test_wallet_tracks_balance_and_history() -> None:
    wallet = Wallet()
    assert (wallet.balance, wallet.history) == (0, ())
    wallet.deposit(500)
    wallet.withdraw(120)
    assert wallet.balance == 380
    assert wallet.history == (500, -120)
    with pytest.raises(AttributeError):
        wallet.balance = 1_000_000  # type: ignore[misc]


@pytest.mark.task(taskno=2)
def test_overdraft_is_refused_and_changes_nothing() -> None:
    wallet = Wallet()
    wallet.deposit(100)
    with pytest.raises(InsufficientFundsError, match="100"):
        wallet.withdraw(101)
    assert wallet.balance == 100, "a refused withdrawal must leave the balance alone"
    assert wallet.history == (100,), "a refused withdrawal must not be recorded"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("amount", [0, -5, True, 1.5], ids=["zero", "negative", "bool", "float"])
def test_wallet_rejects_amounts_that_are_not_positive_ints(amount: object) -> None:
    wallet = Wallet()
    with pytest.raises((ValueError, TypeError), match=re.escape(str(amount))):
        wallet.deposit(amount)  # type: ignore[arg-type]
    with pytest.raises((ValueError, TypeError), match=re.escape(str(amount))):
        wallet.withdraw(amount)  # type: ignore[arg-type]
    assert wallet.history == ()


@pytest.mark.task(taskno=2)
def test_withdrawing_the_whole_balance_is_allowed() -> None:
    wallet = Wallet()
    wallet.deposit(250)
    wallet.withdraw(250)
    assert wallet.balance == 0, "a balance of exactly zero is fine: refuse only amounts above the balance (>, not >=)"


@pytest.mark.task(taskno=2)
def test_history_is_a_copy() -> None:
    wallet = Wallet()
    wallet.deposit(10)
    history = wallet.history
    assert isinstance(history, tuple), "return a tuple so callers cannot append to your list"
    assert wallet.history == (10,)


@pytest.mark.task(taskno=2)
@given(st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=1000)), max_size=40))
def test_balance_never_goes_negative_and_matches_history(operations: list[tuple[bool, int]]) -> None:
    wallet = Wallet()
    for is_deposit, cents in operations:
        with contextlib.suppress(InsufficientFundsError):
            (wallet.deposit if is_deposit else wallet.withdraw)(cents)
        assert wallet.balance >= 0
    assert wallet.balance == sum(wallet.history), "the balance is the sum of the recorded operations"


@pytest.mark.task(taskno=3)
def test_metric_uses_slots() -> None:
    metric = Metric("http.requests", 1.0, 1_700_000_000)
    assert (metric.name, metric.value, metric.timestamp) == ("http.requests", 1.0, 1_700_000_000)
    assert set(getattr(Metric, "__slots__", ())) == {"name", "value", "timestamp"}, "declare __slots__"
    assert not hasattr(metric, "__dict__"), "with __slots__ an instance has no __dict__"


@pytest.mark.task(taskno=3)
def test_metric_refuses_a_typo_attribute() -> None:
    metric = Metric("cpu", 0.5, 1)
    metric.value = 0.7
    with pytest.raises(AttributeError):
        metric.vaule = 2.0  # type: ignore[attr-defined]
    assert metric.value == 0.7


@pytest.mark.task(taskno=4)
def test_api_client_sends_a_bearer_token_and_masks_it() -> None:
    client = ApiClient("sk_live_1234abcd")
    assert client.auth_header() == {"Authorization": "Bearer sk_live_1234abcd"}
    assert "1234" not in repr(client), "never print a secret in a repr: it ends up in logs"
    assert repr(client) == "ApiClient(token='…abcd')"


@pytest.mark.task(taskno=4)
def test_double_underscore_is_mangled_not_private() -> None:
    client = ApiClient("sk_test_xyz9")
    assert not hasattr(client, "__token"), "store the token as self.__token"
    assert client._ApiClient__token == "sk_test_xyz9", (  # type: ignore[attr-defined]
        "self.__token inside ApiClient becomes _ApiClient__token: anyone can still read it"
    )


@pytest.mark.task(taskno=4)
def test_a_subclass_cannot_clobber_the_mangled_token() -> None:
    class LoggingClient(ApiClient):
        def __init__(self, token: str) -> None:
            super().__init__(token)
            self.__token = "not-the-token"  # becomes _LoggingClient__token
            self._token = "not-the-token"

    assert LoggingClient("sk_live_real").auth_header() == {"Authorization": "Bearer sk_live_real"}, (
        "the subclass's own __token (and _token) must not change what ApiClient sends"
    )
