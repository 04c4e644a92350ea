"""The HTML forms, with Flask-WTF: validation rules and a CSRF token in every one.

The fields are declared; add the validators the README's milestones 2 and 3 ask for
(`DataRequired`, `Length`, `Regexp`, `EqualTo`, `Optional` from `wtforms.validators`), with the
exact messages the README gives.
"""

from __future__ import annotations

from flask_wtf import FlaskForm  # type: ignore[import-untyped]  # Flask-WTF ships no type hints
from wtforms import PasswordField, StringField, TextAreaField


class RegisterForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Sign up: a unique username and email, and a password typed twice."""

    username = StringField("Username", validators=[])  # TODO: required, 3-40 characters, [A-Za-z0-9_-]
    email = StringField("Email", validators=[])  # TODO: required, looks like an email
    password = PasswordField("Password", validators=[])  # TODO: required, at least 8 characters
    confirm = PasswordField("Repeat password", validators=[])  # TODO: required, equal to password


class LoginForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Log in with a username and password."""

    username = StringField("Username", validators=[])  # TODO: required
    password = PasswordField("Password", validators=[])  # TODO: required


class PostForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Write or edit a post: the body is Markdown, tags are comma-separated."""

    title = StringField("Title", validators=[])  # TODO: required, at most 200 characters
    description = StringField("Summary", validators=[])  # TODO: optional, at most 300 characters
    body = TextAreaField("Body (Markdown)", validators=[])  # TODO: required
    tags = StringField("Tags, comma-separated", validators=[])  # TODO: optional, at most 500 characters


class CommentForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Comment on a post."""

    body = TextAreaField("Comment", validators=[])  # TODO: required, at most 2000 characters
