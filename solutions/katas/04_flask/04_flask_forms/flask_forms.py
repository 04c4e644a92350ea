"""Forms and user input: a Flask-WTF form with validation, CSRF protection, flash messages and redirect-after-post."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm  # type: ignore[import-untyped]  # Flask-WTF ships no type hints
from werkzeug.wrappers import Response as BaseResponse
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp


class SignupForm(FlaskForm):  # type: ignore[misc]  # FlaskForm is untyped (Any)
    """The sign-up form. FlaskForm adds a hidden csrf_token field and checks it on submit."""

    name = StringField("Name", validators=[DataRequired(), Length(max=40)])
    email = StringField(
        "Email",
        validators=[
            DataRequired(),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter a valid email address."),
        ],
    )
    age = IntegerField("Age", validators=[Optional(), NumberRange(min=13, max=120)])
    accept_terms = BooleanField("I accept the terms", validators=[DataRequired("You must accept the terms.")])


def signup() -> str | tuple[str, int] | BaseResponse:
    """GET: show the form. POST: validate; store, flash and redirect (303) when valid, else show errors (400)."""
    form = SignupForm()
    if form.validate_on_submit():  # a POST with a valid CSRF token and valid fields
        name = (form.name.data or "").strip()
        current_app.extensions["signups"].append({"name": name, "email": form.email.data, "age": form.age.data})
        flash(f"Welcome, {name}!")
        # 303 See Other: the browser follows with a GET, so a reload cannot post the form twice.
        return redirect(url_for("signup"), code=303)
    page = render_template("signup.html", form=form)
    return (page, 400) if form.is_submitted() else page
