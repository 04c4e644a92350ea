"""Accounts: register, log in (throttled), refresh a token, and who am I."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_guards import protected
from shop_api.shop_models import User
from shop_api.shop_schemas import AccessTokenSchema, LoginSchema, RegisterSchema, TokensSchema, UserSchema

auth = Blueprint("auth", __name__, url_prefix="/auth", description="Sign up, log in, refresh tokens")
users = Blueprint("users", __name__, url_prefix="/users", description="User accounts")

WRONG_LOGIN = "wrong email or password"
# Verifying against a real hash when the email is unknown takes as long as a wrong password, so the
# response time does not tell an attacker which emails have accounts.
_DUMMY_PASSWORD = "not-a-real-password"


@auth.route("/register")
class Register(MethodView):
    @auth.arguments(RegisterSchema)
    @auth.response(201, UserSchema)
    @auth.alt_response(409, response="CONFLICT")
    def post(self, fields: dict[str, Any]) -> tuple[User, dict[str, str]]:
        """Create a customer account

        The email is stored in lower case and must not be taken (409).
        """
        raise NotImplementedError("Register.post: write me (milestone 2)")


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
        raise NotImplementedError("Login.post: write me (milestone 2)")


@auth.route("/refresh")
class Refresh(MethodView):
    @protected(auth, refresh=True)
    @auth.response(200, AccessTokenSchema)
    def post(self) -> dict[str, Any]:
        """Get a new access token

        Send the refresh token as the bearer token.
        """
        raise NotImplementedError("Refresh.post: write me (milestone 2)")


@users.route("/me")
class Me(MethodView):
    @protected(users)
    @users.response(200, UserSchema)
    def get(self) -> User:
        """The account of the token's user"""
        raise NotImplementedError("Me.get: write me (milestone 2)")


@users.route("/<int:user_id>")
class UserById(MethodView):
    @protected(users)
    @users.response(200, UserSchema)
    @users.alt_response(404, response="NOT_FOUND")
    def get(self, user_id: int) -> User:
        """One account

        Your own, or any for an admin; another user's account is a 404, as if it did not exist.
        """
        raise NotImplementedError("UserById.get: write me (milestone 2)")
