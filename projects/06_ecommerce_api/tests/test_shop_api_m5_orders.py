"""Milestone 5: orders: placed from the cart in one transaction that reserves stock; cancelling returns it.

Mistakes these tests catch: stock taken for some lines when another is short (no single
transaction), an order that keeps following the catalogue's price, a cart left full after ordering,
an empty cart ordered, a customer reading (or cancelling) another's order, or told it exists with
a 403 instead of a 404, cancelling twice returning the stock twice, and a retried POST with the same
`Idempotency-Key` ordering twice, or a reused key with another body quietly accepted; and, on
PostgreSQL, stock read without `SELECT ... FOR UPDATE` (or read from the session's stale copy
without `populate_existing`), which sells the last item twice when two checkouts overlap, and an
order's status read and changed without locking its row, so six cancels at once return its stock six
times. Also: a total over 2**31 - 1 cents (BIGINT), and an `Idempotency-Key` PostgreSQL cannot store.
"""

from __future__ import annotations

import threading

import psycopg
import pytest
from shop_api.shop_orders import fingerprint


@pytest.mark.task(taskno=5)
def test_ordering_turns_the_cart_into_an_order_and_reserves_stock(shop, client, teas) -> None:
    _, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 3)
    shop.add_to_cart(customer, assam, 2)
    response = shop.order(customer, "1 High Street")
    assert response.status_code == 201, f"got {response.status_code}: {response.get_json()}"
    order = response.get_json()
    assert response.headers.get("Location") == f"/orders/{order['id']}"
    assert (order["status"], order["total_cents"], order["shipping_address"]) == ("pending", 1950, "1 High Street")
    assert [(line["product_id"], line["quantity"], line["line_total_cents"]) for line in order["lines"]] == [
        (sencha, 3, 1350),
        (assam, 2, 600),
    ]
    assert (shop.stock_of(sencha), shop.stock_of(assam)) == (7, 0), "the ordered quantities leave the stock"
    assert client.get("/cart", headers=customer).get_json()["items"] == [], "ordering empties the cart"
    assert client.get(f"/orders/{order['id']}", headers=customer).get_json() == order


@pytest.mark.task(taskno=5)
def test_short_stock_refuses_the_whole_order(shop, client, teas) -> None:
    admin, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 3)
    shop.add_to_cart(customer, assam, 2)
    client.patch(f"/products/{assam}", json={"stock": 1}, headers=admin)  # someone else bought one meanwhile
    response = shop.order(customer)
    assert response.status_code == 409, f"not enough Assam left: 409, got {response.status_code}"
    assert str(assam) in response.get_json().get("message", ""), "say which product is short"
    assert (shop.stock_of(sencha), shop.stock_of(assam)) == (10, 1), "all or nothing: no stock taken for any line"
    assert len(client.get("/cart", headers=customer).get_json()["items"]) == 2, "the cart is kept to fix and retry"
    assert client.get("/orders/", headers=customer).get_json() == []


@pytest.mark.task(taskno=5)
def test_the_refusal_names_every_short_product_by_id(shop, client, teas) -> None:
    admin, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, assam, 2)  # added first, but listed second: lines go by product id
    shop.add_to_cart(customer, sencha, 3)
    client.patch(f"/products/{sencha}", json={"stock": 0}, headers=admin)
    client.patch(f"/products/{assam}", json={"stock": 1}, headers=admin)
    response = shop.order(customer)
    assert response.status_code == 409, f"both lines are short: 409, got {response.status_code}"
    expected = f"not enough stock: product {sencha} has 0, you asked for 3; product {assam} has 1, you asked for 2"
    assert response.get_json().get("message") == expected, (
        f"name every short line, by product id, so the customer can fix them all at once: got {response.get_json()}"
    )


@pytest.mark.task(taskno=5)
def test_order_lines_go_by_product_id(shop, teas) -> None:
    _, sencha, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, assam, 1)
    shop.add_to_cart(customer, sencha, 1)
    lines = shop.order(customer).get_json()["lines"]
    assert [line["product_id"] for line in lines] == [sencha, assam], (
        f"read the cart in product id order (as GET /cart shows it), not in the order it was filled: {lines}"
    )


@pytest.mark.task(taskno=5)
def test_an_empty_cart_cannot_be_ordered(shop) -> None:
    response = shop.order(shop.customer())
    assert response.status_code == 409, f"nothing to order: 409, got {response.status_code}"
    assert response.get_json().get("message") == "your cart is empty", f"say why, got {response.get_json()}"
    assert shop.order({}).status_code == 401


@pytest.mark.task(taskno=5)
def test_orders_keep_the_price_they_were_placed_at(shop, client, teas) -> None:
    admin, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 2)
    order = shop.order(customer).get_json()
    client.patch(f"/products/{sencha}", json={"price_cents": 999, "name": "Sencha Gold"}, headers=admin)
    again = client.get(f"/orders/{order['id']}", headers=customer).get_json()
    assert (again["total_cents"], again["lines"][0]["name"]) == (900, "Sencha"), (
        "an order is history: copy name and price"
    )


@pytest.mark.task(taskno=5)
def test_customers_see_only_their_own_orders(shop, client, teas) -> None:
    _, sencha, _ = teas
    ann, bob = shop.customer("ann@example.com"), shop.customer("bob@example.com")
    shop.add_to_cart(ann, sencha)
    ann_order = shop.order(ann).get_json()["id"]
    shop.add_to_cart(bob, sencha)
    bob_order = shop.order(bob).get_json()["id"]
    response = client.get(f"/orders/{ann_order}", headers=bob)
    assert response.status_code == 404, (
        f"another customer's order is a 404 (a 403 would confirm it exists), got {response.status_code}"
    )
    assert client.post(f"/orders/{ann_order}/cancel", headers=bob).status_code == 404
    assert [o["id"] for o in client.get("/orders/", headers=bob).get_json()] == [bob_order]
    admin = shop.admin("boss@example.com")
    assert [o["id"] for o in client.get("/orders/", headers=admin).get_json()] == [bob_order, ann_order], (
        "an admin sees every order, newest first"
    )


@pytest.mark.task(taskno=5)
def test_another_customers_order_looks_exactly_like_a_missing_one(shop, client, teas) -> None:
    _, sencha, _ = teas
    ann, bob = shop.customer("ann@example.com"), shop.customer("bob@example.com")
    shop.add_to_cart(ann, sencha)
    ann_order = shop.order(ann).get_json()["id"]
    for response in [
        client.get(f"/orders/{ann_order}", headers=bob),
        client.post(f"/orders/{ann_order}/cancel", headers=bob),
    ]:
        assert response.get_json() == {"code": 404, "status": "Not Found", "message": f"order {ann_order} not found"}, (
            "someone else's order gets the very 404 of a missing one, naming what was asked for: "
            f"ensure_visible(owner_id, 'order', order_id), got {response.get_json()}"
        )
    missing = client.get("/orders/999", headers=bob)
    assert missing.get_json() == {"code": 404, "status": "Not Found", "message": "order 999 not found"}, (
        f"an order that does not exist: 'order 999 not found', got {missing.get_json()}"
    )


@pytest.mark.task(taskno=5)
def test_cancelling_returns_the_stock_once(shop, client, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 4)
    order_id = shop.order(customer).get_json()["id"]
    response = client.post(f"/orders/{order_id}/cancel", headers=customer)
    assert response.status_code == 200
    assert response.get_json()["status"] == "cancelled"
    assert shop.stock_of(sencha) == 10, "cancelling puts the stock back"
    again = client.post(f"/orders/{order_id}/cancel", headers=customer)
    assert again.status_code == 409, f"a cancelled order cannot be cancelled again, got {again.status_code}"
    assert shop.stock_of(sencha) == 10, "and the stock is not returned twice"


@pytest.mark.task(taskno=5)
def test_a_fingerprint_depends_on_the_content_not_the_key_order() -> None:
    body = {"shipping_address": "1 High Street", "note": "ring twice"}
    same = {"note": "ring twice", "shipping_address": "1 High Street"}
    assert fingerprint(body) == fingerprint(same), (
        "the same content in another key order is the same request: dump the JSON with sort_keys=True"
    )
    assert fingerprint(body) != fingerprint({**body, "shipping_address": "2 Low Road"}), "another body, another print"
    assert len(fingerprint(body)) == 64, "a SHA-256 hex digest: 64 characters, what the idempotency table stores"


@pytest.mark.task(taskno=5)
def test_same_idempotency_key_and_body_returns_the_same_order(shop, client, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 2)
    first = shop.order(customer, key="order-7f3a")
    shop.add_to_cart(customer, sencha, 1)  # the retry must not order what is in the cart now
    retry = shop.order(customer, key="order-7f3a")
    assert retry.status_code == 201, f"a retry gets the original answer, got {retry.status_code}"
    assert retry.get_json() == first.get_json(), "the same key and body give back the same order"
    assert retry.headers.get("Location") == first.headers.get("Location")
    assert shop.stock_of(sencha) == 8, "the retry took no more stock"
    assert len(client.get("/orders/", headers=customer).get_json()) == 1, "one order, not two"


@pytest.mark.task(taskno=5)
def test_reusing_a_key_with_another_body_is_refused(shop, client, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 1)
    shop.order(customer, "1 High Street", key="k-1")
    shop.add_to_cart(customer, sencha, 1)
    response = shop.order(customer, "2 Low Road", key="k-1")
    assert response.status_code == 422, f"same key, different body: 422, got {response.status_code}"
    assert "Idempotency-Key" in response.get_json().get("message", "")
    second = shop.order(customer, "2 Low Road", key="k-2")
    assert second.status_code == 201, "a new key is a new order"


@pytest.mark.task(taskno=5)
def test_an_idempotency_key_is_text_postgresql_can_store(shop, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 1)
    for key in ["k\x00", "k" * 256]:
        response = shop.order(customer, key=key)
        assert response.status_code == 422, (
            f"Idempotency-Key {key[:5]!r}... (NUL, or over 255 characters) is refused with 422, got {response.status_code}"
        )
    assert shop.stock_of(sencha) == 10


@pytest.mark.task(taskno=5)
def test_idempotency_keys_belong_to_one_user(shop, teas) -> None:
    _, sencha, _ = teas
    ann, bob = shop.customer("ann@example.com"), shop.customer("bob@example.com")
    shop.add_to_cart(ann, sencha)
    shop.add_to_cart(bob, sencha)
    ann_order = shop.order(ann, key="same-key").get_json()
    bob_order = shop.order(bob, key="same-key").get_json()
    assert bob_order["id"] != ann_order["id"], "another user's key never returns someone else's order"
    assert bob_order["user_id"] != ann_order["user_id"]


@pytest.mark.task(taskno=5)
def test_order_needs_a_shipping_address(shop, client, teas) -> None:
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha)
    for body in [{}, {"shipping_address": ""}, {"shipping_address": 7}]:
        response = client.post("/orders/", json=body, headers=customer)
        assert response.status_code == 422, f"{body} must be refused with 422"
        assert "shipping_address" in response.get_json()["errors"]["json"]


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_order_waits_for_a_concurrent_checkout_of_the_same_product(shop, teas, database_url) -> None:
    """PostgreSQL only: another transaction holds the product's row lock and sells the last Assam meanwhile."""
    _, _, assam = teas
    customer = shop.customer()
    shop.add_to_cart(customer, assam, 2)
    result = {}
    with psycopg.connect(database_url) as other:  # leaving the block commits
        other.execute("SELECT stock FROM products WHERE id = %s FOR UPDATE", (assam,))
        checkout = threading.Thread(target=lambda: result.update(response=shop.order(customer)))
        checkout.start()
        checkout.join(0.5)  # our order is now waiting for the lock (or, without FOR UPDATE, has read stale stock)
        other.execute("UPDATE products SET stock = 0 WHERE id = %s", (assam,))
    checkout.join(5)
    assert "response" in result, "the order request crashed or hung"
    assert result["response"].status_code == 409, (
        "the other checkout took the last Assam: lock the products with SELECT ... FOR UPDATE "
        "(and populate_existing) before checking stock, so the order sees that and answers 409"
    )
    assert shop.stock_of(assam) == 0


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_cancelling_waits_for_a_concurrent_checkout_before_restocking(shop, client, teas, database_url) -> None:
    """PostgreSQL only: another transaction holds Sencha's row lock and sells one while our cancel runs."""
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 4)
    order_id = shop.order(customer).get_json()["id"]  # Sencha: 10 - 4 = 6 on the shelf
    result = {}
    with psycopg.connect(database_url) as other:  # leaving the block commits
        other.execute("SELECT stock FROM products WHERE id = %s FOR UPDATE", (sencha,))
        cancel = threading.Thread(
            target=lambda: result.update(response=client.post(f"/orders/{order_id}/cancel", headers=customer))
        )
        cancel.start()
        cancel.join(0.5)  # the cancel now waits for the lock (or, without FOR UPDATE, has read 6 already)
        other.execute("UPDATE products SET stock = stock - 1 WHERE id = %s", (sencha,))
    cancel.join(5)
    assert "response" in result, "the cancel request crashed or hung"
    assert result["response"].status_code == 200
    assert shop.stock_of(sencha) == 5 + 4, (
        "the other checkout left 5 and the cancel returns 4: lock the product (with_for_update) before adding "
        "the stock back, or the cancel writes 6 + 4 over the other checkout's sale"
    )


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_six_cancels_at_once_return_the_stock_once(app, shop, teas, race) -> None:
    """PostgreSQL only: the first cancel pauses before its commit while five more arrive."""
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 4)
    order_id = shop.order(customer).get_json()["id"]  # Sencha: 10 - 4 = 6 on the shelf

    def cancel():
        return app.test_client().post(f"/orders/{order_id}/cancel", headers=customer)

    answers = race(cancel, *[cancel] * 5)
    codes = [getattr(answer, "status_code", answer) for answer in answers]
    assert codes == [200, 409, 409, 409, 409, 409], (
        "one cancel wins, the five that arrive while it runs get 409: lock the order's row before you read its "
        "status (order_for_caller(order_id, lock=True): SELECT ... FOR UPDATE), or change it with a conditional "
        f"UPDATE ... WHERE status = 'pending'; got {codes}"
    )
    assert shop.stock_of(sencha) == 10, "the stock comes back once: 6 + 4"


@pytest.mark.task(taskno=5)
def test_an_order_total_may_pass_two_billion_cents(shop, client) -> None:
    admin = shop.admin()
    yacht = shop.product(admin, name="Yacht", price_cents=100_000_000, stock=22)  # $1,000,000, the highest price
    customer = shop.customer()
    for _ in range(2):
        assert shop.add_to_cart(customer, yacht, 11).status_code == 201
    response = shop.order(customer)
    assert response.status_code == 201, (
        f"22 x 100,000,000 cents is over 2**31 - 1, PostgreSQL's INTEGER: totals are BIGINT, got {response.get_json()}"
    )
    assert response.get_json()["total_cents"] == 2_200_000_000
    order_id = response.get_json()["id"]
    assert client.get(f"/orders/{order_id}", headers=customer).get_json()["total_cents"] == 2_200_000_000


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_reading_an_order_does_not_wait_for_a_cancel_in_progress(shop, teas, race) -> None:
    """PostgreSQL only: a cancel pauses before its commit while the customer reads the order."""
    _, sencha, _ = teas
    customer = shop.customer()
    shop.add_to_cart(customer, sencha, 4)
    order_id = shop.order(customer).get_json()["id"]
    cancel, read = race(
        lambda: shop.app.test_client().post(f"/orders/{order_id}/cancel", headers=customer),
        lambda: shop.app.test_client().get(f"/orders/{order_id}", headers=customer),
    )
    assert (cancel.status_code, read.status_code) == (200, 200)
    assert read.get_json()["status"] == "pending", (
        "a read takes no lock (order_for_caller locks only when asked to): it answers at once with what is "
        "committed, pending, instead of queueing behind the cancel"
    )
