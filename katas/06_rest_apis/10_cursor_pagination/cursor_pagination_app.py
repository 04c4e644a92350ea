"""Given, not to edit: the app, serving both versions of GET /articles with your functions in cursor_pagination.py."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlencode

from cursor_pagination import V1_PER_PAGE, decode_cursor, deprecation_headers, encode_cursor, fetch_page, parse_limit
from flask import Flask, Response, jsonify, request


def create_app(conn: sqlite3.Connection) -> Flask:
    """Both versions of GET /articles over `conn`."""
    app = Flask(__name__)

    @app.get("/v1/articles")
    def list_articles_v1() -> Response:
        """The old version: offset pages of V1_PER_PAGE, {"articles": [...], "page": n, "total": n}."""
        page = max(1, request.args.get("page", 1, type=int))
        rows = conn.execute(
            "SELECT id, title, published_at FROM articles ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?",
            (V1_PER_PAGE, (page - 1) * V1_PER_PAGE),
        ).fetchall()
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        articles = [{"id": row[0], "title": row[1], "published_at": row[2]} for row in rows]
        response = jsonify(articles=articles, page=page, total=total)
        response.headers.update(deprecation_headers())
        return response

    @app.get("/v2/articles")
    def list_articles_v2() -> Response | tuple[Response, int]:
        """The new version: keyset pages, {"data": [...], "next": url or null}."""
        try:
            limit = parse_limit(request.args)
            cursor = request.args.get("cursor")
            after = None if cursor is None else decode_cursor(cursor)
        except ValueError as error:  # InvalidCursorError is a ValueError too
            return jsonify(error=str(error)), 400
        articles, last = fetch_page(conn, after, limit)
        next_url = (
            None if last is None else f"/v2/articles?{urlencode({'limit': limit, 'cursor': encode_cursor(last)})}"
        )
        response = jsonify(data=articles, next=next_url)
        if next_url is not None:
            response.headers["Link"] = f'<{next_url}>; rel="next"'
        return response

    return app
