"""API users and profiles: register, log in, read and update yourself, view, follow and unfollow others."""

from __future__ import annotations

import re
from typing import Any

from flask.typing import ResponseReturnValue

from blog.api.core import (
    bp,
    token_optional,
    token_required,
)
from blog.models import User

USERNAME = re.compile(r"[A-Za-z0-9_-]{3,40}")  # use with fullmatch: `$` would let "abc\n" through
EMAIL = re.compile(r"[^@\x00-\x20]+@[^@\x00-\x20]+\.[^@\x00-\x20]+")  # no spaces or control characters
MIN_PASSWORD = 8
MAX_IMAGE = 500  # the width of users.image


def user_json(user: User) -> dict[str, Any]:
    """The `user` object: who you are, with a fresh token."""
    raise NotImplementedError("user_json: write me (milestone 5)")


def profile_json(user: User, viewer: User | None) -> dict[str, Any]:
    """The `profile` object of `user` as `viewer` sees it (`following` is False for anonymous viewers)."""
    raise NotImplementedError("profile_json: write me (milestone 5)")


def _check_username(username: str, user: User | None = None) -> str:
    raise NotImplementedError("_check_username: write me (milestone 5)")


def _check_email(email: str, user: User | None = None) -> str:
    raise NotImplementedError("_check_email: write me (milestone 5)")


def _check_password(password: str) -> str:
    raise NotImplementedError("_check_password: write me (milestone 5)")


@bp.post("/users")
def register() -> ResponseReturnValue:
    """Create an account: 201 and the user with a token; 422 for a blank, invalid or taken field."""
    raise NotImplementedError("register: write me (milestone 5)")


@bp.post("/users/login")
def login() -> ResponseReturnValue:
    """Trade email and password for the user and a token; 401 when they do not match."""
    raise NotImplementedError("login: write me (milestone 5)")


@bp.get("/user")
@token_required
def current_user() -> ResponseReturnValue:
    """The logged-in user."""
    raise NotImplementedError("current_user: write me (milestone 5)")


@bp.put("/user")
@token_required
def update_user() -> ResponseReturnValue:
    """Change any of email, username, password, bio and image (null clears the image)."""
    raise NotImplementedError("update_user: write me (milestone 5)")


def _user_named(username: str) -> User:
    raise NotImplementedError("_user_named: write me (milestone 5)")


@bp.get("/profiles/<username>")
@token_optional
def profile(username: str) -> ResponseReturnValue:
    """Someone's profile; `following` says whether you follow them."""
    raise NotImplementedError("profile: write me (milestone 5)")


@bp.post("/profiles/<username>/follow")
@token_required
def follow(username: str) -> ResponseReturnValue:
    """Follow someone (again is fine); not yourself (422)."""
    raise NotImplementedError("follow: write me (milestone 5)")


@bp.delete("/profiles/<username>/follow")
@token_required
def unfollow(username: str) -> ResponseReturnValue:
    """Stop following someone (not following already is fine)."""
    raise NotImplementedError("unfollow: write me (milestone 5)")
