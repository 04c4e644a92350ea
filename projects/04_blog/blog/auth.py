"""Accounts: register, log in, log out, and `login_required` for the views that need a user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask import Blueprint
from flask.typing import ResponseReturnValue

bp = Blueprint("auth", __name__, url_prefix="/auth")

P = ParamSpec("P")


def login_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """Send an anonymous visitor to the login page, remembering where they were going."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        raise NotImplementedError("login_required: write me (milestone 2)")

    return wrapped


@bp.before_app_request
def load_logged_in_user() -> None:
    """Put the logged-in `User` (or None) on `g.user` before every request."""
    raise NotImplementedError("load_logged_in_user: write me (milestone 2)")


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site: a path, never `//host` or `https://host`."""
    raise NotImplementedError("_safe_next: write me (milestone 2)")


@bp.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    """Create an account, then send the new user to the login page."""
    raise NotImplementedError("register: write me (milestone 2)")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Check the password and start a fresh session for the user."""
    raise NotImplementedError("login: write me (milestone 2)")


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Forget the user. POST only, so a link or an image on another site cannot log you out."""
    raise NotImplementedError("logout: write me (milestone 2)")
