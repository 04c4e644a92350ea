"""The API's blueprint and plumbing: JWT tokens, `Authorization: Token <jwt>`, request bodies and error bodies."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, ParamSpec

import jwt
from flask import Blueprint
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from blog.models import User

bp = Blueprint("api", __name__, url_prefix="/api")
P = ParamSpec("P")
ALGORITHM = "HS256"
CLAIMS: jwt.types.Options = {"require": ["exp", "sub"]}  # a token without an expiry or a subject is refused
NO_TOKEN = "authorization required: send 'Authorization: Token <jwt>'"
WRONG_SCHEME = "use the header 'Authorization: Token <jwt>'"
BAD_TOKEN = "invalid or expired token"
TOO_DEEP = "the JSON body is nested too deeply"
BLANK = " \t\n\r\f\v"  # the ASCII whitespace: a value of only these is blank (as the OpenAPI patterns say)
OPENAPI = Path(__file__).with_name("openapi.yml")  # given: the contract milestone 7 holds the API to


class InvalidRequestError(Exception):
    """A request the API understood but cannot accept: answered 422 with its messages."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def errors(status: int, *messages: str) -> ResponseReturnValue:
    """A RealWorld error response: `{"errors": {"body": [messages...]}}` with `status`."""
    raise NotImplementedError("errors: write me (milestone 5)")


@bp.errorhandler(InvalidRequestError)
def _validation_failed(error: InvalidRequestError) -> ResponseReturnValue:
    raise NotImplementedError("_validation_failed: write me (milestone 5)")


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> ResponseReturnValue:
    raise NotImplementedError("_http_error: write me (milestone 5)")


def create_token(user: User) -> str:
    """A signed JWT naming `user` (`sub`), issued now (`iat`), expiring after API_TOKEN_HOURS (`exp`)."""
    raise NotImplementedError("create_token: write me (milestone 5)")


def _user_from_header() -> User | None:
    """The user the `Authorization: Token <jwt>` header names; None without the header; 401 when it is bad."""
    raise NotImplementedError("_user_from_header: write me (milestone 5)")


def token_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """401 without a valid token; otherwise the user is `g.api_user`."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        raise NotImplementedError("token_required: write me (milestone 5)")

    return wrapped


def token_optional(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """`g.api_user` is the user when a valid token came, else None; a bad token is still a 401."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        raise NotImplementedError("token_optional: write me (milestone 5)")

    return wrapped


@bp.get("/openapi.yml")
def openapi() -> ResponseReturnValue:
    """This API's OpenAPI document (`OPENAPI`), as `application/yaml`."""
    raise NotImplementedError("openapi: write me (milestone 7)")


def body_of(key: str) -> dict[str, Any]:
    """The object under `key` in the JSON body (`{"user": {...}}`), or 422; 400 for JSON nested too deeply."""
    raise NotImplementedError("body_of: write me (milestone 5)")


def text_field(data: dict[str, Any], name: str, *, required: bool, max_length: int | None = None) -> str | None:
    """`data[name]`, a string with more than whitespace in it; None when absent and not required; else 422."""
    raise NotImplementedError("text_field: write me (milestone 5)")


def nullable_text(data: dict[str, Any], name: str, *, max_length: int | None = None) -> str | None:
    """`data[name]` as a string (blank is fine) or None for null; 422 for anything else."""
    raise NotImplementedError("nullable_text: write me (milestone 6)")


def checked_text(name: str, value: str, max_length: int | None = None) -> str:
    """`value`, unless it holds a NUL or a lone surrogate (no database stores them) or is over `max_length`: 422."""
    raise NotImplementedError("checked_text: write me (milestone 6)")


def query_int(name: str, default: int, *, low: int, high: int) -> int:
    """An integer query parameter in [low, high], or 422."""
    raise NotImplementedError("query_int: write me (milestone 5)")


def timestamp(value: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a `Z` (SQLite hands back naive datetimes: they are UTC)."""
    raise NotImplementedError("timestamp: write me (milestone 5)")


def fail(status: int, message: str) -> NoReturn:
    """Stop with `status` and one error message."""
    raise NotImplementedError("fail: write me (milestone 5)")
