"""Given, not to edit: the settings and the upstream error your code in fastapi_dependencies.py uses."""

from __future__ import annotations

from fastapi import Request
from pydantic import BaseModel


class Settings(BaseModel):
    """What the service needs to know."""

    upstream_url: str = "http://rates.internal"
    upstream_timeout: float = 2.0
    api_keys: frozenset[str] = frozenset()


class UpstreamError(Exception):
    """The rates service did not answer properly."""


def get_settings(request: Request) -> Settings:
    """The app's settings (tests may replace them through app.dependency_overrides)."""
    settings: Settings = request.app.state.settings
    return settings
