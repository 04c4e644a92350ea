"""Blueprints and the request lifecycle: a pages and an API blueprint, request hooks, g, teardown."""

from typing import Any

from flask import Blueprint, Flask, Response
from werkzeug.wrappers import Response as BaseResponse

pages = Blueprint("pages", __name__)
api = Blueprint("api", __name__)


@pages.get("/")
def index() -> str:
    return "Welcome"


@api.get("/whoami")
def whoami() -> dict[str, Any]:
    """{"user": <the API key's user>, "request_id": <this request's id>}"""
    raise NotImplementedError("whoami: write me (task 3)")


@api.get("/boom")
def boom() -> str:
    """A view that fails, to show that teardown still runs."""
    raise RuntimeError("boom")


# TODO task 2: run before every request of the app
def assign_request_id() -> None:
    """Set g.request_id: the X-Request-ID header if it is 1-64 letters, digits or '-', else a new uuid4 hex."""
    raise NotImplementedError("assign_request_id: write me (task 2)")


# TODO task 2: run after every request of the app
def add_request_id_header(response: Response) -> Response:
    """Copy g.request_id into the response's X-Request-ID header."""
    raise NotImplementedError("add_request_id_header: write me (task 2)")


# TODO task 3: run before every request of the api blueprint only
def require_api_key() -> BaseResponse | None:
    """Set g.user from the X-API-Key header (app.config["API_KEYS"] maps key -> user), else answer 401 JSON."""
    raise NotImplementedError("require_api_key: write me (task 3)")


# TODO task 3: run when every request of the app ends, even one that failed
def audit(error: BaseException | None) -> None:
    """Append (request id, path, the error's class name or None) to app.extensions["audit"]."""
    raise NotImplementedError("audit: write me (task 3)")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app: API_KEYS from config, an empty audit log, the two blueprints (task 1) and the hooks (task 2, 3)."""
    app = Flask(__name__)
    app.config.from_mapping(API_KEYS={})
    app.config.from_mapping(test_config or {})
    app.extensions["audit"] = []
    # TODO task 1: register `pages` at the root and `api` under /api/v1
    return app
