"""The API's blueprint and plumbing: JWT tokens, `Authorization: Token <jwt>`, request bodies and error bodies."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn, ParamSpec

import jwt
from flask import Blueprint, abort, current_app, g, jsonify, make_response, request, send_file
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from blog.extensions import db
from blog.models import MAX_ID, User

bp = Blueprint("api", __name__, url_prefix="/api")
P = ParamSpec("P")
ALGORITHM = "HS256"
CLAIMS: jwt.types.Options = {"require": ["exp", "sub"]}  # a token without an expiry or a subject is refused
NO_TOKEN = "authorization required: send 'Authorization: Token <jwt>'"
WRONG_SCHEME = "use the header 'Authorization: Token <jwt>'"
BAD_TOKEN = "invalid or expired token"
TOO_DEEP = "the JSON body is nested too deeply"
BLANK = " \t\n\r\f\v"  # the ASCII whitespace: a value of only these is blank (as the OpenAPI patterns say)
OPENAPI = Path(__file__).with_name("openapi.yml")


class InvalidRequestError(Exception):
    """A request the API understood but cannot accept: answered 422 with its messages."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def errors(status: int, *messages: str) -> ResponseReturnValue:
    """A RealWorld error response: `{"errors": {"body": [messages...]}}` with `status`."""
    return jsonify(errors={"body": list(messages)}), status


@bp.errorhandler(InvalidRequestError)
def _validation_failed(error: InvalidRequestError) -> ResponseReturnValue:
    return errors(422, *error.messages)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> ResponseReturnValue:
    response = make_response(errors(error.code or 500, error.description or error.name))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)  # a 405 names the methods the URL takes
    if error.code == 401:
        response.headers["WWW-Authenticate"] = "Token"
    return response


@bp.app_errorhandler(NotFound)
@bp.app_errorhandler(MethodNotAllowed)
def _unrouted(error: HTTPException) -> ResponseReturnValue:
    """A URL under /api that matches no route, or not with this method: the API's error shape there too."""
    if request.path.startswith(f"{bp.url_prefix}/"):
        return _http_error(error)
    return error


def create_token(user: User) -> str:
    """A signed JWT naming `user` (`sub`), issued now (`iat`), expiring after API_TOKEN_HOURS (`exp`)."""
    issued = int(time.time())
    claims = {"sub": str(user.id), "iat": issued, "exp": issued + current_app.config["API_TOKEN_HOURS"] * 3600}
    key = current_app.config["SECRET_KEY"]
    return jwt.encode(claims, key, algorithm=ALGORITHM)  # pragma: no mutate (HS256 is also the default)


def _user_from_header() -> User | None:
    """The user the `Authorization: Token <jwt>` header names; None without the header; 401 when it is bad."""
    credentials = request.authorization  # werkzeug parses "Token <jwt>" into type "token" and the token
    if credentials is None:
        return None
    if credentials.type != "token" or not credentials.token:
        abort(401, WRONG_SCHEME)
    try:
        claims = jwt.decode(credentials.token, current_app.config["SECRET_KEY"], algorithms=[ALGORITHM], options=CLAIMS)
        user_id = int(claims["sub"])
    except (jwt.InvalidTokenError, ValueError):
        abort(401, BAD_TOKEN)
    user = db.session.get(User, user_id) if 0 < user_id <= MAX_ID else None
    if user is None:
        abort(401, BAD_TOKEN)  # the user was deleted after the token was issued
    return user


def token_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """401 without a valid token; otherwise the user is `g.api_user`."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        g.api_user = _user_from_header()
        if g.api_user is None:
            abort(401, NO_TOKEN)
        return view(*args, **kwargs)

    return wrapped


def token_optional(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """`g.api_user` is the user when a valid token came, else None; a bad token is still a 401."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        g.api_user = _user_from_header()
        return view(*args, **kwargs)

    return wrapped


@bp.get("/openapi.yml")
def openapi() -> ResponseReturnValue:
    """This API's OpenAPI document: the RealWorld contract for the endpoints the blog implements."""
    return send_file(OPENAPI, mimetype="application/yaml")


def body_of(key: str) -> dict[str, Any]:
    """The object under `key` in the JSON body (`{"user": {...}}`), or 422; 400 for JSON nested too deeply."""
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # Python's JSON parser recurses once per level: 100,000 `[` would crash the request
        abort(400, TOO_DEEP)
    inner = payload.get(key) if isinstance(payload, dict) else None
    if not isinstance(inner, dict):
        raise InvalidRequestError(f"{key} must be a JSON object")
    return inner


def text_field(data: dict[str, Any], name: str, *, required: bool, max_length: int | None = None) -> str | None:
    """`data[name]`, a string with more than whitespace in it; None when absent and not required; else 422."""
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip(BLANK):
        raise InvalidRequestError(f"{name} can't be blank")
    return checked_text(name, value, max_length)


def nullable_text(data: dict[str, Any], name: str, *, max_length: int | None = None) -> str | None:
    """`data[name]` as a string (blank is fine) or None for null; 422 for anything else."""
    value = data[name]
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidRequestError(f"{name} must be a string")
    return checked_text(name, value, max_length)


def checked_text(name: str, value: str, max_length: int | None = None) -> str:
    """`value`, unless it holds a NUL or a lone surrogate (no database stores them) or is over `max_length`: 422."""
    if "\x00" in value:
        raise InvalidRequestError(f"{name} must not contain NUL characters")
    try:
        value.encode()
    except UnicodeEncodeError:  # JSON can spell half a surrogate pair ("\ud800"), which no database can store
        raise InvalidRequestError(f"{name} must not contain lone surrogates") from None
    if max_length is not None and len(value) > max_length:
        raise InvalidRequestError(f"{name} is too long (maximum is {max_length} characters)")
    return value


def query_int(name: str, default: int, *, low: int, high: int) -> int:
    """An integer query parameter in [low, high], or 422."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidRequestError(f"{name} must be an integer") from None
    if not low <= value <= high:
        raise InvalidRequestError(f"{name} must be between {low} and {high}")
    return value


def timestamp(value: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a `Z` (SQLite hands back naive datetimes: they are UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def fail(status: int, message: str) -> NoReturn:
    """Stop with `status` and one error message."""
    abort(status, message)
