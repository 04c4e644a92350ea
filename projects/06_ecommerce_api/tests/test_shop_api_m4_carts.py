"""Milestone 4: the cart: each user's own list of products and quantities, with totals.

Mistakes these tests catch: a cart shared between users, adding a product twice making two lines
instead of adding up, totals from a stale price or in float, a quantity of 0, -1 or 1.5 accepted,
more in the cart than in stock, an unknown product accepted (or a 500), removing a product that is
not in the cart answered with 204 instead of 404, carts readable without a token, and, on
PostgreSQL, two adds of one new product at once answered with a 500 (read, then insert: the second
insert breaks the primary key) instead of adding up.
"""

from __future__ import annotations

import pytest


@pytest.mark.task(taskno=4)
def test_a_new_cart_is_empty(shop, client) -> None:
    customer = shop.customer()
    assert client.get("/cart", headers=customer).get_json() == {"items": [], "total_cents": 0}
    assert client.get("/cart").status_code == 401, "a cart belongs to a logged-in user"


@pytest.mark.task(taskno=4)
def test_adding_a_product_answers_201_with_the_line(shop, client, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    response = shop.add_to_cart(customer, sencha, 2)
    assert response.status_code == 201, f"got {response.status_code}: {response.get_json()}"
    assert response.get_json() == {
        "product_id": sencha,
        "name": "Sencha",
        "unit_price_cents": 450,
        "quantity": 2,
        "line_total_cents": 900,
    }
    assert response.headers.get("Location") == f"/cart/items/{sencha}"
    assert client.get(f"/cart/items/{sencha}", headers=customer).get_json()["quantity"] == 2


@pytest.mark.task(taskno=4)
def test_adding_again_adds_to_the_quantity_and_totals_follow(shop, client, teas) -> None:
    _, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 2)
    shop.add_to_cart(customer, assam, 1)
    shop.add_to_cart(customer, sencha, 3)
    cart = client.get("/cart", headers=customer).get_json()
    assert [(line["product_id"], line["quantity"]) for line in cart["items"]] == [(sencha, 5), (assam, 1)], (
        "one line per product, by product id"
    )
    assert cart["total_cents"] == 5 * 450 + 300


@pytest.mark.task(taskno=4)
def test_quantities_are_whole_and_positive(shop, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    for quantity in [0, -1, 1.5, 2.0, "2", 1001]:
        response = shop.add_to_cart(customer, sencha, quantity)
        assert response.status_code == 422, (
            f"quantity {quantity!r} must be refused with 422, got {response.status_code}"
        )


@pytest.mark.task(taskno=4)
def test_unknown_products_and_too_many_are_refused(shop, client, teas) -> None:
    _, _, assam = teas
    customer = shop.customer()
    assert shop.add_to_cart(customer, 999).status_code == 404, "product 999 does not exist"
    shop.add_to_cart(customer, assam, 2)
    too_many = shop.add_to_cart(customer, assam, 1)
    assert too_many.status_code == 409, f"3 in the cart but only 2 in stock: 409, got {too_many.status_code}"
    assert str(assam) in too_many.get_json().get("message", ""), f"say which product is short: {too_many.get_json()}"
    assert client.get("/cart", headers=customer).get_json()["items"][0]["quantity"] == 2, "a refusal changes nothing"


@pytest.mark.task(taskno=4)
def test_setting_and_removing_lines(shop, client, teas) -> None:
    _, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 2)
    response = client.put(f"/cart/items/{sencha}", json={"quantity": 7}, headers=customer)
    assert response.status_code == 200
    assert response.get_json()["quantity"] == 7, "PUT sets the quantity"
    assert client.put(f"/cart/items/{sencha}", json={"quantity": 11}, headers=customer).status_code == 409
    assert client.put(f"/cart/items/{assam}", json={"quantity": 1}, headers=customer).status_code == 404, (
        "a product that is not in the cart is not found there"
    )
    assert client.delete(f"/cart/items/{sencha}", headers=customer).status_code == 204
    assert client.delete(f"/cart/items/{sencha}", headers=customer).status_code == 404
    assert client.get("/cart", headers=customer).get_json()["items"] == []


@pytest.mark.task(taskno=4)
def test_each_user_has_their_own_cart(shop, client, teas) -> None:
    _, sencha, assam = teas
    ann, bob = shop.customer("ann@example.com"), shop.customer("bob@example.com")
    shop.add_to_cart(ann, sencha, 1)
    shop.add_to_cart(bob, assam, 1)
    assert [line["product_id"] for line in client.get("/cart", headers=ann).get_json()["items"]] == [sencha]
    assert client.delete("/cart", headers=bob).status_code == 204, "emptying a cart answers 204"
    assert client.get("/cart", headers=bob).get_json()["items"] == []
    assert len(client.get("/cart", headers=ann).get_json()["items"]) == 1, "emptying Bob's cart leaves Ann's"


@pytest.mark.task(taskno=4)
def test_cart_shows_the_current_price(shop, client, teas) -> None:
    admin, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 2)
    client.patch(f"/products/{sencha}", json={"price_cents": 500}, headers=admin)
    assert client.get("/cart", headers=customer).get_json()["total_cents"] == 1000, (
        "a cart is not an order: it shows today's price"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_product_not_in_the_cart_is_a_404_that_names_it(shop, client, teas, method: str) -> None:
    _, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha)
    for product_id in [assam, 99999999999999999999]:  # the second is too big for any database integer
        response = getattr(client, method)(f"/cart/items/{product_id}", json={"quantity": 1}, headers=customer)
        assert response.status_code == 404, (
            f"{method.upper()} of product {product_id}, which is not in the cart, is a 404 "
            f"(an id too big for the database names nothing: check it before querying), got {response.status_code}"
        )
        assert str(product_id) in response.get_json().get("message", ""), (
            f"the 404 says which product is not in the cart, got {response.get_json()}"
        )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_adds_of_one_new_product_at_once_both_count(app, shop, shop_for, teas, race) -> None:
    """PostgreSQL only: the first add pauses before its commit while the second arrives."""
    _, sencha, _ = teas
    customer = shop.customer()

    def add(quantity: int):
        return lambda: shop_for(app).add_to_cart(customer, sencha, quantity)  # a client per thread

    codes = [getattr(answer, "status_code", answer) for answer in race(add(2), add(3))]
    assert codes == [201, 201], (
        "both adds count, however close together: with a read-then-insert the second finds no line, inserts one "
        "too and breaks the primary key (a 500); use one INSERT ... ON CONFLICT DO UPDATE (an upsert), got "
        f"{codes}"
    )
    line = shop.client.get(f"/cart/items/{sencha}", headers=customer).get_json()
    assert line["quantity"] == 5, f"2 + 3 = 5, got {line}"
