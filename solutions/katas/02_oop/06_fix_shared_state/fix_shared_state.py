"""Request handling helpers from a small web service, with per-request state kept per request."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

DEFAULTS: dict[str, Any] = {"debug": False, "timeout": 30, "cors_origins": ["https://example.com"]}


class RequestContext:
    """Data the middleware collects about one request."""

    def __init__(self, path: str, tags: Iterable[str] | None = None) -> None:
        self.path = path
        self.headers: dict[str, str] = {}
        self.tags = list(tags) if tags is not None else []

    def add_header(self, name: str, value: str) -> None:
        self.headers[name.lower()] = value

    def tag(self, label: str) -> None:
        self.tags.append(label)


def build_settings(overrides: dict[str, Any]) -> dict[str, Any]:
    """The defaults with `overrides` applied on top, as a new dict that shares nothing with DEFAULTS."""
    return {**copy.deepcopy(DEFAULTS), **overrides}
