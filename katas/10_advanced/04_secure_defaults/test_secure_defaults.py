"""Tests for the security kata: injection, password storage, timing-safe compares, secrets, validation,
headers and rate limiting.

Mistakes these tests catch: SQL built with an f-string (the classic `' OR '1'='1` returns a user), LIKE instead
of `=`, plain or unsalted hashes (the same password gives the same hash), the password visible in the hash,
verify raising on a corrupt hash, `==` on API keys (the test watches for hmac.compare_digest), compare_digest on
non-ASCII str (TypeError), a default SECRET_KEY in code, short or placeholder keys accepted, validation that stops
at the first problem or lets extra fields through (mass assignment), True accepted as an age, headers that
overwrite what the handler chose, a fixed-window limiter that allows bursts, refused requests counted.
"""

import hmac
import sqlite3
from collections.abc import Iterator
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from secure_defaults import (
    RateLimiter,
    Signup,
    add_security_headers,
    check_api_key,
    find_user,
    hash_password,
    load_secret_key,
    validate_signup,
    verify_password,
)


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    """An in-memory users table with alice (1) and bob (2)."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL)")
    connection.executemany("INSERT INTO users (username) VALUES (?)", [("alice",), ("bob",)])
    yield connection
    connection.close()


@pytest.mark.task(taskno=1)
def test_find_user_finds_by_exact_username(db: sqlite3.Connection) -> None:
    assert find_user(db, "bob") == (2, "bob")
    assert find_user(db, "carol") is None
    assert find_user(db, "b%") is None, "match exactly with =, not LIKE"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("attack", ["' OR '1'='1", "x' OR 1=1 --", "alice' --", "'; DROP TABLE users; --"])
def test_find_user_is_not_injectable(db: sqlite3.Connection, attack: str) -> None:
    assert find_user(db, attack) is None, f"{attack!r} found a user: the input became SQL. Pass it as a ? parameter"
    assert db.execute("SELECT count(*) FROM users").fetchone() == (2,)


@pytest.mark.task(taskno=2)
def test_password_hashes_are_salted_and_do_not_contain_the_password() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second, "the same password must hash differently each time: a random salt per hash"
    assert "correct horse" not in first
    assert first.startswith("$argon2id$"), "use argon2id (argon2-cffi's PasswordHasher), a slow password hash"


@pytest.mark.task(taskno=2)
def test_verify_password_accepts_only_the_right_password() -> None:
    stored = hash_password("correct horse")
    assert verify_password(stored, "correct horse") is True
    assert verify_password(stored, "correct horsE") is False
    assert verify_password("not-a-hash", "correct horse") is False, "a corrupt hash is a failed login, not a crash"


@pytest.mark.task(taskno=3)
def test_api_keys_are_compared_in_constant_time() -> None:
    with patch("hmac.compare_digest", wraps=hmac.compare_digest) as spy:
        assert check_api_key("k-123", "k-123") is True
        assert check_api_key("k-124", "k-123") is False
    assert spy.call_count == 2, "compare secrets with hmac.compare_digest: == stops at the first different character"


@pytest.mark.task(taskno=3)
def test_api_key_compare_handles_any_text() -> None:
    assert check_api_key("clé-ü", "clé-ü") is True, "compare_digest refuses non-ASCII str: compare the UTF-8 bytes"
    assert check_api_key("", "k-123") is False


@pytest.mark.task(taskno=4)
def test_secret_key_comes_from_the_environment() -> None:
    key = "3f9a1c7eb2d411ee8c900242ac120002" * 2
    assert load_secret_key({"SECRET_KEY": key}) == key
    with pytest.raises(RuntimeError, match=r"^SECRET_KEY is not set: "):
        load_secret_key({})
    with pytest.raises(RuntimeError, match=r"^SECRET_KEY is not set: "):
        load_secret_key({"SECRET_KEY": ""})


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("weak", ["secret", "change-me", "x" * 64, "changeme" * 4, "3f9a1c7e-b2d4-11ee-8c90-0242ac1"])
def test_weak_secret_keys_are_refused(weak: str) -> None:
    with pytest.raises(RuntimeError, match=r"^SECRET_KEY is too weak: use at least 32 random characters$"):
        load_secret_key({"SECRET_KEY": weak})


@pytest.mark.task(taskno=4)
def test_a_key_of_32_characters_with_8_different_ones_is_enough() -> None:
    assert load_secret_key({"SECRET_KEY": "abcdefgh" * 4}) == "abcdefgh" * 4


@pytest.mark.task(taskno=5)
def test_validate_signup_accepts_good_input() -> None:
    assert validate_signup({"username": "ada_l", "email": "Ada@Example.org", "age": 36}) == Signup(
        "ada_l", "ada@example.org", 36
    )


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("age", [13, 130])
def test_validate_signup_accepts_the_edges(age: int) -> None:
    email = "a" * 242 + "@example.com"  # 254 characters: the longest valid address
    assert validate_signup({"username": "ada", "email": email, "age": age}).age == age


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"username": "Ada", "email": "a@b.io", "age": 30}, "username"),
        ({"username": "ad", "email": "a@b.io", "age": 30}, "username"),
        ({"username": "ada<script>", "email": "a@b.io", "age": 30}, "username"),
        ({"username": "ada", "email": "not-an-email", "age": 30}, "email"),
        ({"username": "ada", "email": None, "age": 30}, "email"),
        ({"username": "ada", "email": "a" * 243 + "@example.com", "age": 30}, "email"),
        ({"username": "ada", "email": "a@b.io", "age": "30"}, "age"),
        ({"username": "ada", "email": "a@b.io", "age": True}, "age"),
        ({"username": "ada", "email": "a@b.io", "age": 12}, "age"),
        ({"username": "ada", "email": "a@b.io", "age": 131}, "age"),
        ({"username": "ada", "email": "a@b.io", "age": 30, "is_admin": True}, "is_admin"),
    ],
)
def test_validate_signup_rejects_bad_input(data: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        validate_signup(data)


@pytest.mark.task(taskno=5)
def test_validate_signup_reports_every_problem_at_once() -> None:
    with pytest.raises(ValueError, match="username") as error:
        validate_signup({"username": "", "email": "", "age": 0, "role": "admin", "is_admin": True})
    assert str(error.value) == (
        "unexpected fields: is_admin, role; username: 3-30 lower-case letters, digits or _; "
        "email: not a valid address; age: a whole number from 13 to 130"
    ), "list every problem, so the user can fix them in one go"


@pytest.mark.task(taskno=6)
def test_security_headers_are_added_without_overriding_the_handler() -> None:
    headers = {"Content-Type": "text/html", "X-Frame-Options": "SAMEORIGIN"}
    add_security_headers(headers)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN", "keep a header the handler set on purpose"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Referrer-Policy" in headers


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.task(taskno=7)
def test_rate_limiter_allows_up_to_the_limit_per_key() -> None:
    limiter = RateLimiter(limit=3, window=10.0, clock=FakeClock())
    assert [limiter.allow("1.2.3.4") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("5.6.7.8") is True, "each client (key) has its own budget"


@pytest.mark.task(taskno=7)
def test_rate_limiter_window_slides() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=2, window=10.0, clock=clock)
    assert limiter.allow("k")
    clock.now += 6
    assert limiter.allow("k")
    assert not limiter.allow("k")
    clock.now += 4.5
    assert limiter.allow("k"), "the first request is now more than 10 s old: one slot is free again"
    assert not limiter.allow("k"), "the second request is only 4.5 s old: a fixed window would allow a burst here"


@pytest.mark.task(taskno=7)
def test_rate_limiter_forgets_a_request_exactly_one_window_old() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=1, window=10.0, clock=clock)
    assert limiter.allow("k")
    clock.now += 10.0
    assert limiter.allow("k"), "a request exactly `window` seconds old no longer counts"


@pytest.mark.task(taskno=7)
@settings(max_examples=50)
@given(st.lists(st.floats(0, 5), max_size=60))
def test_rate_limiter_never_allows_more_than_limit_in_any_window(gaps: list[float]) -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=5, window=10.0, clock=clock)
    allowed: list[float] = []
    for gap in gaps:
        clock.now += gap
        if limiter.allow("k"):
            allowed.append(clock.now)
    for start in allowed:
        assert sum(start <= t < start + 10.0 for t in allowed) <= 5
