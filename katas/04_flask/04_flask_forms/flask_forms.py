"""Forms and user input: a Flask-WTF form with validation, CSRF protection, flash messages and redirect-after-post."""

from flask_wtf import FlaskForm  # type: ignore[import-untyped]  # Flask-WTF ships no type hints
from werkzeug.wrappers import Response as BaseResponse
from wtforms import BooleanField, IntegerField, StringField


class SignupForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """The sign-up form. FlaskForm adds a hidden csrf_token field and checks it on submit."""

    name = StringField("Name")  # TODO task 1: required, at most 40 characters
    email = StringField("Email")  # TODO task 1: required, must look like an email address
    age = IntegerField("Age")  # TODO task 1: may be left empty; if given, 13 to 120
    accept_terms = BooleanField("I accept the terms")  # TODO task 1: must be ticked


def signup() -> str | tuple[str, int] | BaseResponse:
    """GET: show the form. POST: validate; store, flash and redirect (303) when valid, else show errors (400)."""
    raise NotImplementedError("signup: write me (task 2 and 3)")
