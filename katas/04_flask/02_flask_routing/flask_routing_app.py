"""Given, not to edit: the app factory, wired to your converter, views and error handler in flask_routing.py."""

from typing import Any

from flask import Flask
from flask_routing import IsoDateConverter, Order, api, handle_http_error
from werkzeug.exceptions import HTTPException


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app: a few orders in memory, the isodate converter, the api blueprint and the error handler."""
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})
    orders: dict[int, Order] = {
        1: {"id": 1, "item": "kettle", "day": "2024-05-01"},
        2: {"id": 2, "item": "teapot", "day": "2024-05-02"},
        3: {"id": 3, "item": "mug", "day": "2024-05-01"},
    }
    app.extensions["orders"] = orders
    app.url_map.converters["isodate"] = IsoDateConverter  # before the blueprint's rules use it
    app.register_blueprint(api)
    app.register_error_handler(HTTPException, handle_http_error)

    @app.get("/")
    def home() -> str:
        return "<h1>Orders</h1><p>The API lives under <code>/api/orders</code>.</p>"

    return app
