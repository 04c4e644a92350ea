"""Tests for the templates kata: pages rendered through Flask's test client.

Mistakes these tests catch: pages that copy the layout instead of extending
base.html, a title block without its "Shop" default (or a product title that
repeats it by hand), a stylesheet or links written as fixed paths instead of
url_for, the price shown as raw cents or with float rounding, "1 results",
a search without its "no match" line, `|safe` (or Markup) on text that came from
a user or a supplier, so `<script>` runs, and trusted Markup escaped twice.
"""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_templates import money
from flask_templates_app import create_app
from hypothesis import example, given
from hypothesis import strategies as st


@pytest.fixture
def app() -> Flask:
    """The shop, in testing mode; it sells 1 Kettle (€24.99), 2 Teapot (€34.50), 3 Mug (€8.99)."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the shop."""
    return app.test_client()


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} should answer 200, got {response.status_code}"
    return response.get_data(as_text=True)


def title(html: str) -> str | None:
    found = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return found.group(1).strip() if found else None


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("url", ["/", "/products/1", "/search?q=mug"])
def test_every_page_uses_the_base_layout(client: FlaskClient, url: str) -> None:
    html = page(client, url)
    assert 'href="/static/site.css"' in html, (
        f"{url} should link the stylesheet: url_for('static', filename='site.css')"
    )
    assert re.search(r"<nav>.*href=\"/\".*href=\"/search\".*</nav>", html, re.DOTALL), (
        f"{url} should have the <nav> of base.html, linking to / and /search"
    )
    assert html.count("<html") == 1, "one document per page: extend base.html, don't paste it"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("url", "expected"), [("/", "Shop"), ("/products/1", "Kettle · Shop"), ("/search?q=mug", "Search · Shop")]
)
def test_each_page_sets_its_title(client: FlaskClient, url: str, expected: str) -> None:
    assert title(page(client, url)) == expected, f"the <title> of {url} should be {expected!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("url", ["/", "/products/1", "/search?q=mug"])
def test_every_url_follows_where_the_shop_is_mounted(client: FlaskClient, url: str) -> None:
    """Behind a proxy that serves the shop under /shop, url_for builds /shop/...; a URL typed by hand breaks."""
    html = client.get(url, base_url="http://localhost/shop/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    typed = [link for link in links if not link.startswith("/shop/")]
    assert links, f"{url} should have links"
    assert not typed, f"served under /shop, {url} still links {typed}: build every URL with url_for"


@pytest.mark.task(taskno=1)
def test_index_links_every_product(client: FlaskClient) -> None:
    html = page(client, "/")
    for number, name in [(1, "Kettle"), (2, "Teapot"), (3, "Mug")]:
        assert re.search(rf'<a href="/products/{number}">\s*{name}\s*</a>', html), (
            f"the index should link {name} to /products/{number} (url_for('product', product_id=...))"
        )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (0, "€0.00"),
        (5, "€0.05"),
        (2499, "€24.99"),
        (100000, "€1,000.00"),
        (123456789, "€1,234,567.89"),
        (-300, "-€3.00"),
    ],
)
def test_money_formats_cents_as_euros(cents: int, expected: str) -> None:
    assert money(cents) == expected, f"money({cents}) should be {expected!r}"


@pytest.mark.task(taskno=2)
@given(st.integers(min_value=-(10**20), max_value=10**20))
@example(10**17 + 1)  # past 2**53 a float cannot hold the cent
def test_money_is_exact_for_any_amount(cents: int) -> None:
    text = money(cents)
    digits = text.replace("€", "").replace(",", "").replace(".", "")
    assert int(digits) == cents, f"money({cents}) = {text!r} lost precision: work with integers, not floats"


@pytest.mark.task(taskno=2)
def test_prices_use_the_money_filter(client: FlaskClient) -> None:
    assert "€24.99" in page(client, "/products/1"), "the product page should show the price as €24.99"
    index = page(client, "/")
    assert all(price in index for price in ["€24.99", "€34.50", "€8.99"]), "the index should show every price"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("query", "count", "names"),
    [("ea", "1 result", ["Teapot"]), ("t", "2 results", ["Kettle", "Teapot"]), ("xyz", "0 results", [])],
)
def test_search_counts_and_lists_results(client: FlaskClient, query: str, count: str, names: list[str]) -> None:
    html = page(client, f"/search?q={query}")
    assert f"Results for “{query}”" in html, f"the search page should say Results for “{query}”"
    assert f"<p>{count}</p>" in html, f"the search page should say <p>{count}</p>"
    for name in names:
        assert re.search(rf">\s*{name}\s*</a>", html), f"{name} should be listed and linked"
    assert ("No products match." in html) == (not names), "say 'No products match.' only when nothing matched"


@pytest.mark.task(taskno=3)
def test_search_query_is_escaped_so_scripts_never_run(client: FlaskClient) -> None:
    attack = "<script>alert('pwned')</script>"
    html = page(client, f"/search?q={attack}")
    assert "<script>" not in html, "the query was inserted as HTML: never mark user input |safe"
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html, (
        "the query should be shown, escaped by Jinja's autoescaping: {{ query }}"
    )


@pytest.mark.task(taskno=3)
def test_supplier_text_is_escaped_but_trusted_markup_is_not(client: FlaskClient) -> None:
    mug = page(client, "/products/3")
    assert "Holds &lt;b&gt;350 ml&lt;/b&gt;" in mug, "the Mug's description is plain text: show it escaped"
    teapot = page(client, "/products/2")
    assert "<em>hand-made</em> in Stoke" in teapot, (
        "the Teapot's description is Markup (trusted HTML): autoescaping leaves it as it is, don't escape it again"
    )
