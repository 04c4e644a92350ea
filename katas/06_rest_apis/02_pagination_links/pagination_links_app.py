"""Given, not to edit: the app, serving GET /events with your functions in pagination_links.py."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, abort, jsonify, request
from pagination_links import link_header, page_links, parse_page_params


def create_app(events: list[dict[str, Any]]) -> Flask:
    """An app serving `events` at GET /events, filtered by `?kind=` and paginated."""
    app = Flask(__name__)

    @app.get("/events")
    def list_events() -> Response:
        try:
            page, per_page = parse_page_params(request.args)
        except ValueError as error:
            abort(400, str(error))
        kind = request.args.get("kind")
        matching = [event for event in events if kind is None or event["kind"] == kind]
        start = (page - 1) * per_page
        response = jsonify(items=matching[start : start + per_page], page=page, per_page=per_page, total=len(matching))
        response.headers["Link"] = link_header(page_links(request.path, request.args, page, per_page, len(matching)))
        return response

    return app
