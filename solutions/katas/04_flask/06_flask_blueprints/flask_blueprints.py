"""Blueprints and the request lifecycle: a pages and an API blueprint, request hooks, g, teardown."""

import re
import uuid
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from werkzeug.wrappers import Response as BaseResponse

pages = Blueprint("pages", __name__)
api = Blueprint("api", __name__)

_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


@pages.get("/")
def index() -> str:
    return "Welcome"


@api.get("/whoami")
def whoami() -> dict[str, Any]:
    """{"user": <the API key's user>, "request_id": <this request's id>}"""
    return {"user": g.user, "request_id": g.request_id}


@api.get("/boom")
def boom() -> str:
    """A view that fails, to show that teardown still runs."""
    raise RuntimeError("boom")


def assign_request_id() -> None:
    """Set g.request_id: the X-Request-ID header if it is 1-64 letters, digits or '-', else a new uuid4 hex."""
    incoming = request.headers.get("X-Request-ID", "")
    # An id from outside ends up in logs and headers: accept only a short, plain token.
    g.request_id = incoming if _SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def add_request_id_header(response: Response) -> Response:
    """Copy g.request_id into the response's X-Request-ID header."""
    response.headers["X-Request-ID"] = g.request_id
    return response


@api.before_request
def require_api_key() -> BaseResponse | None:
    """Set g.user from the X-API-Key header (app.config["API_KEYS"] maps key -> user), else answer 401 JSON."""
    user = current_app.config["API_KEYS"].get(request.headers.get("X-API-Key", ""))
    if user is None:
        response = jsonify(error="missing or unknown API key")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = "ApiKey"
        return response  # a before_request that returns a response skips the view
    g.user = user
    return None


def audit(error: BaseException | None) -> None:
    """Append (request id, path, the error's class name or None) to app.extensions["audit"]."""
    name = type(error).__name__ if error is not None else None
    current_app.extensions["audit"].append((g.get("request_id"), request.path, name))


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app: API_KEYS from config, an empty audit log, the two blueprints (task 1) and the hooks (task 2, 3)."""
    app = Flask(__name__)
    app.config.from_mapping(API_KEYS={})
    app.config.from_mapping(test_config or {})
    app.extensions["audit"] = []
    app.register_blueprint(pages)
    app.register_blueprint(api, url_prefix="/api/v1")
    app.before_request(assign_request_id)  # app-wide hooks, registered per app
    app.after_request(add_request_id_header)
    app.teardown_request(audit)
    return app
