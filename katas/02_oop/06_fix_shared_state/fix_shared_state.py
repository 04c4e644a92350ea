"""Request handling helpers from a small web service. They leak state between requests: fix them."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {"debug": False, "timeout": 30, "cors_origins": ["https://example.com"]}


class RequestContext:
    """Data the middleware collects about one request."""

    headers: dict[str, str] = {}  # noqa: RUF012

    def __init__(self, path: str, tags: list[str] = []) -> None:  # noqa: B006
        self.path = path
        self.tags = tags

    def add_header(self, name: str, value: str) -> None:
        self.headers[name.lower()] = value

    def tag(self, label: str) -> None:
        self.tags.append(label)


def build_settings(overrides: dict[str, Any]) -> dict[str, Any]:
    """The defaults with `overrides` applied on top."""
    settings = DEFAULTS
    settings.update(overrides)
    return settings
