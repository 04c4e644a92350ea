"""Tests for the token-authentication kata.

Mistakes these tests catch: storing the password (or a plain, unsalted sha256
of it) instead of an argon2id hash, `verify_password` that lets argon2's
exception escape instead of answering False, a token without `exp` (it never
expires) or with `exp` counted from the wrong moment, `jwt.decode` without
`algorithms=` (the "alg": "none" attack) or without requiring `exp`, a token
signed with another secret accepted, `verify_signature` turned off, `iat` taken from the local clock, a login
that says whether the username exists (different answers for unknown user
and wrong password), 403 instead of 401 for a missing or bad token, no
`WWW-Authenticate: Bearer` header, a valid token of a deleted user
accepted, and a crash (500) on a malformed header.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import jwt
import pytest
import time_machine
from argon2 import PasswordHasher
from flask.testing import FlaskClient
from token_authentication import (
    INVALID_TOKEN,
    MISSING_TOKEN,
    WRONG_LOGIN,
    hash_password,
    issue_token,
    read_token,
    verify_password,
)
from token_authentication_app import create_app

SECRET = "kata-secret-0123456789-abcdefghijklmnop"  # 32 bytes or more, as HS256 needs
# Real argon2 settings take most of a second per hash on a small machine; the tests use cheap ones.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
TTL = timedelta(minutes=15)


@pytest.fixture
def client() -> FlaskClient:
    """A test client for an app with one user, ada / correct-horse."""
    app = create_app(SECRET, hasher=FAST, token_ttl=TTL)
    app.config["TESTING"] = True
    app.extensions["users"]["ada"] = FAST.hash("correct-horse")  # what POST /register stores
    return app.test_client()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.task(taskno=1)
def test_hash_is_salted_argon2id() -> None:
    first, second = hash_password("correct-horse", FAST), hash_password("correct-horse", FAST)
    assert first.startswith("$argon2id$"), f"use argon2id (PasswordHasher.hash), got {first[:20]!r}"
    assert first != second, "each hash needs its own random salt: the same password must hash differently"
    assert "correct-horse" not in first, "never store the password itself"


@pytest.mark.task(taskno=1)
def test_verify_accepts_only_the_right_password() -> None:
    stored = hash_password("correct-horse", FAST)
    assert verify_password(stored, "correct-horse", FAST) is True
    assert verify_password(stored, "correct-horse ", FAST) is False, "a wrong password is False, not an exception"
    assert verify_password(stored, "", FAST) is False


@pytest.mark.task(taskno=1)
def test_verify_treats_a_broken_hash_as_a_mismatch() -> None:
    assert verify_password("not-a-hash", "correct-horse", FAST) is False, (
        "a corrupt stored hash must not crash the login: catch argon2's InvalidHashError too"
    )


@pytest.mark.task(taskno=2)
def test_token_round_trips_and_expires_after_ttl() -> None:
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    token = issue_token("ada", SECRET, TTL, now=now)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == "ada"
    assert claims["exp"] - claims["iat"] == TTL.total_seconds(), "exp must be iat + ttl"
    assert claims["iat"] == int(now.timestamp()), "iat is the moment passed as `now`"
    assert read_token(issue_token("ada", SECRET, TTL), SECRET) == "ada", "a fresh token gives back its subject"


@pytest.mark.task(taskno=2)
def test_token_times_are_utc_whatever_the_server_time_zone() -> None:
    moment = datetime(2026, 3, 2, 7, 0, tzinfo=ZoneInfo("America/New_York"))
    with time_machine.travel(moment, tick=False):  # also sets the local time zone to New York
        claims = jwt.decode(issue_token("ada", SECRET, TTL), options={"verify_signature": False})
    assert claims["iat"] == int(moment.timestamp()), "take the current time as datetime.now(UTC), not local time"


@pytest.mark.task(taskno=2)
def test_token_is_valid_until_it_expires() -> None:
    almost = issue_token("ada", SECRET, TTL, now=datetime.now(UTC) - TTL + timedelta(minutes=1))
    assert read_token(almost, SECRET) == "ada", "a token with a minute left is still good"
    expired = issue_token("ada", SECRET, TTL, now=datetime.now(UTC) - TTL - timedelta(minutes=1))
    with pytest.raises(jwt.ExpiredSignatureError):
        read_token(expired, SECRET)


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("attack", ["other-secret", "alg-none", "no-exp", "garbage"])
def test_read_token_rejects_forged_tokens(attack: str) -> None:
    later = datetime.now(UTC) + TTL
    token = {
        "other-secret": jwt.encode({"sub": "ada", "iat": datetime.now(UTC), "exp": later}, "x" * 40, "HS256"),
        "alg-none": jwt.encode({"sub": "ada", "iat": datetime.now(UTC), "exp": later}, None, "none"),
        "no-exp": jwt.encode({"sub": "ada", "iat": datetime.now(UTC)}, SECRET, "HS256"),
        "garbage": "not.a.token",
    }[attack]
    with pytest.raises(jwt.InvalidTokenError):
        read_token(token, SECRET)


@pytest.mark.task(taskno=3)
def test_login_gives_a_bearer_token(client: FlaskClient) -> None:
    response = client.post("/login", json={"username": "ada", "password": "correct-horse"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900, "expires_in is the lifetime in seconds"
    assert read_token(body["access_token"], SECRET) == "ada"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "body",
    [{"username": "ada", "password": "wrong-horse"}, {"username": "bob", "password": "correct-horse"}, {}],
    ids=["wrong-password", "unknown-user", "empty"],
)
def test_failed_login_is_one_vague_401(client: FlaskClient, body: dict[str, str]) -> None:
    response = client.post("/login", json=body)
    assert response.status_code == 401, "bad credentials are 401 Unauthorized"
    assert response.get_json() == {"error": WRONG_LOGIN}, (
        "say the same thing whether the user exists or not, so nobody can probe for usernames"
    )


@pytest.mark.task(taskno=3)
def test_me_with_a_valid_token(client: FlaskClient) -> None:
    token = client.post("/login", json={"username": "ada", "password": "correct-horse"}).get_json()["access_token"]
    response = client.get("/me", headers=_bearer(token))
    assert response.status_code == 200
    assert response.get_json() == {"username": "ada"}


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Token abc", "Basic YWRhOmNvcnJlY3QtaG9yc2U=", "Bearer not.a.token"],
    ids=["absent", "empty", "no-token", "blank-token", "wrong-scheme", "basic", "garbage"],
)
def test_me_without_a_usable_token_is_401(client: FlaskClient, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.get("/me", headers=headers)
    assert response.status_code == 401, "no usable credentials is 401 (403 means: I know you, and the answer is no)"
    if authorization == "Bearer not.a.token":
        assert response.get_json() == {"error": INVALID_TOKEN}
        assert response.headers.get("WWW-Authenticate") == 'Bearer error="invalid_token"'
    else:
        assert response.get_json() == {"error": MISSING_TOKEN}, "no bearer token at all: unauthorized(MISSING_TOKEN)"
        assert response.headers.get("WWW-Authenticate") == "Bearer", (
            "a 401 must say how to authenticate: WWW-Authenticate: Bearer"
        )


@pytest.mark.task(taskno=3)
def test_me_with_an_expired_token_is_401(client: FlaskClient) -> None:
    expired = issue_token("ada", SECRET, TTL, now=datetime.now(UTC) - timedelta(hours=1))
    response = client.get("/me", headers=_bearer(expired))
    assert response.status_code == 401
    assert response.headers.get("WWW-Authenticate") == 'Bearer error="invalid_token"', (
        'for a bad or expired token the challenge says error="invalid_token" (RFC 6750)'
    )
    assert response.get_json() == {"error": INVALID_TOKEN}


@pytest.mark.task(taskno=3)
def test_token_of_a_deleted_user_is_401(client: FlaskClient) -> None:
    ghost = issue_token("ghost", SECRET, TTL)
    response = client.get("/me", headers=_bearer(ghost))
    assert response.status_code == 401, "a valid token whose user is gone proves nothing: 401"
    assert response.headers.get("WWW-Authenticate") == 'Bearer error="invalid_token"'
    assert response.get_json() == {"error": INVALID_TOKEN}
