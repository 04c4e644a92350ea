"""Milestone 2: the catalog and orders services — internal tokens, validation, own database, HTTP with timeouts.

Mistakes these tests catch: services open to anyone (no internal token) or to every service (the orders
service taking calls from the orders token: least privilege), request bodies trusted (a quantity of 0 or
1000, extra fields such as a `status` or a price set by the caller, a SKU with slashes), an order priced
by the caller instead of the catalog, a catalog call without a timeout (hangs) or whose failure becomes a
500, `order.placed` published without the order or the request id, orders kept in memory (lost on restart).
"""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from microshop.catalog.catalog_app import create_app as create_catalog
from microshop.common.events import ORDER_PLACED
from microshop.common.settings import ConfigError
from microshop.orders.orders_app import create_app as create_orders

ORDER = {"customer": "ann", "sku": "mug", "quantity": 2}


@pytest.fixture
def catalog(settings_for):
    """The catalog service, in process."""
    return create_catalog(settings_for("catalog"))


@pytest.fixture
def orders(settings_for, bus, catalog):
    """A function starting the orders service on the FakeBus; it reaches the catalog in process (or via `transport`)."""

    def start(transport: httpx.AsyncBaseTransport | None = None) -> TestClient:
        app = create_orders(
            settings_for("orders"), bus=bus, catalog_transport=transport or httpx.ASGITransport(catalog)
        )
        return TestClient(app)

    return start


@pytest.mark.task(taskno=6)
def test_catalog_lists_products_for_its_callers(catalog, as_service) -> None:
    client = TestClient(catalog)
    response = client.get("/products", headers=as_service("orders"))
    assert response.status_code == 200, response.text
    assert {"sku": "mug", "name": "Enamel mug", "price_cents": 900} in response.json()
    assert client.get("/products/mug", headers=as_service("gateway")).json()["price_cents"] == 900
    assert client.get("/products/nope", headers=as_service("gateway")).status_code == 404


@pytest.mark.task(taskno=6)
def test_services_refuse_calls_without_a_valid_internal_token(catalog, orders) -> None:
    refused = TestClient(catalog).get("/products")
    assert refused.status_code == 401, "no token: 401"
    assert refused.json()["detail"] == "a valid service token is required"
    assert TestClient(catalog).get("/products", headers={"X-Service-Token": "guess" * 10}).status_code == 401
    with orders() as client:
        assert client.post("/orders", json=ORDER).status_code == 401
    assert TestClient(catalog).get("/healthz").json() == {"status": "ok", "service": "catalog"}, (
        "health checks stay open (for the orchestrator)"
    )
    with orders() as client:
        assert client.get("/healthz").json() == {"status": "ok", "service": "orders"}
        assert client.get("/openapi.json").status_code == 404, "an internal service publishes no API description"
    assert TestClient(catalog).get("/openapi.json").status_code == 404


@pytest.mark.task(taskno=6)
def test_orders_accepts_only_the_gateway(orders, as_service) -> None:
    with orders() as client:
        response = client.post("/orders", json=ORDER, headers=as_service("orders"))
    assert response.status_code == 403, "least privilege: a known service that has no business here gets 403"
    assert response.json()["detail"] == "orders may not call orders", "say which caller was refused, and by whom"


@pytest.mark.task(taskno=7)
def test_placing_an_order_prices_it_saves_it_and_announces_it(orders, bus, as_service) -> None:
    with orders() as client:
        response = client.post("/orders", json=ORDER, headers=as_service(**{"X-Request-ID": "req-42"}))
        assert response.status_code == 201, response.text
        order = response.json()
        assert (order["status"], order["total_cents"], order["customer"]) == ("pending", 1800, "ann"), (
            "a new order is pending, priced by the catalog (2 x 900)"
        )
        assert response.headers["X-Request-ID"] == "req-42", "echo the request id"
        assert client.get(f"/orders/{order['id']}", headers=as_service()).json() == order
        assert len(bus.of_type(ORDER_PLACED)) == 1, "publish (flush the relay) before answering 201"
    [placed] = bus.of_type(ORDER_PLACED)
    assert placed.data == {"order_id": order["id"], "sku": "mug", "quantity": 2}
    assert placed.request_id == "req-42", "the event carries the request id on to the consumers"


@pytest.mark.task(taskno=7)
@pytest.mark.parametrize(
    "body",
    [
        {**ORDER, "quantity": 0},
        {**ORDER, "quantity": 11},
        {**ORDER, "quantity": "2"},
        {**ORDER, "sku": "../admin"},
        {**ORDER, "status": "confirmed"},
        {**ORDER, "total_cents": 1},
        {"sku": "mug", "quantity": 1},
    ],
    ids=["zero", "too-many", "string-quantity", "path-in-sku", "sets-status", "sets-price", "no-customer"],
)
def test_orders_validates_every_field(orders, bus, as_service, body) -> None:
    with orders() as client:
        response = client.post("/orders", json=body, headers=as_service())
    assert response.status_code == 422, f"refuse {body}: validate with pydantic, forbid extra fields"
    assert bus.published == [], "a refused order announces nothing"


@pytest.mark.task(taskno=7)
def test_an_unknown_product_is_refused(orders, bus, as_service) -> None:
    with orders() as client:
        response = client.post("/orders", json={**ORDER, "sku": "yacht"}, headers=as_service())
    assert response.status_code == 422
    assert "yacht" in response.json()["detail"]


@pytest.mark.task(taskno=7)
def test_a_slow_catalog_gives_503_not_a_hang(orders, bus, as_service) -> None:
    seen: list[httpx.Request] = []

    def timing_out(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ReadTimeout("catalog too slow", request=request)

    with orders(httpx.MockTransport(timing_out)) as client:
        response = client.post("/orders", json=ORDER, headers=as_service())
    assert response.status_code == 503, "a downstream timeout is the service being unavailable, not a crash"
    assert bus.published == []
    assert seen[0].extensions["timeout"]["read"] is not None, "every service-to-service call needs a timeout"
    assert seen[0].headers["X-Service-Token"], "orders shows the catalog its own token"


@pytest.mark.task(taskno=7)
@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(lambda request: httpx.Response(500, json={"detail": "boom"}), id="catalog-500"),
        pytest.param(lambda request: httpx.Response(401, json={"detail": "who?"}), id="catalog-401"),
        pytest.param(lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)), id="down"),
    ],
)
def test_a_failing_catalog_gives_503_and_says_so(orders, bus, as_service, failure) -> None:
    with orders(httpx.MockTransport(failure)) as client:
        response = client.post("/orders", json=ORDER, headers=as_service())
    assert response.status_code == 503, "whatever goes wrong behind orders, its caller sees 503"
    assert "catalog" in response.json()["detail"], "the detail names the service that failed"
    assert bus.published == []


@pytest.mark.task(taskno=7)
def test_the_bootstrap_reads_its_settings_from_the_environment(env, bus, monkeypatch, as_service) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with TestClient(create_orders(bus=bus, catalog_transport=httpx.ASGITransport(create_catalog()))) as client:
        assert client.post("/orders", json=ORDER, headers=as_service()).status_code == 201
    monkeypatch.delenv("MICROSHOP_TOKEN_ORDERS")
    with pytest.raises(ConfigError, match="MICROSHOP_TOKEN_ORDERS"):
        create_orders(bus=bus)
    with pytest.raises(ConfigError, match="MICROSHOP_TOKEN_ORDERS"):
        create_catalog()


@pytest.mark.task(taskno=8)
def test_orders_survive_a_restart_in_their_own_database(orders, env, as_service) -> None:
    with orders() as client:
        order = client.post("/orders", json=ORDER, headers=as_service()).json()
    with orders() as client:
        again = client.get(f"/orders/{order['id']}", headers=as_service())
    assert again.status_code == 200, f"keep orders in the SQLite file {env['MICROSHOP_ORDERS_DB']}, not in memory"
    assert again.json() == order


@pytest.mark.task(taskno=7)
def test_an_unreachable_catalog_is_named_with_the_error_class(orders, bus, as_service) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with orders(httpx.MockTransport(refuse)) as client:
        detail = client.post("/orders", json=ORDER, headers=as_service()).json()["detail"]
    assert detail == "catalog: ConnectError", (
        f"say 'catalog: <the httpx error's class>' (not its message, which may name internal hosts); got {detail!r}"
    )


@pytest.mark.task(taskno=7)
def test_an_unknown_order_id_is_404(orders, as_service) -> None:
    with orders() as client:
        response = client.get(f"/orders/{'f' * 32}", headers=as_service())
    assert response.status_code == 404, f"GET /orders/<unknown id> is 404, not a crash (got {response.status_code})"


@pytest.mark.task(taskno=7)
def test_the_orders_database_can_be_used_from_another_thread(tmp_path) -> None:
    import threading

    from microshop.orders.orders_db import OrdersDb

    db, errors = OrdersDb(tmp_path / "orders.sqlite3"), []

    def look_up() -> None:
        try:
            errors.append(db.get("f" * 32))
        except Exception as error:
            errors.append(error)

    worker = threading.Thread(target=look_up)
    worker.start()
    worker.join()
    db.close()
    assert errors == [None], (
        "uvicorn and anyio run requests on other threads than the one that opened the database: "
        f"connect with check_same_thread=False (the thread got {errors})"
    )
