"""One shape for every error: `{"code": 404, "status": "Not Found", "message": "..."}` (and `errors` for 422)."""

# flask-smorest ships no type information.
# mypy: allow-untyped-calls

from __future__ import annotations

from flask import Flask, Response
from flask_smorest import Api  # type: ignore[import-untyped]


def error_response(code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """Milestone 1: an error in the API's one JSON shape, for code that cannot `abort` (callbacks of extensions)."""
    raise NotImplementedError("error_response: write me (milestone 1)")


def register_error_handlers(app: Flask, api: Api) -> None:
    """Milestone 1: answer every HTTP error with flask-smorest's JSON body and keep the error's own headers.

    flask-smorest's handler drops the headers werkzeug puts on an error, so a 405 loses its `Allow`
    (which RFC 9110 requires) unless this handler copies them back.
    """
    raise NotImplementedError("register_error_handlers: write me (milestone 1)")
