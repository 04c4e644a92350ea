"""Given, not to edit: the API and its link preview, wired to your functions in cors_and_ssrf.py."""

from __future__ import annotations

import socket
from collections.abc import Collection

import httpx
from cors_and_ssrf import BlockedURLError, Resolver, cors_headers, fetch_preview, preflight_headers
from flask import Flask, Response, request


def resolve_host(host: str) -> list[str]:
    """Every address the system resolver gives for host (the production resolver)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})


def create_app(allowed_origins: Collection[str], client: httpx.Client, resolve: Resolver = resolve_host) -> Flask:
    """A JSON API with CORS for allowed_origins and a link preview that fetches through client."""
    app = Flask(__name__)

    @app.before_request
    def answer_preflight() -> Response | None:
        if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
            return None
        headers = preflight_headers(
            request.headers.get("Origin"),
            request.headers["Access-Control-Request-Method"],
            request.headers.get("Access-Control-Request-Headers"),
            allowed_origins,
        )
        if headers is None:
            return Response(status=403, headers={"Vary": "Origin"})
        return Response(status=204, headers=headers)

    @app.after_request
    def add_cors(response: Response) -> Response:
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return response  # a preflight got its answer above
        for name, value in cors_headers(request.headers.get("Origin"), allowed_origins).items():
            if name == "Vary":
                response.vary.add(value)
            else:
                response.headers[name] = value
        return response

    @app.get("/api/profile")
    def profile() -> dict[str, str]:
        return {"name": "Ada Lovelace", "email": "ada@example.com"}

    @app.get("/api/preview")
    def preview() -> tuple[dict[str, str], int]:
        try:
            return fetch_preview(request.args.get("url", ""), client, resolve), 200
        except BlockedURLError as refusal:
            return {"error": str(refusal)}, 400
        except httpx.HTTPError:
            return {"error": "could not fetch that page"}, 502

    return app
