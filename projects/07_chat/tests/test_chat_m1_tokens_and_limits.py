"""Milestone 1: who is talking (signed tokens) and how fast they may talk (a token bucket).

Mistakes these tests catch: a verifier that trusts the token's own `alg` header (an unsigned
`alg: none` token passes), skipping the signature check (a token signed with another secret
passes), not checking expiry (or checking it off by one, or only when a test passes `now`),
accepting a token without `sub`, `iat` or `exp`, or whose `sub` is a name /login would refuse, a garbled token escaping as something
other than `AuthError`, letting any string become a username, a bucket that never refills or refills past its capacity, counting a
message's characters instead of its bytes, letting PyJWT's real clock overrule an explicit `now`,
an `AuthError` that does not say why (its message is the close reason the page shows), a wait that
ignores the part of a token already refilled.
"""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SECRET = "test-secret-key-0123456789-abcdefghijklmnop"
NOW = 1_800_000_000.0

pytestmark = pytest.mark.task(taskno=1)


class FakeClock:
    """A monotonic clock that only moves when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_token_round_trip_gives_the_username() -> None:
    from chat import issue_token, verify_token

    token = issue_token("ann", SECRET, ttl_seconds=60, now=NOW)
    assert verify_token(token, SECRET, now=NOW + 59) == "ann", "a fresh token must verify to its username"


def test_expired_token_is_refused() -> None:
    from chat import AuthError, issue_token, verify_token

    token = issue_token("ann", SECRET, ttl_seconds=60, now=NOW)
    try:
        user = verify_token(token, SECRET, now=NOW + 60)
    except AuthError:
        return
    pytest.fail(f"at exp itself the token is dead (exp <= now refuses it), but it verified as {user!r}")


def test_token_signed_with_another_secret_is_refused() -> None:
    from chat import AuthError, issue_token, verify_token

    forged = issue_token("ann", "another-secret-0123456789-abcdefghijklmnop", ttl_seconds=60, now=NOW)
    with pytest.raises(AuthError):
        verify_token(forged, SECRET, now=NOW)


def test_unsigned_token_is_refused() -> None:
    from chat import AuthError, verify_token

    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    unsigned = f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'sub': 'admin', 'iat': NOW, 'exp': NOW + 60})}."
    with pytest.raises(AuthError):
        verify_token(unsigned, SECRET, now=NOW)  # pin algorithms=["HS256"]: never trust the token's header


def test_expiry_is_checked_against_the_real_clock_by_default() -> None:
    import time

    from chat import AuthError, issue_token, verify_token

    stale = issue_token("ann", SECRET, ttl_seconds=60, now=time.time() - 3600)
    with pytest.raises(AuthError):
        verify_token(stale, SECRET)  # no `now`: an hour-old 60-second token is dead


@pytest.mark.parametrize("missing", ["sub", "iat", "exp"])
def test_a_token_missing_a_claim_is_refused(missing: str) -> None:
    import jwt
    from chat import AuthError, verify_token

    claims = {"sub": "ann", "iat": int(NOW), "exp": int(NOW) + 60}
    del claims[missing]
    with pytest.raises(AuthError):
        verify_token(jwt.encode(claims, SECRET, algorithm="HS256"), SECRET, now=NOW)


@pytest.mark.parametrize("subject", ["", "<script>", "x" * 33, 42])
def test_a_signed_token_for_an_impossible_name_is_refused(subject: object) -> None:
    import jwt
    from chat import AuthError, verify_token

    token = jwt.encode({"sub": subject, "iat": int(NOW), "exp": int(NOW) + 60}, SECRET, algorithm="HS256")
    with pytest.raises(AuthError):
        verify_token(token, SECRET, now=NOW)  # never let a token smuggle in a name /login would refuse


@pytest.mark.parametrize("token", [None, "", "not-a-jwt", "a.b.c"])
def test_missing_or_garbled_token_is_refused(token: str | None) -> None:
    from chat import AuthError, verify_token

    with pytest.raises(AuthError):
        verify_token(token, SECRET)


@pytest.mark.parametrize("username", ["", "has space", "x" * 33, "<script>", "ann\n"])
def test_issue_token_refuses_a_bad_username(username: str) -> None:
    from chat import issue_token

    with pytest.raises(ValueError, match="username"):
        issue_token(username, SECRET, ttl_seconds=60)


def test_bucket_allows_a_burst_then_refuses() -> None:
    from chat import TokenBucket

    bucket = TokenBucket(capacity=3, rate=1.0, clock=FakeClock())
    assert [bucket.try_acquire() for _ in range(3)] == [0.0, 0.0, 0.0], "a full bucket allows `capacity` at once"
    wait = bucket.try_acquire()
    assert wait == pytest.approx(1.0), f"the 4th needs one token, 1 s at 1 token/s; got a wait of {wait}"


def test_bucket_refills_over_time_but_not_past_capacity() -> None:
    from chat import TokenBucket

    clock = FakeClock()
    bucket = TokenBucket(capacity=2, rate=4.0, clock=clock)
    bucket.try_acquire()
    bucket.try_acquire()
    clock.now += 0.25  # one token back at 4/s
    assert bucket.try_acquire() == 0.0, "after 0.25 s at 4 tokens/s one token is back"
    assert bucket.try_acquire() > 0, "...and only one"
    clock.now += 3600
    assert [bucket.try_acquire() == 0.0 for _ in range(3)] == [True, True, False], (
        "an idle hour refills to capacity only"
    )


def test_refused_attempts_cost_nothing() -> None:
    from chat import TokenBucket

    clock = FakeClock()
    bucket = TokenBucket(capacity=1, rate=1.0, clock=clock)
    bucket.try_acquire()
    for _ in range(10):
        bucket.try_acquire()  # refused: must not dig a hole
    clock.now += 1.0
    assert bucket.try_acquire() == 0.0, "refused attempts must not use up tokens"


@given(
    capacity=st.integers(1, 10),
    rate=st.floats(0.5, 20.0),
    steps=st.lists(st.floats(0.0, 2.0), min_size=1, max_size=60),
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a busy machine must not fail it
def test_bucket_never_allows_more_than_capacity_plus_refill(capacity: int, rate: float, steps: list[float]) -> None:
    from chat import TokenBucket

    clock = FakeClock()
    bucket = TokenBucket(capacity=capacity, rate=rate, clock=clock)
    allowed = 0
    for step in steps:
        clock.now += step
        allowed += bucket.try_acquire() == 0.0
    limit = capacity + rate * sum(steps)
    assert allowed <= limit + 1e-9, f"allowed {allowed} events, but at most {limit:.2f} fit"


@pytest.mark.parametrize(("text", "size"), [("hi", 2), ("é", 2), ("🙂", 4), ("", 0)])
def test_utf8_size_counts_bytes_not_characters(text: str, size: int) -> None:
    from chat import utf8_size

    assert utf8_size(text) == size, f"{text!r} is {size} bytes of UTF-8"


def test_with_an_explicit_now_only_that_now_judges_expiry() -> None:
    from chat import issue_token, verify_token

    past = 1_000_000_000.0  # 2001: long expired by the real clock
    token = issue_token("ann", SECRET, ttl_seconds=60, now=past)
    assert verify_token(token, SECRET, now=past + 30) == "ann", (
        "with `now` given, the token is judged at `now`: switch off PyJWT's own (real-clock) expiry check"
    )


@pytest.mark.parametrize("now", [NOW + 60, None], ids=["checked-against-now", "checked-by-pyjwt"])
def test_an_expired_token_says_so_whichever_clock_checks_it(now: float | None) -> None:
    from chat import AuthError, issue_token, verify_token

    token = issue_token("ann", SECRET, ttl_seconds=60, now=NOW if now is not None else NOW - 10**9)
    with pytest.raises(AuthError) as refused:
        verify_token(token, SECRET, now=now)
    assert str(refused.value) == "invalid token: Signature has expired", (
        "the message becomes the close reason the page shows: 'invalid token: ' + PyJWT's 'Signature has expired'"
    )


@pytest.mark.parametrize(
    ("token", "message"),
    [(None, "missing token"), ("", "missing token"), ("not-a-jwt", "invalid token: Not enough segments")],
)
def test_a_refused_token_says_why(token: str | None, message: str) -> None:
    from chat import AuthError, verify_token

    with pytest.raises(AuthError) as refused:
        verify_token(token, SECRET)
    assert str(refused.value) == message, f"AuthError({message!r}): 'invalid token: ' + PyJWT's own reason"


def test_a_token_for_an_impossible_name_says_bad_subject() -> None:
    import jwt
    from chat import AuthError, verify_token

    token = jwt.encode({"sub": "<script>", "iat": int(NOW), "exp": int(NOW) + 60}, SECRET, algorithm="HS256")
    with pytest.raises(AuthError) as refused:
        verify_token(token, SECRET, now=NOW)
    assert str(refused.value) == "invalid token: bad subject"


@pytest.mark.parametrize(("capacity", "rate"), [(0, 1.0), (1, 0.0), (1, -1.0)])
def test_a_bucket_needs_a_capacity_and_a_positive_rate(capacity: int, rate: float) -> None:
    from chat import TokenBucket

    smallest = TokenBucket(capacity=1, rate=0.001, clock=FakeClock())
    assert smallest.try_acquire() == 0.0, "a bucket of 1 at any positive rate is valid, and starts full"
    with pytest.raises(ValueError, match=r"^capacity must be at least 1 and rate positive$"):
        TokenBucket(capacity=capacity, rate=rate, clock=FakeClock())


def test_the_wait_counts_only_the_missing_part_of_a_token() -> None:
    from chat import TokenBucket

    clock = FakeClock()
    bucket = TokenBucket(capacity=1, rate=4.0, clock=clock)
    bucket.try_acquire()
    clock.now += 0.125  # half a token back at 4 tokens/s
    wait = bucket.try_acquire()
    assert wait == pytest.approx(0.125), f"half a token is missing, 0.5 / 4 tokens/s = 0.125 s; got {wait}"
