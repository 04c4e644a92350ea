"""Milestone 2: accounts, argon2 passwords, JWT access and refresh tokens, roles and a login throttle.

Mistakes these tests catch: a password stored in plain text (or with a fast hash), the hash
leaking into a response, emails that differ only in case making two accounts, a 201 without
`Location`, login answers that tell a wrong password from an unknown email, a refresh token
accepted as an access token (or the reverse), a token signed with another key or expired still
accepted, 401s from flask-jwt-extended in its own `{"msg": ...}` shape instead of the API's, a
customer reading another user's account (and getting 403, which confirms it exists, instead of
404), customers doing admin work, a login endpoint that lets anyone guess passwords forever, a
throttle that never forgets a key (its memory grows with every made-up email), a token without
`exp` accepted, and a `sub` that is no user id reaching the database (a 500).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shop_api.shop_security import LoginThrottle

EMAIL = "ann@example.com"


def _error(response, code: int) -> dict:
    assert response.status_code == code, f"expected {code}, got {response.status_code}: {response.get_json()}"
    body = response.get_json()
    assert body is not None, "errors are JSON"
    assert body.get("code") == code, f"errors are JSON with their code, got {body!r}"
    return body


@pytest.mark.task(taskno=2)
def test_register_creates_a_customer_with_location(shop) -> None:
    response = shop.register("Ann@Example.com")
    assert response.status_code == 201, f"registering answers 201 Created, got {response.status_code}"
    body = response.get_json()
    assert body == {"id": body["id"], "email": "ann@example.com", "role": "customer"}, (
        f"the new account, email in lower case, role customer, and never the password or its hash: {body}"
    )
    assert response.headers.get("Location") == f"/users/{body['id']}", "a 201 says where the new resource is"


@pytest.mark.task(taskno=2)
def test_passwords_are_stored_as_argon2id_hashes(app, shop) -> None:
    from shop_api.shop_db import db
    from shop_api.shop_models import User
    from shop_api.shop_security import verify_password

    shop.register(EMAIL)
    with app.app_context():
        stored = db().query(User).one().password_hash
        assert stored.startswith("$argon2id$"), f"store an argon2id hash, not {stored[:12]!r}..."
        assert shop.password not in stored
        assert verify_password(stored, shop.password)
        assert not verify_password(stored, "wrong password")
        assert not verify_password("not a hash", shop.password), "a broken hash is False, not an exception"


@pytest.mark.task(taskno=2)
def test_an_email_has_one_account_whatever_its_case(shop) -> None:
    shop.register(EMAIL)
    body = _error(shop.register("ANN@example.com"), 409)
    assert "ann@example.com" in body.get("message", ""), "say which email is taken"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "password": "long enough"}, "email"),
        ({"email": EMAIL, "password": "short"}, "password"),
        ({"email": EMAIL}, "password"),
        ({"password": "long enough"}, "email"),
        ({"email": EMAIL, "password": 12345678}, "password"),
    ],
)
def test_register_rejects_bad_fields_with_422(client, body: dict, field: str) -> None:
    response = client.post("/auth/register", json=body)
    errors = _error(response, 422).get("errors", {}).get("json", {})
    assert field in errors, f"a 422 names the field that is wrong ({field}), got {errors}"


@pytest.mark.task(taskno=2)
def test_login_returns_access_and_refresh_tokens(app, shop) -> None:
    shop.register(EMAIL)
    response = shop.login("ANN@example.com")
    assert response.status_code == 200, f"logging in answered {response.status_code}: {response.get_json()}"
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900, "access tokens last 15 minutes (900 s)"
    claims = jwt.decode(body["access_token"], app.config["JWT_SECRET_KEY"], algorithms=["HS256"])
    assert (claims["type"], claims["role"]) == ("access", "customer"), f"claims were {claims}"
    refresh = jwt.decode(body["refresh_token"], app.config["JWT_SECRET_KEY"], algorithms=["HS256"])
    assert refresh["type"] == "refresh"
    assert refresh["sub"] == claims["sub"]


@pytest.mark.task(taskno=2)
def test_wrong_password_and_unknown_email_look_the_same(shop) -> None:
    shop.register(EMAIL)
    wrong = _error(shop.login(EMAIL, "wrong password"), 401)
    unknown = _error(shop.login("bob@example.com"), 401)
    assert wrong == unknown, "do not tell an attacker which emails have accounts"


@pytest.mark.task(taskno=2)
def test_me_needs_a_valid_access_token(app, shop, client) -> None:
    headers = shop.customer(EMAIL)
    assert client.get("/users/me", headers=headers).get_json()["email"] == EMAIL
    missing = client.get("/users/me")
    _error(missing, 401)
    assert missing.headers.get("WWW-Authenticate", "").startswith("Bearer"), "a 401 names the scheme to use"
    forged = jwt.encode(
        {"sub": "1", "type": "access", "exp": datetime.now(UTC) + timedelta(minutes=5)},
        "another-secret-that-is-32-bytes-long!",
        algorithm="HS256",
    )
    for bad in ["garbage", forged]:
        _error(client.get("/users/me", headers={"Authorization": f"Bearer {bad}"}), 401)


@pytest.mark.task(taskno=2)
def test_refresh_and_access_tokens_are_not_interchangeable(shop, client) -> None:
    shop.register(EMAIL)
    tokens = shop.login(EMAIL).get_json()
    as_refresh = {"Authorization": f"Bearer {tokens['refresh_token']}"}
    as_access = {"Authorization": f"Bearer {tokens['access_token']}"}
    _error(client.get("/users/me", headers=as_refresh), 401)
    _error(client.post("/auth/refresh", headers=as_access), 401)
    fresh = client.post("/auth/refresh", headers=as_refresh)
    assert fresh.status_code == 200, f"a refresh token buys a new access token, got {fresh.status_code}"
    new_access = {"Authorization": f"Bearer {fresh.get_json()['access_token']}"}
    assert client.get("/users/me", headers=new_access).status_code == 200


@pytest.mark.task(taskno=2)
def test_expired_access_token_is_refused(make_app, shop_for) -> None:
    shop = shop_for(make_app(JWT_ACCESS_TOKEN_EXPIRES=timedelta(seconds=-1)))
    headers = shop.customer(EMAIL)
    body = _error(shop.client.get("/users/me", headers=headers), 401)
    assert "expired" in body.get("message", ""), f"say that the token expired, got {body}"


@pytest.mark.task(taskno=2)
def test_customers_see_only_their_own_account_and_admins_see_all(shop, client) -> None:
    ann = shop.customer(EMAIL)
    bob = shop.customer("bob@example.com")
    bob_id = client.get("/users/me", headers=bob).get_json()["id"]
    _error(client.get(f"/users/{bob_id}", headers=ann), 404)  # 404, not 403: do not confirm it exists
    admin = shop.admin()
    assert client.get(f"/users/{bob_id}", headers=admin).get_json()["email"] == "bob@example.com"


@pytest.mark.task(taskno=2)
def test_only_admins_do_admin_work(shop, client) -> None:
    customer = shop.customer(EMAIL)
    body = _error(client.post("/categories/", json={"slug": "tea", "name": "Tea"}, headers=customer), 403)
    assert body.get("message") == "only an admin may do this", f"a 403 says why, got {body}"
    _error(client.post("/categories/", json={"slug": "tea", "name": "Tea"}), 401)


@pytest.mark.task(taskno=2)
def test_login_is_throttled_per_email_and_client(make_app, shop_for) -> None:
    shop = shop_for(make_app(LOGIN_ATTEMPTS=3, LOGIN_WINDOW_SECONDS=60))
    shop.register(EMAIL)
    shop.register("bob@example.com")
    for _ in range(3):
        _error(shop.login(EMAIL, "wrong password"), 401)
    throttled = shop.login(EMAIL)
    body = _error(throttled, 429)
    assert body.get("message"), "a 429 says why"
    retry = throttled.headers.get("Retry-After", "")
    assert retry.isdigit(), f"Retry-After gives whole seconds to wait, got {retry!r}"
    assert 1 <= int(retry) <= 60
    assert shop.login("bob@example.com").status_code == 200, "another account is not throttled"


@pytest.mark.task(taskno=2)
def test_throttle_window_slides() -> None:
    now = [0.0]
    throttle = LoginThrottle(2, 10.0, clock=lambda: now[0])
    assert throttle.hit("k") is None
    assert throttle.hit("k") is None
    assert throttle.hit("k") == pytest.approx(10.0), "the third attempt waits until the first leaves the window"
    now[0] = 4.0
    assert throttle.hit("other") is None, "keys are counted apart"
    assert throttle.hit("k") == pytest.approx(6.0)
    now[0] = 10.0
    assert throttle.hit("k") is None, "after the window the first attempt no longer counts"


@pytest.mark.task(taskno=2)
def test_throttle_wait_runs_until_the_oldest_attempt_leaves_the_window() -> None:
    now = [0.0]
    throttle = LoginThrottle(2, 10.0, clock=lambda: now[0])
    throttle.hit("k")
    now[0] = 3.0
    throttle.hit("k")
    now[0] = 5.0
    assert throttle.hit("k") == pytest.approx(5.0), (
        "attempts at 0 s and 3 s fill the window: the next is allowed at 10 s, when the OLDEST leaves it, "
        "so the wait at 5 s is 5 s (not 8 s, which counts from the newest)"
    )


@pytest.mark.task(taskno=2)
@given(st.lists(st.floats(min_value=0, max_value=5), max_size=30))
def test_throttle_never_allows_more_than_its_limit_in_a_window(gaps: list[float]) -> None:
    now = [0.0]
    throttle = LoginThrottle(3, 10.0, clock=lambda: now[0])
    allowed: list[float] = []
    for gap in gaps:
        now[0] += gap
        if throttle.hit("k") is None:
            allowed.append(now[0])
    for index, moment in enumerate(allowed):
        inside = [t for t in allowed[index:] if t < moment + 10.0]
        assert len(inside) <= 3, f"{len(inside)} attempts allowed within 10 s from {moment}: {allowed}"


@pytest.mark.task(taskno=2)
def test_throttle_forgets_keys_whose_attempts_left_the_window() -> None:
    now = [0.0]
    throttle = LoginThrottle(2, 10.0, clock=lambda: now[0])
    for number in range(1000):
        throttle.hit(f"guess{number}@example.com")
    now[0] = 5.0
    throttle.hit("guess0@example.com")
    assert len(throttle) == 1000, "every key is remembered while it has an attempt in the window"
    now[0] = 10.0
    throttle.hit("ann@example.com")
    assert len(throttle) == 2, (
        "at 10 s the attempts made at 0 s have left the window: forget those keys (keep guess0, tried at 5 s, and "
        "ann), or a flood of made-up emails grows the memory for ever"
    )
    now[0] = 15.0
    throttle.hit("ann@example.com")
    assert len(throttle) == 1, "at 15 s guess0's last attempt (5 s) has left the window too"


@pytest.mark.task(taskno=2)
def test_tokens_that_never_expire_or_name_no_user_id_are_refused(app, shop, client) -> None:
    from flask_jwt_extended import create_access_token

    shop.register(EMAIL)  # user 1
    with app.app_context():
        tokens = {
            "no exp claim": create_access_token(identity="1", expires_delta=False),
            "sub that is not a number": create_access_token(identity="ann"),
            "sub too big for an id": create_access_token(identity=str(2**63)),
            "sub that is not a whole number": create_access_token(identity="1.0"),
            "sub of a digit int() reads as 1 (Arabic-Indic one)": create_access_token(identity="\u0661"),
            "sub of a digit int() cannot read (superscript two)": create_access_token(identity="\u00b2"),
        }
    for what, token in tokens.items():
        response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (
            f"a token with a {what} must be refused with a 401 (a token without exp is good for ever if stolen; "
            f"a sub that is no user id must not reach the database: only ASCII digits make an id, and str.isdigit() "
            f"also takes other scripts' digits), got {response.status_code}"
        )
        _error(response, 401)
