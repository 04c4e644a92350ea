"""Milestone 6: payments as a state machine: authorized or declined, then captured, voided or refunded.

    authorized --capture--> captured --refund--> refunded
        |
        +------void------> voided              (declined, voided and refunded are final)

Mistakes these tests catch: a transition table with a hole (refunding an authorized payment,
capturing twice, voiding a captured one), an `if` chain that lets a final status move, the order
not following its payment (paid on capture, refunded with its stock back on refund), two live
payments for one order, paying a cancelled order, a cancelled order leaving its payment
authorized, customers refunding themselves, one customer reading another's payment, and, on
PostgreSQL, a capture and a cancel at once both answering 200 (or two payments at once both
authorized) because the order's row is not locked first. Also: an amount over 2**31 - 1 cents.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shop_api.shop_states import (
    AUTHORIZED,
    CAPTURED,
    DECLINED,
    DECLINED_CARD,
    EVENTS,
    REFUNDED,
    VOIDED,
    InvalidTransitionError,
    authorize,
    is_final,
    next_status,
)

CARD = "4242424242424242"
STATUSES = [AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED]


@pytest.mark.task(taskno=6)
def test_the_transition_table() -> None:
    assert authorize(CARD) == AUTHORIZED
    assert authorize(DECLINED_CARD) == DECLINED
    assert next_status(AUTHORIZED, "capture") == CAPTURED
    assert next_status(AUTHORIZED, "void") == VOIDED
    assert next_status(CAPTURED, "refund") == REFUNDED
    with pytest.raises(InvalidTransitionError, match="cannot refund a payment that is authorized"):
        next_status(AUTHORIZED, "refund")
    for status, event in [(CAPTURED, "capture"), (CAPTURED, "void"), (DECLINED, "capture"), (VOIDED, "capture")]:
        try:
            after = next_status(status, event)
        except InvalidTransitionError:
            continue
        pytest.fail(f"the diagram has no arrow for {event} from {status}, yet next_status answered {after}")
    assert [is_final(status) for status in STATUSES] == [False, True, False, True, True]


@pytest.mark.task(taskno=6)
@given(st.sampled_from([AUTHORIZED, DECLINED]), st.lists(st.sampled_from(EVENTS), max_size=6))
def test_any_sequence_of_events_stays_in_the_machine(start: str, events: list[str]) -> None:
    status, refunded_after_capture = start, True
    for event in events:
        try:
            new = next_status(status, event)
        except InvalidTransitionError:
            continue
        assert not is_final(status), f"{status} is final, yet {event} moved it to {new}"
        if new == REFUNDED:
            refunded_after_capture = status == CAPTURED
        status = new
    assert status in STATUSES
    assert refunded_after_capture, "only a captured payment can be refunded"


@pytest.fixture
def placed(shop):
    """(customer headers, order id, product id): a pending order of 2 teas at 450 (10 in stock before)."""
    admin = shop.admin()
    product = shop.product(admin, price_cents=450, stock=10)
    customer = shop.customer()
    shop.add_to_cart(customer, product, 2)
    return customer, shop.order(customer).get_json()["id"], product


def _pay(client, headers, order_id, card=CARD):
    return client.post(f"/orders/{order_id}/payments", json={"card_number": card}, headers=headers)


@pytest.mark.task(taskno=6)
def test_paying_authorizes_the_order_total(client, placed) -> None:
    customer, order_id, _ = placed
    response = _pay(client, customer, order_id)
    assert response.status_code == 201, f"got {response.status_code}: {response.get_json()}"
    payment = response.get_json()
    assert payment == {
        "id": payment["id"],
        "order_id": order_id,
        "status": "authorized",
        "amount_cents": 900,
        "card_last4": "4242",
    }, "the payment is for the order's total, and keeps only the card's last 4 digits"
    assert response.headers.get("Location") == f"/payments/{payment['id']}"
    assert client.get(f"/orders/{order_id}/payments", headers=customer).get_json() == [payment]
    assert _pay(client, customer, order_id).status_code == 409, "one authorized payment per order at a time"


@pytest.mark.task(taskno=6)
def test_capture_marks_the_order_paid(client, placed) -> None:
    customer, order_id, _ = placed
    payment_id = _pay(client, customer, order_id).get_json()["id"]
    response = client.post(f"/payments/{payment_id}/capture", headers=customer)
    assert response.status_code == 200
    assert response.get_json()["status"] == "captured"
    assert client.get(f"/orders/{order_id}", headers=customer).get_json()["status"] == "paid"
    again = client.post(f"/payments/{payment_id}/capture", headers=customer)
    assert again.status_code == 409, f"capturing twice is a 409, got {again.status_code}"
    assert "captured" in again.get_json().get("message", ""), "say what status the payment is in"
    assert client.post(f"/orders/{order_id}/cancel", headers=customer).status_code == 409, (
        "a paid order is refunded, not cancelled"
    )


@pytest.mark.task(taskno=6)
def test_declined_or_voided_payments_leave_the_order_waiting(client, placed) -> None:
    customer, order_id, _ = placed
    declined = _pay(client, customer, order_id, DECLINED_CARD).get_json()
    assert declined["status"] == "declined"
    payment_id = _pay(client, customer, order_id).get_json()["id"]
    voided = client.post(f"/payments/{payment_id}/void", headers=customer)
    assert voided.status_code == 200
    assert voided.get_json()["status"] == "voided"
    assert client.get(f"/orders/{order_id}", headers=customer).get_json()["status"] == "pending"
    assert _pay(client, customer, order_id).status_code == 201, "after a decline or a void the customer may pay again"


@pytest.mark.task(taskno=6)
def test_cancelling_voids_the_authorized_payment_and_blocks_new_ones(client, placed) -> None:
    customer, order_id, _ = placed
    payment_id = _pay(client, customer, order_id).get_json()["id"]
    client.post(f"/orders/{order_id}/cancel", headers=customer)
    assert client.get(f"/payments/{payment_id}", headers=customer).get_json()["status"] == "voided", (
        "nobody will capture money for a cancelled order"
    )
    assert _pay(client, customer, order_id).status_code == 409, "a cancelled order cannot be paid"


@pytest.mark.task(taskno=6)
def test_only_an_admin_refunds_and_the_stock_comes_back(shop, client, placed) -> None:
    customer, order_id, product = placed
    payment_id = _pay(client, customer, order_id).get_json()["id"]
    client.post(f"/payments/{payment_id}/capture", headers=customer)
    assert client.post(f"/payments/{payment_id}/refund", headers=customer).status_code == 403
    admin = shop.token_headers("admin@example.com")
    response = client.post(f"/payments/{payment_id}/refund", headers=admin)
    assert response.status_code == 200
    assert response.get_json()["status"] == "refunded"
    assert client.get(f"/orders/{order_id}", headers=customer).get_json()["status"] == "refunded"
    assert shop.stock_of(product) == 10, "a refunded order's stock goes back on the shelf"
    assert client.post(f"/payments/{payment_id}/refund", headers=admin).status_code == 409


@pytest.mark.task(taskno=6)
def test_payments_of_others_are_not_found(shop, client, placed) -> None:
    customer, order_id, _ = placed
    payment_id = _pay(client, customer, order_id).get_json()["id"]
    stranger = shop.customer("eve@example.com")
    for response in [
        client.get(f"/payments/{payment_id}", headers=stranger),
        client.post(f"/payments/{payment_id}/capture", headers=stranger),
        _pay(client, stranger, order_id),
    ]:
        assert response.status_code == 404, f"another customer's payment or order is a 404, got {response.status_code}"
    assert client.get(f"/payments/{payment_id}", headers=customer).status_code == 200
    theirs = client.get(f"/payments/{payment_id}", headers=stranger).get_json()
    missing = client.get("/payments/999", headers=stranger).get_json()
    assert (theirs.get("message"), missing.get("message")) == (
        f"payment {payment_id} not found",
        "payment 999 not found",
    ), (
        f"someone else's payment gets the very 404 of a missing one, naming what was asked for, got {theirs} and {missing}"
    )


@pytest.mark.task(taskno=6)
def test_card_numbers_are_12_to_19_digits(client, placed) -> None:
    customer, order_id, _ = placed
    for card in ["4242", "4242-4242-4242-4242", 4242424242424242, "", "42424242424242424242"]:
        assert _pay(client, customer, order_id, card).status_code == 422, f"card_number {card!r} must be refused"


def _codes(answers) -> list:
    return [getattr(answer, "status_code", answer) for answer in answers]


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("first", ["capture", "cancel"])
def test_a_capture_and_a_cancel_at_once_cannot_both_succeed(app, shop, placed, race, first: str) -> None:
    """PostgreSQL only: one of them pauses before its commit while the other arrives."""
    customer, order_id, product = placed
    payment_id = _pay(shop.client, customer, order_id).get_json()["id"]
    send = {
        "capture": lambda: app.test_client().post(f"/payments/{payment_id}/capture", headers=customer),
        "cancel": lambda: app.test_client().post(f"/orders/{order_id}/cancel", headers=customer),
    }
    second = "cancel" if first == "capture" else "capture"
    codes = _codes(race(send[first], send[second]))
    assert codes == [200, 409], (
        f"{first} came first, so {second} must be refused (409): the customer must not be told both. Lock the "
        "order's row first in every request that changes it or its payments (a cancel, a capture, a void, a "
        f"refund, a new payment), then read the payment afresh; got {dict(zip([first, second], codes, strict=True))}"
    )
    order = shop.client.get(f"/orders/{order_id}", headers=customer).get_json()
    payment = shop.client.get(f"/payments/{payment_id}", headers=customer).get_json()
    expected = ("paid", CAPTURED, 8) if first == "capture" else ("cancelled", VOIDED, 10)
    assert (order["status"], payment["status"], shop.stock_of(product)) == expected, (
        "the order, its payment and the stock agree with the one that succeeded"
    )


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize(("first", "second"), [("void", "capture"), ("capture", "void"), ("refund", "refund")])
def test_two_events_on_one_payment_at_once_apply_one(shop, placed, race, first: str, second: str) -> None:
    """PostgreSQL only: the first event pauses before its commit while the second arrives."""
    customer, order_id, product = placed
    admin = shop.admin("boss@example.com")  # refunds are admin work
    payment_id = _pay(shop.client, customer, order_id).get_json()["id"]
    if first == "refund":
        shop.client.post(f"/payments/{payment_id}/capture", headers=customer)

    def send(event: str):
        return lambda: shop.app.test_client().post(f"/payments/{payment_id}/{event}", headers=admin)

    codes = _codes(race(send(first), send(second)))
    assert codes == [200, 409], (
        f"{first} came first, so {second} must be refused (409): lock the payment's order first "
        f"(payment_for_caller(payment_id, lock=True)), then read the payment afresh; got {codes}"
    )
    expected = {"void": ("pending", VOIDED, 8), "capture": ("paid", CAPTURED, 8), "refund": ("refunded", REFUNDED, 10)}
    order = shop.client.get(f"/orders/{order_id}", headers=customer).get_json()
    payment = shop.client.get(f"/payments/{payment_id}", headers=customer).get_json()
    assert (order["status"], payment["status"], shop.stock_of(product)) == expected[first], (
        "the order, its payment and the stock show the first event only (a refund returns the stock once)"
    )


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_payments_at_once_authorize_one(app, shop, placed, race) -> None:
    """PostgreSQL only: the first payment pauses before its commit while the second arrives."""
    customer, order_id, _ = placed

    def pay():
        return _pay(app.test_client(), customer, order_id)

    codes = _codes(race(pay, pay))
    assert codes == [201, 409], f"an order has one authorized payment at a time: lock the order first, got {codes}"
    statuses = [p["status"] for p in shop.client.get(f"/orders/{order_id}/payments", headers=customer).get_json()]
    assert statuses == [AUTHORIZED]


@pytest.mark.task(taskno=6)
def test_a_payment_may_pass_two_billion_cents(shop, client) -> None:
    admin = shop.admin()
    yacht = shop.product(admin, name="Yacht", price_cents=100_000_000, stock=22)
    customer = shop.customer()
    shop.add_to_cart(customer, yacht, 22)
    order_id = shop.order(customer).get_json()["id"]
    response = _pay(client, customer, order_id)
    assert response.status_code == 201, f"amounts are BIGINT, as totals are: got {response.get_json()}"
    assert response.get_json()["amount_cents"] == 2_200_000_000


@pytest.mark.task(taskno=6)
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_reading_a_payment_does_not_wait_for_a_capture_in_progress(shop, placed, race) -> None:
    """PostgreSQL only: a capture pauses before its commit while the customer reads the payment."""
    customer, order_id, _ = placed
    payment_id = _pay(shop.client, customer, order_id).get_json()["id"]
    capture, read = race(
        lambda: shop.app.test_client().post(f"/payments/{payment_id}/capture", headers=customer),
        lambda: shop.app.test_client().get(f"/payments/{payment_id}", headers=customer),
    )
    assert (capture.status_code, read.status_code) == (200, 200)
    assert read.get_json()["status"] == AUTHORIZED, (
        "a read takes no lock (payment_for_caller locks only when asked to): it answers at once with what is "
        "committed, authorized, instead of queueing behind the capture"
    )
