"""The HTML forms, with Flask-WTF: validation rules and a CSRF token in every one."""

from __future__ import annotations

from flask_wtf import FlaskForm  # type: ignore[import-untyped]  # Flask-WTF ships no type hints
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

USERNAME_RULE = Regexp(r"^[A-Za-z0-9_-]+$", message="Use letters, digits, '_' and '-' only.")
EMAIL_RULE = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter a valid email address.")


class RegisterForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Sign up: a unique username and email, and a password typed twice."""

    username = StringField(
        "Username", validators=[DataRequired(), Length(min=3, max=40, message="Use 3 to 40 characters."), USERNAME_RULE]
    )
    email = StringField("Email", validators=[DataRequired(), Length(max=254), EMAIL_RULE])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(min=8, message="Use at least 8 characters.")]
    )
    confirm = PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", "Passwords must match.")]
    )


class LoginForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Log in with a username and password."""

    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


class PostForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Write or edit a post: the body is Markdown, tags are comma-separated."""

    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    description = StringField("Summary", validators=[Optional(), Length(max=300)])
    body = TextAreaField("Body (Markdown)", validators=[DataRequired()])
    tags = StringField("Tags, comma-separated", validators=[Optional(), Length(max=500)])


class CommentForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """Comment on a post."""

    body = TextAreaField("Comment", validators=[DataRequired(), Length(max=2000)])
