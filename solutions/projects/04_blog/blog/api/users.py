"""API users and profiles: register, log in, read and update yourself, view, follow and unfollow others."""

from __future__ import annotations

import re
from typing import Any

from flask import g, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from blog.api.core import (
    InvalidRequestError,
    body_of,
    bp,
    create_token,
    fail,
    nullable_text,
    text_field,
    token_optional,
    token_required,
)
from blog.content import retry_on_conflict
from blog.extensions import db
from blog.models import User
from blog.security import hash_password, verify_password

USERNAME = re.compile(r"[A-Za-z0-9_-]{3,40}")
EMAIL = re.compile(r"[^@\x00-\x20]+@[^@\x00-\x20]+\.[^@\x00-\x20]+")  # no spaces or control characters
MIN_PASSWORD = 8
MAX_IMAGE = 500  # the width of users.image


def user_json(user: User) -> dict[str, Any]:
    """The `user` object: who you are, with a fresh token."""
    return {
        "email": user.email,
        "token": create_token(user),
        "username": user.username,
        "bio": user.bio,
        "image": user.image,
    }


def profile_json(user: User, viewer: User | None) -> dict[str, Any]:
    """The `profile` object of `user` as `viewer` sees it (`following` is False for anonymous viewers)."""
    following = viewer is not None and viewer in user.followers
    return {"username": user.username, "bio": user.bio, "image": user.image, "following": following}


def _check_username(username: str, user: User | None = None) -> str:
    if not USERNAME.fullmatch(username):
        raise InvalidRequestError("username must be 3 to 40 letters, digits, '_' or '-'")
    clash = db.session.scalar(select(User).where(User.username == username))
    if clash is not None and clash is not user:
        raise InvalidRequestError("username has already been taken")
    return username


def _check_email(email: str, user: User | None = None) -> str:
    if not EMAIL.fullmatch(email) or len(email) > 254:
        raise InvalidRequestError("email is invalid")
    email = email.lower()
    clash = db.session.scalar(select(User).where(User.email == email))
    if clash is not None and clash is not user:
        raise InvalidRequestError("email has already been taken")
    return email


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidRequestError(f"password is too short (minimum is {MIN_PASSWORD} characters)")
    return password


@bp.post("/users")
@retry_on_conflict
def register() -> ResponseReturnValue:
    """Create an account: 201 and the user with a token; 422 for a blank, invalid or taken field."""
    data = body_of("user")
    username = _check_username(text_field(data, "username", required=True) or "")
    email = _check_email(text_field(data, "email", required=True) or "")
    password = _check_password(text_field(data, "password", required=True) or "")
    user = User(username=username, email=email, password_hash=hash_password(password))
    db.session.add(user)
    db.session.commit()
    return jsonify(user=user_json(user)), 201


@bp.post("/users/login")
def login() -> ResponseReturnValue:
    """Trade email and password for the user and a token; 401 when they do not match."""
    data = body_of("user")
    email = (text_field(data, "email", required=True) or "").lower()
    password = text_field(data, "password", required=True) or ""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not verify_password(user.password_hash, password):
        fail(401, "email or password is invalid")
    return jsonify(user=user_json(user))


@bp.get("/user")
@token_required
def current_user() -> ResponseReturnValue:
    """The logged-in user."""
    return jsonify(user=user_json(g.api_user))


@bp.put("/user")
@token_required
@retry_on_conflict
def update_user() -> ResponseReturnValue:
    """Change any of email, username, password, bio and image (null clears the image)."""
    user: User = g.api_user
    data = body_of("user")
    known = {"email", "username", "password", "bio", "image"} & data.keys()
    if not known:
        raise InvalidRequestError("send at least one of email, username, password, bio, image")
    if (username := text_field(data, "username", required=False)) is not None:
        user.username = _check_username(username, user)
    if (email := text_field(data, "email", required=False)) is not None:
        user.email = _check_email(email, user)
    if (password := text_field(data, "password", required=False)) is not None:
        user.password_hash = hash_password(_check_password(password))
    if "bio" in data:
        user.bio = nullable_text(data, "bio") or ""
    if "image" in data:
        user.image = nullable_text(data, "image", max_length=MAX_IMAGE) or None
    db.session.commit()
    return jsonify(user=user_json(user))


def _user_named(username: str) -> User:
    user: User | None = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        fail(404, f"profile {username} not found")
    return user


@bp.get("/profiles/<username>")
@token_optional
def profile(username: str) -> ResponseReturnValue:
    """Someone's profile; `following` says whether you follow them."""
    return jsonify(profile=profile_json(_user_named(username), g.api_user))


@bp.post("/profiles/<username>/follow")
@token_required
@retry_on_conflict
def follow(username: str) -> ResponseReturnValue:
    """Follow someone (again is fine); not yourself (422)."""
    user = _user_named(username)
    if user is g.api_user:
        raise InvalidRequestError("you cannot follow yourself")
    if g.api_user not in user.followers:
        user.followers.append(g.api_user)
        db.session.commit()
    return jsonify(profile=profile_json(user, g.api_user))


@bp.delete("/profiles/<username>/follow")
@token_required
def unfollow(username: str) -> ResponseReturnValue:
    """Stop following someone (not following already is fine)."""
    user = _user_named(username)
    if g.api_user in user.followers:
        user.followers.remove(g.api_user)
        db.session.commit()
    return jsonify(profile=profile_json(user, g.api_user))
