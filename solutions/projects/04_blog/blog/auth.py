"""Accounts: register, log in, log out, and `login_required` for the views that need a user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from blog.content import retry_on_conflict
from blog.extensions import db
from blog.forms import LoginForm, RegisterForm
from blog.models import User
from blog.security import hash_password, verify_password

bp = Blueprint("auth", __name__, url_prefix="/auth")

P = ParamSpec("P")


def login_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """Send an anonymous visitor to the login page, remembering where they were going."""

    @functools.wraps(view)
    def wrapped_view(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        if g.user is None:
            flash("Please log in first.", "warning")
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped_view


@bp.before_app_request
def load_logged_in_user() -> None:
    """Put the logged-in `User` (or None) on `g.user` before every request."""
    user_id = session.get("user_id")
    g.user = db.session.get(User, user_id) if isinstance(user_id, int) else None


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site: a path, never `//host`, `https:host` or `/\\host`.

    Browsers drop tabs and newlines from a URL and read `\\` as `/`, so `/<tab>/evil.example` is
    `//evil.example` to them: a target with a control character or a backslash is refused too.
    """
    if (
        target
        and target.isprintable()
        and "\\" not in target
        and target.startswith("/")
        and not target.startswith("//")
    ):
        return target
    return url_for("index")


@bp.route("/register", methods=["GET", "POST"])
@retry_on_conflict
def register() -> ResponseReturnValue:
    """Create an account, then send the new user to the login page."""
    form = RegisterForm()
    if form.validate_on_submit():
        username, email = form.username.data or "", (form.email.data or "").strip().lower()
        if db.session.scalar(select(User.id).where(User.username == username)) is not None:
            form.username.errors.append(f"The username {username} is taken.")  # type: ignore[attr-defined]
        elif db.session.scalar(select(User.id).where(User.email == email)) is not None:
            form.email.errors.append("That email is already registered.")  # type: ignore[attr-defined]
        else:
            db.session.add(User(username=username, email=email, password_hash=hash_password(form.password.data or "")))
            db.session.commit()
            flash("Account created. Please log in.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Check the password and start a fresh session for the user."""
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.username == form.username.data))
        if user is not None and verify_password(user.password_hash, form.password.data or ""):
            session.clear()  # a new session on every login: no fixation
            session["user_id"] = user.id
            flash(f"Welcome back, {user.username}!", "success")
            return redirect(_safe_next(request.args.get("next")))
        flash("Incorrect username or password.", "error")  # never say which of the two was wrong
        return render_template("auth/login.html", form=form), 422
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Forget the user. POST only, so a link or an image on another site cannot log you out."""
    session.clear()
    flash("You have been logged out.", "info")
    return redirect(url_for("index"))
