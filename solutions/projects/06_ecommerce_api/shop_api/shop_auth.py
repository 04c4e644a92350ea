"""Accounts: register, log in (throttled), refresh a token, and who am I."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for
from flask.views import MethodView
from flask_jwt_extended import create_access_token, create_refresh_token
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_db import abort, db, get_or_404
from shop_api.shop_guards import protected
from shop_api.shop_identity import current_user
from shop_api.shop_models import CUSTOMER, User
from shop_api.shop_schemas import AccessTokenSchema, LoginSchema, RegisterSchema, TokensSchema, UserSchema
from shop_api.shop_security import LoginThrottle, ensure_visible, hash_password, verify_password

auth = Blueprint("auth", __name__, url_prefix="/auth", description="Sign up, log in, refresh tokens")
users = Blueprint("users", __name__, url_prefix="/users", description="User accounts")

WRONG_LOGIN = "wrong email or password"
# Verifying against a real hash when the email is unknown takes as long as a wrong password, so the
# response time does not tell an attacker which emails have accounts.
_DUMMY_PASSWORD = "not-a-real-password"


def _dummy_hash() -> str:
    """A hash to verify against when the email is unknown, made once per app."""
    extensions = current_app.extensions
    if "shop_dummy_hash" not in extensions:
        extensions["shop_dummy_hash"] = hash_password(_DUMMY_PASSWORD)
    dummy: str = extensions["shop_dummy_hash"]
    return dummy


def _expires_in(kind: str) -> int:
    return int(current_app.config[f"JWT_{kind}_TOKEN_EXPIRES"].total_seconds())


def _access_token(user: User) -> dict[str, Any]:
    token = create_access_token(identity=str(user.id), additional_claims={"role": user.role})
    return {"access_token": token, "token_type": "Bearer", "expires_in": _expires_in("ACCESS")}


@auth.route("/register")
class Register(MethodView):
    @auth.arguments(RegisterSchema)
    @auth.response(201, UserSchema)
    @auth.alt_response(409, response="CONFLICT")
    def post(self, fields: dict[str, Any]) -> tuple[User, dict[str, str]]:
        """Create a customer account

        The email is stored in lower case and must not be taken (409).
        """
        session = db()
        user = User(email=fields["email"].lower(), password_hash=hash_password(fields["password"]), role=CUSTOMER)
        session.add(user)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            abort(409, message=f"{user.email} already has an account")
        return user, {"Location": url_for("users.UserById", user_id=user.id)}


@auth.route("/login")
class Login(MethodView):
    @auth.arguments(LoginSchema)
    @auth.response(200, TokensSchema)
    @auth.alt_response(401, response="UNAUTHORIZED")
    @auth.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Log in

        Returns a short-lived access token and a long-lived refresh token. At most
        `LOGIN_ATTEMPTS` attempts per email and client in `LOGIN_WINDOW_SECONDS` (then 429).
        """
        email = fields["email"].lower()
        throttle: LoginThrottle = current_app.extensions["shop_login_throttle"]
        wait = throttle.hit(f"{request.remote_addr}|{email}")
        if wait is not None:
            abort(
                429,
                message="too many login attempts: wait before trying again",
                headers={"Retry-After": str(max(1, round(wait)))},
            )
        user = db().scalar(select(User).where(User.email == email))
        stored = user.password_hash if user else _dummy_hash()
        if not verify_password(stored, fields["password"]) or user is None:
            abort(401, message=WRONG_LOGIN, headers={"WWW-Authenticate": "Bearer"})
        refresh = create_refresh_token(identity=str(user.id))
        return {**_access_token(user), "refresh_token": refresh}


@auth.route("/refresh")
class Refresh(MethodView):
    @protected(auth, refresh=True)
    @auth.response(200, AccessTokenSchema)
    def post(self) -> dict[str, Any]:
        """Get a new access token

        Send the refresh token as the bearer token.
        """
        return _access_token(current_user())


@users.route("/me")
class Me(MethodView):
    @protected(users)
    @users.response(200, UserSchema)
    def get(self) -> User:
        """The account of the token's user"""
        return current_user()


@users.route("/<int:user_id>")
class UserById(MethodView):
    @protected(users)
    @users.response(200, UserSchema)
    @users.alt_response(404, response="NOT_FOUND")
    def get(self, user_id: int) -> User:
        """One account

        Your own, or any for an admin; another user's account is a 404, as if it did not exist.
        """
        ensure_visible(user_id, "user", user_id)
        return get_or_404(User, user_id, "user")
