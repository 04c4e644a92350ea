"""Tests for CORS and SSRF: an allow-list of exact origins, credentials only with an echoed origin, Vary, preflights,
and a link preview that refuses private addresses in every spelling, checks each redirect and limits size and time.

Everything runs against fakes: a resolver with a table of hosts (and the numeric IP spellings the C library
accepts, decoded with socket.inet_aton, which touches no network) and an httpx MockTransport serving the pages.

Mistakes these tests catch: `endswith`/substring origin checks (evil-example.com, example.com.evil.net), `*` or a
reflected origin, a missing `Vary: Origin`, "null" accepted, preflights that allow any method or header, a
blocklist of the text "127.0.0.1"/"localhost" (2130706433, 0x7f.1, [::ffff:127.0.0.1] and DNS names get
through), `is_private` alone (multicast and 100.64/10 get through), only the first resolved address checked,
redirects followed without checking (or by httpx itself), unlimited redirects, whole bodies read before the
size check, and requests without a timeout.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from cors_and_ssrf import (
    MAX_BYTES,
    BlockedURLError,
    check_url,
    cors_headers,
    fetch_preview,
    is_public,
    preflight_headers,
)
from cors_ssrf_app import create_app
from flask.testing import FlaskClient

ALLOWED = ("https://example.com", "https://app.example.com")
NOT_PUBLIC = [
    *("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1"),
    *("255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"),
]
DNS = {
    "example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "app.example.com": ["93.184.215.15"],
    "localhost": ["127.0.0.1", "::1"],
    "intranet.example.com": ["10.0.0.5"],
    "metadata.example.com": ["169.254.169.254"],
    "half-internal.example.com": ["93.184.215.14", "192.168.0.10"],
    "nothing.example.com": [],
}


def fake_resolve(host: str) -> list[str]:
    """Like getaddrinfo without a network: the DNS table, IP literals, and what inet_aton makes of 2130706433."""
    if host in DNS:
        return list(DNS[host])
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [host]  # an IP literal resolves to itself
    try:
        return [socket.inet_ntoa(socket.inet_aton(host))]  # 2130706433, 0x7f.1, 0177.0.0.1, 127.1: all 127.0.0.1
    except OSError:
        raise socket.gaierror(f"unknown host {host}") from None


class FakeWeb:
    """The internet, as far as the preview can see: responses by URL; every request it received, in order."""

    def __init__(self) -> None:
        self.pages: dict[str, Callable[[], httpx.Response]] = {}
        self.requests: list[httpx.Request] = []

    def page(self, url: str, html: str) -> None:
        self.pages[url] = lambda: httpx.Response(200, html=html)

    def redirect(self, url: str, location: str, status: int = 302) -> None:
        self.pages[url] = lambda: httpx.Response(status, headers={"Location": location})

    @property
    def urls(self) -> list[str]:
        return [str(request.url) for request in self.requests]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.method != "GET":
            return httpx.Response(405, text="only GET here")
        respond = self.pages.get(str(request.url))
        return respond() if respond is not None else httpx.Response(404, text="not found")


@pytest.fixture
def web() -> FakeWeb:
    """The fake internet; add pages with web.page(url, html) and web.redirect(url, location)."""
    return FakeWeb()


@pytest.fixture
def http(web: FakeWeb) -> Iterator[httpx.Client]:
    """An httpx client on the fake internet, set up carelessly: no timeout of its own, and following redirects."""
    with httpx.Client(transport=httpx.MockTransport(web), timeout=None, follow_redirects=True) as client:
        yield client


@pytest.fixture
def client(http: httpx.Client) -> FlaskClient:
    """The API's test client, allowing the origins in ALLOWED."""
    return create_app(ALLOWED, http, fake_resolve).test_client()


def preflight(client: FlaskClient, origin: str, method: str, headers: str | None = None) -> Any:
    asked = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers is not None:
        asked["Access-Control-Request-Headers"] = headers
    return client.options("/api/profile", headers=asked)


def refusal(action: Callable[[], object]) -> str:
    """The BlockedURLError's message, or "allowed" when action raised none."""
    try:
        action()
    except BlockedURLError as refused:
        return str(refused)
    return "allowed"


def cors_of(response: Any) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name.lower().startswith("access-control-")}


# --- 1. CORS on ordinary responses ----------------------------------------------------------------------------


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("origin", ALLOWED)
def test_an_allowed_origin_is_echoed_with_credentials(client: FlaskClient, origin: str) -> None:
    response = client.get("/api/profile", headers={"Origin": origin})
    assert response.status_code == 200
    assert cors_of(response) == {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
    }, "echo the request's own origin (never *, which browsers refuse together with credentials)"
    assert "Origin" in response.vary, "the answer depends on Origin: say so with Vary: Origin"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "origin",
    [
        "https://evil-example.com",
        "https://example.com.evil.net",
        "https://notexample.com",
        "http://example.com",
        "https://example.com:8443",
        "https://api.example.com",
        "https://example.co",
        "null",
    ],
)
def test_any_other_origin_gets_no_cors_headers(client: FlaskClient, origin: str) -> None:
    response = client.get("/api/profile", headers={"Origin": origin})
    assert cors_of(response) == {}, (
        f"{origin} is not on the list: compare the whole origin exactly (`in` a set), not endswith or a substring"
    )
    assert "Origin" in response.vary, "refusals depend on Origin too: Vary: Origin on every response"


@pytest.mark.task(taskno=1)
def test_a_request_without_origin_gets_only_vary(client: FlaskClient) -> None:
    response = client.get("/api/profile")
    assert cors_of(response) == {}
    assert "Origin" in response.vary


@pytest.mark.task(taskno=1)
def test_cors_headers_returns_exactly_these_headers() -> None:
    assert cors_headers("https://app.example.com", list(ALLOWED)) == {
        "Vary": "Origin",
        "Access-Control-Allow-Origin": "https://app.example.com",
        "Access-Control-Allow-Credentials": "true",
    }
    assert cors_headers(None, ALLOWED) == {"Vary": "Origin"}
    assert cors_headers("null", ["null", *ALLOWED]) == {"Vary": "Origin"}, (
        'refuse "null" even when someone lists it: sandboxed iframes and local files all send it'
    )


# --- 2. Preflight ---------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("asked", [None, "content-type", "Content-Type, Authorization", "AUTHORIZATION,"])
def test_an_allowed_preflight_is_answered(client: FlaskClient, asked: str | None) -> None:
    response = preflight(client, "https://app.example.com", "DELETE", asked)
    assert response.status_code == 204
    assert cors_of(response) == {
        "Access-Control-Allow-Origin": "https://app.example.com",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Allow-Methods": "GET, POST, DELETE",
        "Access-Control-Allow-Headers": "Content-Type, Authorization",
        "Access-Control-Max-Age": "600",
    }
    assert "Origin" in response.vary


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("origin", "method", "asked"),
    [
        ("https://evil-example.com", "GET", None),
        ("null", "GET", None),
        ("https://example.com", "PUT", None),
        ("https://example.com", "PATCH", "Content-Type"),
        ("https://example.com", "get", None),
        ("https://example.com", "POST", "X-Admin"),
        ("https://example.com", "POST", "Content-Type, X-Admin"),
    ],
)
def test_a_preflight_outside_the_rules_is_refused(client: FlaskClient, origin: str, method: str, asked: str) -> None:
    response = preflight(client, origin, method, asked)
    assert response.status_code == 403, (
        f"refuse a preflight from {origin} for {method} with headers {asked!r}: the origin, the method (exactly, "
        "as in ALLOWED_METHODS) and every requested header must be allowed"
    )
    assert cors_of(response) == {}
    assert preflight_headers(origin, method, asked, ALLOWED) is None


# --- 3. Which URLs may be fetched -----------------------------------------------------------------------------


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_private_and_special_addresses_are_not_public(address: str) -> None:
    assert is_public(address) is False, f"{address} is not on the public internet"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(address) is True


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/admin", "127.0.0.1"),
        ("http://localhost:8080/", "127.0.0.1"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://metadata.example.com/latest/meta-data/", "169.254.169.254"),
        ("https://intranet.example.com/", "10.0.0.5"),
        ("https://half-internal.example.com/", "192.168.0.10"),
        ("http://0.0.0.0:5000/", "0.0.0.0"),
    ],
)
def test_urls_that_reach_inside_are_blocked(url: str, address: str) -> None:
    expected = f"{urlsplit(url).hostname} resolves to {address}, which is not a public address"
    assert refusal(lambda: check_url(url, fake_resolve)) == expected, (
        "resolve the host and check EVERY address it gives: names, decimal, octal and hex forms and IPv6 all "
        "reach the same machines as 127.0.0.1"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "gopher://example.com/", "ftp://example.com/x", "javascript:alert(1)", "//example.com"],
)
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(BlockedURLError, match=r"^only http and https URLs can be previewed$"):
        check_url(url, fake_resolve)


@pytest.mark.task(taskno=3)
def test_a_url_without_a_host_or_an_address_is_refused() -> None:
    with pytest.raises(BlockedURLError, match=r"^the URL has no host$"):
        check_url("http:///etc/passwd", fake_resolve)
    with pytest.raises(BlockedURLError, match=r"^cannot resolve nowhere\.invalid$"):
        check_url("https://nowhere.invalid/", fake_resolve)
    with pytest.raises(BlockedURLError, match=r"^cannot resolve nothing\.example\.com$"):
        check_url("https://nothing.example.com/", fake_resolve)


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "url", ["https://example.com/post?id=1", "HTTP://Example.com/", "https://app.example.com:8443/x", "http://8.8.8.8/"]
)
def test_public_http_urls_pass(url: str) -> None:
    assert check_url(url, fake_resolve) is None


# --- 4. Fetching the preview ----------------------------------------------------------------------------------


@pytest.mark.task(taskno=4)
def test_the_preview_gives_the_pages_title(client: FlaskClient, web: FakeWeb) -> None:
    web.page("https://example.com/post", "<html><head><TITLE lang=en>\n  Tea &amp; cake\n</TITLE></head></html>")
    response = client.get("/api/preview", query_string={"url": "https://example.com/post"})
    assert response.status_code == 200
    assert response.get_json() == {"url": "https://example.com/post", "title": "Tea & cake"}


@pytest.mark.task(taskno=4)
def test_a_blocked_url_is_never_requested(client: FlaskClient, web: FakeWeb) -> None:
    response = client.get("/api/preview", query_string={"url": "http://169.254.169.254/latest/meta-data/"})
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "169.254.169.254 resolves to 169.254.169.254, which is not a public address"
    }
    assert web.urls == [], "check the URL before any request goes out"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("target", ["http://127.0.0.1/admin", "http://2130706433/admin", "http://localhost/"])
def test_a_redirect_into_the_network_is_refused(web: FakeWeb, http: httpx.Client, target: str) -> None:
    web.redirect("https://example.com/go", target)
    web.page(target, "<title>admin console</title>")
    outcome = refusal(lambda: fetch_preview("https://example.com/go", http, fake_resolve))
    assert web.urls == ["https://example.com/go"], (
        f"the preview followed a redirect to {target}: fetch with follow_redirects=False and check every Location "
        "with check_url before requesting it"
    )
    assert outcome.endswith("which is not a public address")


@pytest.mark.task(taskno=4)
def test_safe_redirects_are_followed_also_relative_ones(web: FakeWeb, http: httpx.Client) -> None:
    web.redirect("http://example.com/old", "https://example.com/new", status=301)
    web.redirect("https://example.com/new", "/final")
    web.page("https://example.com/final", "<title>Moved twice</title>")
    preview = fetch_preview("http://example.com/old", http, fake_resolve)
    assert preview == {"url": "https://example.com/final", "title": "Moved twice"}, (
        "a Location may be relative: resolve it against the current URL (urllib.parse.urljoin)"
    )


@pytest.mark.task(taskno=4)
def test_at_most_three_redirects(web: FakeWeb, http: httpx.Client) -> None:
    for step in range(1, 5):
        web.redirect(f"https://example.com/{step}", f"https://example.com/{step + 1}")
    web.page("https://example.com/5", "<title>the end</title>")
    assert fetch_preview("https://example.com/2", http, fake_resolve)["title"] == "the end", "3 redirects are fine"
    with pytest.raises(BlockedURLError, match=r"^more than 3 redirects$"):
        fetch_preview("https://example.com/1", http, fake_resolve)
    assert web.urls.count("https://example.com/5") == 1, "after the 3rd redirect, stop without a 4th request"


@pytest.mark.task(taskno=4)
def test_a_huge_page_is_refused_without_reading_all_of_it(web: FakeWeb, http: httpx.Client) -> None:
    sent: list[int] = []

    def endless() -> Iterator[bytes]:
        for _ in range(1000):  # 10 MB in all
            sent.append(10_000)
            yield b"<p>" + b"x" * 9_993 + b"</p>"

    web.pages["https://example.com/huge"] = lambda: httpx.Response(200, content=endless())
    with pytest.raises(BlockedURLError, match=f"^the page is larger than {MAX_BYTES} bytes$"):
        fetch_preview("https://example.com/huge", http, fake_resolve)
    assert len(sent) <= 20, (
        f"{sum(sent)} bytes were read to refuse a page: stream it (client.stream, iter_bytes) and stop as soon as "
        f"more than {MAX_BYTES} bytes have arrived"
    )


@pytest.mark.task(taskno=4)
def test_a_page_of_exactly_the_limit_is_fine(web: FakeWeb, http: httpx.Client) -> None:
    head = "<title>Just fits</title>"
    web.page("https://example.com/full", head + "x" * (MAX_BYTES - len(head)))
    assert fetch_preview("https://example.com/full", http, fake_resolve)["title"] == "Just fits"


@pytest.mark.task(taskno=4)
def test_the_page_is_decoded_with_its_charset(web: FakeWeb, http: httpx.Client) -> None:
    latin = "<title>Caf\u00e9 cr\u00e8me</title>".encode("latin-1")
    web.pages["https://example.com/fr"] = lambda: httpx.Response(
        200, content=latin, headers={"Content-Type": "text/html; charset=iso-8859-1"}
    )
    assert fetch_preview("https://example.com/fr", http, fake_resolve)["title"] == "Caf\u00e9 cr\u00e8me", (
        "decode the body with the charset the response names (response.charset_encoding), UTF-8 when it names none"
    )
    web.pages["https://example.com/broken-utf8"] = lambda: httpx.Response(
        200, content=b"<title>Half \xff a character</title>", headers={"Content-Type": "text/html"}
    )
    title = fetch_preview("https://example.com/broken-utf8", http, fake_resolve)["title"]
    assert title == "Half \ufffd a character", "a byte that is not UTF-8 becomes \ufffd (errors='replace'), no crash"


@pytest.mark.task(taskno=4)
def test_every_request_has_a_time_limit(web: FakeWeb, http: httpx.Client) -> None:
    web.redirect("https://example.com/a", "https://example.com/b")
    web.page("https://example.com/b", "<title>b</title>")
    fetch_preview("https://example.com/a", http, fake_resolve)
    limits = [request.extensions.get("timeout") for request in web.requests]
    assert len(limits) == 2
    for limit in limits:
        assert limit, "a request went out without any timeout: pass timeout=TIMEOUT"
        bounded = all(seconds is not None and 0 < seconds <= 5 for seconds in limit.values())
        assert bounded, (
            f"a request went out with the timeouts {limit}: pass timeout=TIMEOUT, or a slow server holds a worker"
        )


@pytest.mark.task(taskno=4)
def test_a_failing_page_answers_502(client: FlaskClient, web: FakeWeb, http: httpx.Client) -> None:
    web.pages["https://example.com/broken"] = lambda: httpx.Response(500, text="<title>Oops</title>")
    response = client.get("/api/preview", query_string={"url": "https://example.com/broken"})
    assert response.status_code == 502, "raise_for_status(): an error page is no preview"
    assert response.get_json() == {"error": "could not fetch that page"}
    web.page("https://example.com/untitled", "<p>no title here</p>")
    assert fetch_preview("https://example.com/untitled", http, fake_resolve)["title"] == ""
