"""One shape for every error: `{"code": 404, "status": "Not Found", "message": "..."}` (and `errors` for 422)."""

# flask-smorest ships no type information.
# mypy: allow-untyped-calls

from __future__ import annotations

from flask import Flask, Response, jsonify
from flask_smorest import Api  # type: ignore[import-untyped]
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES


def error_response(code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """Milestone 1: an error in the API's one JSON shape, for code that cannot `abort` (callbacks of extensions)."""
    response = jsonify(code=code, status=HTTP_STATUS_CODES.get(code, "Error"), message=message)
    response.status_code = code
    response.headers.update(headers or {})
    return response


def register_error_handlers(app: Flask, api: Api) -> None:
    """Milestone 1: answer every HTTP error with flask-smorest's JSON body and keep the error's own headers.

    flask-smorest's handler drops the headers werkzeug puts on an error, so a 405 loses its `Allow`
    (which RFC 9110 requires) unless this handler copies them back.
    """

    def handle_http_exception(error: HTTPException) -> Response:
        response = app.make_response(api.handle_http_exception(error))
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    app.register_error_handler(HTTPException, handle_http_exception)
