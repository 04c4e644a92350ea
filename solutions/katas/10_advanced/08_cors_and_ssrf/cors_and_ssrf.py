"""CORS for a JSON API, and a link preview that cannot be turned against the server's own network (SSRF)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Collection
from urllib.parse import urljoin, urlsplit

import httpx
from cors_and_ssrf_given import extract_title

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
    headers = {"Vary": "Origin"}  # the answer depends on Origin: caches must keep one copy per origin
    if _allowed(origin, allowed_origins):
        headers["Access-Control-Allow-Origin"] = str(origin)
        headers["Access-Control-Allow-Credentials"] = "true"
    return headers


def _allowed(origin: str | None, allowed_origins: Collection[str]) -> bool:
    """Exactly one of the listed origins; never "null" (sandboxed frames, files and some redirects send it)."""
    return origin is not None and origin != "null" and origin in set(allowed_origins)


def preflight_headers(
    origin: str | None, method: str, request_headers: str | None, allowed_origins: Collection[str]
) -> dict[str, str] | None:
    """The answer to a preflight (OPTIONS) request, or None to refuse it."""
    if not _allowed(origin, allowed_origins) or method not in ALLOWED_METHODS:
        return None
    asked = {name.strip().lower() for name in (request_headers or "").split(",") if name.strip()}
    if not asked <= {name.lower() for name in ALLOWED_HEADERS}:
        return None
    return {
        **cors_headers(origin, allowed_origins),
        "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
        "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
        "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
    }


# --- Task 3 and 4: SSRF ---------------------------------------------------------------------------------------


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet: not private, loopback, link-local, multicast, ..."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip.is_global and not ip.is_multicast


def check_url(url: str, resolve: Resolver) -> None:
    """Raise BlockedURLError unless url is http(s) and every address its host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedURLError("only http and https URLs can be previewed")
    host = parts.hostname
    if not host:
        raise BlockedURLError("the URL has no host")
    try:
        addresses = resolve(host)
    except OSError:
        raise BlockedURLError(f"cannot resolve {host}") from None
    if not addresses:
        raise BlockedURLError(f"cannot resolve {host}")
    for address in addresses:
        if not is_public(address):
            raise BlockedURLError(f"{host} resolves to {address}, which is not a public address")


def fetch_preview(url: str, client: httpx.Client, resolve: Resolver) -> dict[str, str]:
    """{"url": where the page was found, "title": its title}, checking every hop of a redirect."""
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url, resolve)
        with client.stream("GET", url, follow_redirects=False, timeout=TIMEOUT) as response:
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                continue
            response.raise_for_status()
            page = _read_at_most(response, MAX_BYTES)
        return {"url": url, "title": extract_title(page)}
    raise BlockedURLError(f"more than {MAX_REDIRECTS} redirects")


def _read_at_most(response: httpx.Response, limit: int) -> str:
    """The body as text, refusing it as soon as it grows past limit bytes (never reading the rest)."""
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise BlockedURLError(f"the page is larger than {limit} bytes")
    return body.decode(response.charset_encoding or "utf-8", errors="replace")


# --- Given: the title -------------------------------------------------------------------------------------------
