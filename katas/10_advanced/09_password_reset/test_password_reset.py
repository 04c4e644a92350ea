"""Tests for the password reset: random tokens stored only as hashes, the same answer for every email, expiry
counted from the issue, single use (also for two requests at once) and tokens invalidated by a newer token or a
changed password.

Mistakes these tests catch: tokens from something guessable, the token stored in plain text, a different answer
(or an exception) for an unknown email, expiry that lets a token through at exactly 30 minutes or measures from
the wrong moment, a token that works twice, a check-then-act that lets two requests at the same moment both use
one token, a short password that burns the token, an UPDATE without WHERE that resets everyone's password,
older tokens that keep working after a new one is sent or after the password changed, and invalidation that
reaches other users' tokens.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from password_reset import (
    INVALID_TOKEN,
    RESET_REQUESTED,
    TOKEN_LIFETIME,
    InvalidTokenError,
    change_password,
    request_reset,
    reset_password,
    token_digest,
)
from reset_accounts import add_user, check_login, create_schema
from sqlalchemy import Engine, create_engine, event, text

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class Outbox:
    """Records the mails `request_reset` sends, as (address, token)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def __call__(self, address: str, token: str) -> None:
        self.sent.append((address, token))

    @property
    def last_token(self) -> str:
        assert self.sent, "no mail was sent"
        return self.sent[-1][1]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A SQLite file with the tables and two users: ada@example.com (id 1) and bob@example.com (id 2)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'accounts.db'}")
    create_schema(engine)
    add_user(engine, "ada@example.com", "ada's old password")
    add_user(engine, "bob@example.com", "bob's old password")
    yield engine
    engine.dispose()


@pytest.fixture
def outbox() -> Outbox:
    """The mails sent so far."""
    return Outbox()


def token_rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(text("SELECT * FROM reset_tokens"))]


def token_for(engine: Engine, outbox: Outbox, email: str = "ada@example.com") -> str:
    assert request_reset(engine, email, outbox) == RESET_REQUESTED
    return outbox.last_token


def attempt(engine: Engine, token: str, new_password: str) -> str:
    """What reset_password did: "changed", or "refused: <message>" for an InvalidTokenError."""
    try:
        reset_password(engine, token, new_password)
    except InvalidTokenError as refusal:
        return f"refused: {refusal}"
    return "changed"


REFUSED = f"refused: {INVALID_TOKEN}"


@pytest.mark.task(taskno=1)
def test_a_known_email_gets_a_link_token(engine: Engine, outbox: Outbox) -> None:
    assert request_reset(engine, "  Ada@Example.COM ", outbox) == RESET_REQUESTED
    assert len(outbox.sent) == 1, "send(address, token) should be called once for a known email"
    address, token = outbox.sent[0]
    assert address == "ada@example.com", "send to the address as stored (normalise_email)"
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", token), (
        f"the token goes into a link: at least 32 URL-safe characters from secrets, got {token!r}"
    )


@pytest.mark.task(taskno=1)
def test_an_unknown_email_gets_the_same_answer_and_no_mail(engine: Engine, outbox: Outbox) -> None:
    answer = request_reset(engine, "mallory@example.com", outbox)
    assert answer == RESET_REQUESTED, "the answer must not tell whether an account exists (account enumeration)"
    assert outbox.sent == [], "nobody to send to"
    assert token_rows(engine) == [], "no token for an address without an account"


@pytest.mark.task(taskno=1)
def test_tokens_are_random_even_at_the_same_moment(engine: Engine, outbox: Outbox) -> None:
    with time_machine.travel(NOON, tick=False):
        tokens = {token_for(engine, outbox) for _ in range(5)} | {token_for(engine, outbox, "bob@example.com")}
    assert len(tokens) == 6, "a token must come from secrets, not from the email, the user id or the time"


@pytest.mark.task(taskno=1)
def test_only_a_hash_of_the_token_is_stored(engine: Engine, outbox: Outbox) -> None:
    token = token_for(engine, outbox)
    [row] = token_rows(engine)
    assert not any(token in str(value) for value in row.values()), (
        "the token itself is in the table: store only token_digest(token), so a leaked table opens no account"
    )
    assert row["token_hash"] == token_digest(token), "store token_digest(token) in token_hash"
    assert row["user_id"] == 1
    assert row["used_at"] is None
    assert token_digest(token) == token_digest(token), "the same token must always give the same digest"
    assert token_digest(token) != token_digest(token + "x")
    assert len(token_digest(token)) >= 32, "use a cryptographic hash such as SHA-256 (hashlib)"


@pytest.mark.task(taskno=1)
def test_the_token_expires_thirty_minutes_after_it_is_issued(engine: Engine, outbox: Outbox) -> None:
    assert TOKEN_LIFETIME == 30 * 60
    with time_machine.travel(NOON, tick=False):
        token_for(engine, outbox)
    [row] = token_rows(engine)
    assert row["expires_at"] == NOON.timestamp() + TOKEN_LIFETIME, (
        "expires_at is the moment of issue (time.time()) plus TOKEN_LIFETIME seconds"
    )


@pytest.mark.task(taskno=2)
def test_a_token_sets_the_new_password(engine: Engine, outbox: Outbox) -> None:
    reset_password(engine, token_for(engine, outbox), "a brand new password")
    assert check_login(engine, "ada@example.com", "a brand new password"), "store hash_password(new_password)"
    assert not check_login(engine, "ada@example.com", "ada's old password")
    assert check_login(engine, "bob@example.com", "bob's old password"), "only the token's own user changes"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("token", ["", "nonsense", "A" * 43], ids=["empty", "short", "well-formed"])
def test_an_unknown_token_is_refused(engine: Engine, outbox: Outbox, token: str) -> None:
    token_for(engine, outbox)
    assert attempt(engine, token, "a brand new password") == REFUSED, "every refusal: InvalidTokenError(INVALID_TOKEN)"
    assert check_login(engine, "ada@example.com", "ada's old password")


@pytest.mark.task(taskno=2)
def test_a_short_password_is_refused_and_keeps_the_token(engine: Engine, outbox: Outbox) -> None:
    token = token_for(engine, outbox)
    with pytest.raises(ValueError, match=r"^password: at least 10 characters$"):
        reset_password(engine, token, "123456789")
    reset_password(engine, token, "1234567890")  # a typo in the form must not use up the link
    assert check_login(engine, "ada@example.com", "1234567890"), "10 characters are enough"


@pytest.mark.task(taskno=2)
def test_a_token_still_works_just_before_it_expires(engine: Engine, outbox: Outbox) -> None:
    with time_machine.travel(NOON, tick=False) as traveller:
        token = token_for(engine, outbox)
        traveller.shift(timedelta(seconds=TOKEN_LIFETIME - 1))
        reset_password(engine, token, "a brand new password")
    assert check_login(engine, "ada@example.com", "a brand new password"), "one second left: still good"


@pytest.mark.task(taskno=2)
def test_a_token_is_refused_once_its_lifetime_is_over(engine: Engine, outbox: Outbox) -> None:
    with time_machine.travel(NOON, tick=False) as traveller:
        token = token_for(engine, outbox)
        traveller.shift(timedelta(seconds=TOKEN_LIFETIME))
        outcome = attempt(engine, token, "a brand new password")
    assert outcome == REFUSED, (
        "exactly 30 minutes after the issue the token has expired (valid only while now < expires_at); "
        "it gets the same message as an unknown token"
    )
    assert check_login(engine, "ada@example.com", "ada's old password"), (
        "exactly 30 minutes after the issue the token has expired: valid only while now < expires_at"
    )


@pytest.mark.task(taskno=3)
def test_a_token_works_only_once(engine: Engine, outbox: Outbox) -> None:
    token = token_for(engine, outbox)
    reset_password(engine, token, "the first new password")
    assert attempt(engine, token, "a second new password") == REFUSED, "a used token must not work again"
    assert check_login(engine, "ada@example.com", "the first new password")


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(20)
def test_two_requests_at_once_cannot_both_use_a_token(engine: Engine, outbox: Outbox) -> None:
    token = token_for(engine, outbox)

    @event.listens_for(engine, "after_cursor_execute")
    def slow_reads(*args: Any) -> None:
        statement = str(args[2])
        if statement.lstrip().upper().startswith("SELECT") and "reset_tokens" in statement:
            time.sleep(0.3)  # widen the gap between reading a token and writing it, as a busy server would

    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def use(password: str) -> None:
        start.wait()
        outcomes[password] = attempt(engine, token, password)

    threads = [threading.Thread(target=use, args=(p,)) for p in ("attacker's password", "owner's new password")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["changed", REFUSED], (
        f"two requests with one token: {outcomes}. Reading the token and then marking it used lets both read "
        "'unused'; check and use it up in ONE conditional UPDATE and look at what it changed"
    )


@pytest.mark.task(taskno=4)
def test_a_new_token_replaces_the_older_one(engine: Engine, outbox: Outbox) -> None:
    first = token_for(engine, outbox)
    second = token_for(engine, outbox)
    assert attempt(engine, first, "from the old mail") == REFUSED, "only the newest link works"
    reset_password(engine, second, "from the new mail")
    assert check_login(engine, "ada@example.com", "from the new mail"), "only the newest link works"


@pytest.mark.task(taskno=4)
def test_changing_the_password_invalidates_the_token(engine: Engine, outbox: Outbox) -> None:
    token = token_for(engine, outbox)
    change_password(engine, 1, "changed while signed in")
    assert check_login(engine, "ada@example.com", "changed while signed in")
    assert attempt(engine, token, "from the stale mail") == REFUSED, (
        "the password changed after the mail was sent: that link must stop working"
    )
    assert check_login(engine, "ada@example.com", "changed while signed in")


@pytest.mark.task(taskno=4)
def test_change_password_refuses_a_short_password(engine: Engine) -> None:
    with pytest.raises(ValueError, match=r"^password: at least 10 characters$"):
        change_password(engine, 1, "short")
    assert check_login(engine, "ada@example.com", "ada's old password")


@pytest.mark.task(taskno=4)
def test_other_users_tokens_are_left_alone(engine: Engine, outbox: Outbox) -> None:
    bobs = token_for(engine, outbox, "bob@example.com")
    token_for(engine, outbox)  # Ada asks for a link
    change_password(engine, 1, "changed while signed in")  # and changes her password
    assert attempt(engine, bobs, "bob's new password") == "changed", (
        "Ada's new token and Ada's new password must not invalidate Bob's token: WHERE user_id = ..."
    )
    assert check_login(engine, "bob@example.com", "bob's new password")
    assert check_login(engine, "ada@example.com", "changed while signed in"), "Bob's reset must not touch Ada"
