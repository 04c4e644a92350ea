"""Milestone 3: categories and products, with search, filters, sorting and pages with links.

Mistakes these tests catch: a 201 without `Location`, a duplicate slug answered with a 500, prices
accepted as `2.5`, `2.0`, `"450"` or `true` (marshmallow's `Int` takes floats unless `strict=True`),
a product in a category that does not exist, PATCH wiping the fields it was not sent, a search
that is case-sensitive or looks only at the name, `%` and `_` in a search acting as SQL wildcards,
sorting without a tie-breaker (so pages overlap; PostgreSQL shows it once a row is updated),
off-by-one pages, `next` on the last page, links that forget the filters, and `per_page` without
an upper bound.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest


def _ids(response) -> list[int]:
    assert response.status_code == 200, f"listing answered {response.status_code}: {response.get_json()}"
    return [item["id"] for item in response.get_json()["items"]]


def _query(link: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}


@pytest.mark.task(taskno=3)
def test_admin_adds_categories_with_location(shop, client) -> None:
    admin = shop.admin()
    response = client.post("/categories/", json={"slug": "green-tea", "name": "Green tea"}, headers=admin)
    assert response.status_code == 201, f"got {response.status_code}: {response.get_json()}"
    location = response.headers.get("Location")
    assert location == f"/categories/{response.get_json()['id']}", f"Location was {location!r}"
    assert client.get(location).get_json()["slug"] == "green-tea", "the Location leads to the new category"
    shop.category(admin, "black-tea", "Black tea")
    assert [c["slug"] for c in client.get("/categories/").get_json()] == ["black-tea", "green-tea"], "sorted by slug"


@pytest.mark.task(taskno=3)
def test_category_slugs_are_unique_and_well_formed(shop, client) -> None:
    admin = shop.admin()
    shop.category(admin, "tea")
    duplicate = client.post("/categories/", json={"slug": "tea", "name": "Tea again"}, headers=admin)
    assert duplicate.status_code == 409, f"a taken slug is a 409 Conflict, got {duplicate.status_code}"
    for slug in ["Tea", "tea leaves", "-tea", ""]:
        response = client.post("/categories/", json={"slug": slug, "name": "X"}, headers=admin)
        assert response.status_code == 422, f"slug {slug!r} should be refused with 422"


@pytest.mark.task(taskno=3)
def test_admin_adds_a_product_with_location(shop, client) -> None:
    admin = shop.admin()
    category = shop.category(admin)
    body = {"name": "Sencha", "description": "A green tea", "price_cents": 450, "stock": 7, "category_id": category}
    response = client.post("/products/", json=body, headers=admin)
    assert response.status_code == 201, f"got {response.status_code}: {response.get_json()}"
    product = response.get_json()
    assert product == {**body, "id": product["id"]}
    assert response.headers.get("Location") == f"/products/{product['id']}"
    assert client.get(f"/products/{product['id']}").get_json() == product, "anyone may read a product"
    assert client.get("/products/999").status_code == 404


@pytest.mark.task(taskno=3)
def test_prices_are_whole_non_negative_cents(shop, client) -> None:
    admin = shop.admin()
    for price in [2.5, 2.0, "450", True, -1, None]:
        response = client.post("/products/", json={"name": "Tea", "price_cents": price, "stock": 1}, headers=admin)
        assert response.status_code == 422, f"price_cents={price!r} must be refused (use Int(strict=True) and a Range)"
        assert "price_cents" in response.get_json()["errors"]["json"]


@pytest.mark.task(taskno=3)
def test_product_in_unknown_category_is_refused(shop, client) -> None:
    admin = shop.admin()
    response = client.post(
        "/products/", json={"name": "Tea", "price_cents": 1, "stock": 1, "category_id": 9}, headers=admin
    )
    assert response.status_code == 404, f"category 9 does not exist: 404, got {response.status_code}"
    body = response.get_json()
    assert body.get("errors", {}).get("json", {}).get("category_id") == ["category 9 not found"], (
        f"point at the field, saying what is missing: {body}"
    )
    assert body.get("message") == "category 9 not found", f"and say it in the message too: {body}"


@pytest.mark.task(taskno=3)
def test_patch_changes_only_the_fields_sent(shop, client) -> None:
    admin = shop.admin()
    category = shop.category(admin)
    product_id = shop.product(admin, description="Fresh", category_id=category)
    response = client.patch(f"/products/{product_id}", json={"stock": 3}, headers=admin)
    assert response.status_code == 200, f"got {response.status_code}: {response.get_json()}"
    product = response.get_json()
    assert (product["stock"], product["description"], product["category_id"]) == (3, "Fresh", category), (
        f"only stock changes, the rest stays: {product}"
    )
    customer = shop.customer()
    assert client.patch(f"/products/{product_id}", json={"stock": 0}, headers=customer).status_code == 403


@pytest.mark.task(taskno=3)
def test_patch_needs_a_json_body(shop, client) -> None:
    admin = shop.admin()
    product_id = shop.product(admin, stock=10)
    for sent in [{}, {"data": "stock=0", "content_type": "application/x-www-form-urlencoded"}]:
        response = client.patch(f"/products/{product_id}", headers=admin, **sent)
        assert response.status_code in (400, 422), (
            f"the document says PATCH /products/<id> requires a JSON body: without one, 400 or 422, "
            f"got {response.status_code}"
        )
        assert response.get_json()["code"] == response.status_code
    assert shop.stock_of(product_id) == 10
    assert client.patch("/products/999", json={"stock": 0}, headers=admin).status_code == 404


@pytest.mark.task(taskno=3)
def test_search_is_case_insensitive_over_name_and_description(shop, client) -> None:
    admin = shop.admin()
    sencha = shop.product(admin, name="Sencha")
    earl = shop.product(admin, name="Earl Grey", description="Black tea with BERGAMOT")
    shop.product(admin, name="100% cocoa")
    shop.product(admin, name="Mug")
    assert _ids(client.get("/products/?q=SENCHA")) == [sencha]
    assert _ids(client.get("/products/?q=bergamot")) == [earl], "search the description too"
    assert len(_ids(client.get("/products/?q=%25"))) == 1, "a % in the search is a character, not a wildcard"
    assert _ids(client.get("/products/?q=_")) == [], "an _ in the search is a character, not a wildcard"


@pytest.mark.task(taskno=3)
def test_filters_combine(shop, client) -> None:
    admin = shop.admin()
    tea = shop.category(admin, "tea")
    cheap_tea = shop.product(admin, price_cents=300, stock=1, category_id=tea)  # the last one is still in stock
    dear_tea = shop.product(admin, price_cents=900, stock=5, category_id=tea)
    sold_out = shop.product(admin, price_cents=400, stock=0, category_id=tea)
    mug = shop.product(admin, name="Mug", price_cents=500, stock=5)
    assert _ids(client.get("/products/?category=tea")) == [cheap_tea, dear_tea, sold_out]
    assert _ids(client.get("/products/?min_price=400&max_price=900")) == [dear_tea, sold_out, mug]
    assert _ids(client.get("/products/?in_stock=true")) == [cheap_tea, dear_tea, mug]
    out_of_stock = _ids(client.get("/products/?in_stock=false"))
    assert out_of_stock == [sold_out], (
        f"in_stock=false is a filter too (only the sold-out products), not a missing one: check whether the "
        f"parameter was sent, not whether its value is true; got {out_of_stock}"
    )
    free = _ids(client.get("/products/?max_price=0"))
    assert free == [], f"max_price=0 means only free products (there are none), not no limit: got {free}"
    assert _ids(client.get("/products/?category=tea&in_stock=true&max_price=500")) == [cheap_tea]
    nothing = client.get("/products/?category=coffee").get_json()
    assert (nothing["items"], nothing["total"], nothing["pages"]) == ([], 0, 1), (
        f"no match is an empty first page of one: total 0, pages 1, got {nothing}"
    )


@pytest.mark.task(taskno=3)
def test_sorting_breaks_ties_by_id(shop, client) -> None:
    admin = shop.admin()
    a = shop.product(admin, name="Assam", price_cents=500)
    b = shop.product(admin, name="Bancha", price_cents=300)
    c = shop.product(admin, name="Chai", price_cents=500)
    client.patch(f"/products/{a}", json={"stock": 3}, headers=admin)  # PostgreSQL now stores Assam after Chai
    assert _ids(client.get("/products/?sort=price")) == [b, a, c]
    assert _ids(client.get("/products/?sort=-price")) == [a, c, b], "descending price, equal prices by id"
    assert _ids(client.get("/products/?sort=-name")) == [c, b, a]
    assert client.get("/products/?sort=colour").status_code == 422, "an unknown sort key is a 422"


@pytest.mark.task(taskno=3)
def test_pages_carry_totals_and_links(shop, client) -> None:
    admin = shop.admin()
    ids = [shop.product(admin, name=f"Tea {n:02}", price_cents=100 + n) for n in range(25)]
    first = client.get("/products/?per_page=10&min_price=100").get_json()
    assert (first["page"], first["per_page"], first["total"], first["pages"]) == (1, 10, 25, 3)
    assert [p["id"] for p in first["items"]] == ids[:10]
    links = first["links"]
    assert "prev" not in links, "the first page has no prev link"
    assert _query(links["next"]) == {"min_price": "100", "per_page": "10", "sort": "id", "page": "2"}, (
        f"links keep the filters, sort and page size: {links['next']}"
    )
    assert _query(links["last"])["page"] == "3"
    assert _query(links["self"])["page"] == "1"
    last = client.get(links["last"]).get_json()
    assert [p["id"] for p in last["items"]] == ids[20:], "following a link gives that page"
    assert "next" not in last["links"]
    assert _query(last["links"]["prev"])["page"] == "2"
    beyond = client.get("/products/?page=9").get_json()
    assert (beyond["items"], beyond["total"]) == ([], 25), "a page past the end is empty, not an error"


@pytest.mark.task(taskno=3)
def test_bad_listing_parameters_are_422(client) -> None:
    queries = ["per_page=101", "per_page=0", "page=0", "page=two", "min_price=-1", "in_stock=maybe"]
    queries += ["q=%00", "category=tea%00", f"page={2**63}"]  # PostgreSQL cannot store NUL, nor compare it
    for query in queries:
        response = client.get(f"/products/?{query}")
        assert response.status_code == 422, f"?{query} should be refused with 422, got {response.status_code}"
        assert response.get_json()["errors"]["query"], "the 422 says which query parameter is wrong"


@pytest.mark.task(taskno=3)
def test_links_keep_the_query_as_it_was_sent(shop, client) -> None:
    admin = shop.admin()
    ids = [shop.product(admin, name=f"Tea {n}", price_cents=100 * n) for n in range(1, 8)]
    shop.product(admin, name="Sold-out tea", stock=0)
    listing = "/products/?q=Tea&in_stock=true&sort=-price&per_page=2"
    first = client.get(listing).get_json()
    assert (first["total"], first["pages"]) == (7, 4)
    expected = {"q": "Tea", "in_stock": "true", "sort": "-price", "per_page": "2"}
    assert _query(first["links"]["next"]) == {**expected, "page": "2"}, (
        "a link repeats every parameter as sent: the search text unchanged, and a boolean as `true` "
        f"(str(True) is 'True'), got {first['links']['next']}"
    )
    assert _query(first["links"]["first"]) == {**expected, "page": "1"}
    second = client.get(first["links"]["next"]).get_json()
    assert [p["id"] for p in second["items"]] == [ids[4], ids[3]], "page 2 of the same listing, by price descending"
    assert _query(second["links"]["prev"])["page"] == "1", "page 2 has a prev link, to page 1"
    assert _query(second["links"]["first"])["page"] == "1", "first is always page 1"
    assert _query(second["links"]["next"])["page"] == "3"
