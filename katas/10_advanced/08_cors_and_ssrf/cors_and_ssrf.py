"""CORS for a JSON API, and a link preview that cannot be turned against the server's own network (SSRF)."""

from __future__ import annotations

import ipaddress  # noqa: F401 (you will need it)
from collections.abc import Callable, Collection
from urllib.parse import urljoin, urlsplit  # noqa: F401 (you will need them)

import httpx
from cors_and_ssrf_given import extract_title  # noqa: F401 (you will need it)

ALLOWED_METHODS = ("GET", "POST", "DELETE")
ALLOWED_HEADERS = ("Content-Type", "Authorization")
PREFLIGHT_MAX_AGE = 600  # seconds a browser may remember a preflight's answer
MAX_REDIRECTS = 3
MAX_BYTES = 100_000
TIMEOUT = httpx.Timeout(3.0)

Resolver = Callable[[str], list[str]]


class BlockedURLError(ValueError):
    """A URL the preview refuses to fetch."""


# --- Task 1 and 2: CORS ---------------------------------------------------------------------------------------


def cors_headers(origin: str | None, allowed_origins: Collection[str]) -> dict[str, str]:
    """The CORS headers of an ordinary response to a request from origin."""
    raise NotImplementedError


def preflight_headers(
    origin: str | None, method: str, request_headers: str | None, allowed_origins: Collection[str]
) -> dict[str, str] | None:
    """The answer to a preflight (OPTIONS) request, or None to refuse it."""
    raise NotImplementedError


# --- Task 3 and 4: SSRF ---------------------------------------------------------------------------------------


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet: not private, loopback, link-local, multicast, ..."""
    raise NotImplementedError


def check_url(url: str, resolve: Resolver) -> None:
    """Raise BlockedURLError unless url is http(s) and every address its host resolves to is public."""
    raise NotImplementedError


def fetch_preview(url: str, client: httpx.Client, resolve: Resolver) -> dict[str, str]:
    """{"url": where the page was found, "title": its title}, checking every hop of a redirect."""
    raise NotImplementedError


# --- Given: the title -------------------------------------------------------------------------------------------
