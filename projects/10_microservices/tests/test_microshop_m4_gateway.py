"""Milestone 4: the gateway — JWT, rate limit, REST and GraphQL, request ids, and the WebSocket feed.

Mistakes these tests catch: endpoints open without a token, the customer taken from the request body
instead of the verified JWT (anyone orders as anyone), another customer's order readable by id, the
request id not passed to the services, the internal token missing on downstream calls, no rate limit (or
one that never recovers), a downstream timeout turned into a 500, GraphQL skipping the REST API's
validation, a WebSocket open to anyone, or pushing every customer's orders to every socket; a GraphQL
request limited as one request (50 aliased `placeOrder`s pass a limit of 5), no limit on its size, depth,
aliases or cost, a cost that misses what fragments add, a refusal that runs part of the request.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient
from microshop.common.events import ORDER_UPDATED, Event
from microshop.common.settings import ConfigError
from microshop.gateway.gateway_app import create_app as create_gateway
from microshop.gateway.rate_limit import RateLimiter
from starlette.websockets import WebSocketDisconnect


class FakeServices:
    """The catalog and orders services as an httpx MockTransport: remembers every request it was sent."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.orders: dict[str, dict[str, object]] = {}
        self.slow = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.slow:
            raise httpx.ReadTimeout("too slow", request=request)
        if (request.url.host, request.method, request.url.path) == ("catalog.test", "GET", "/products"):
            return httpx.Response(200, json=[{"sku": "mug", "name": "Enamel mug", "price_cents": 900}])
        if (request.url.host, request.method, request.url.path) == ("orders.test", "POST", "/orders"):
            body = json.loads(request.content)
            if body["sku"] != "mug":
                return httpx.Response(422, json={"detail": f"unknown product {body['sku']}"})
            order = {**body, "id": uuid.uuid4().hex, "total_cents": 900 * body["quantity"], "status": "pending"}
            self.orders[str(order["id"])] = order
            return httpx.Response(201, json=order)
        if request.url.host == "orders.test" and request.method == "GET":
            found = self.orders.get(request.url.path.rsplit("/", 1)[-1])
            return httpx.Response(200, json=found) if found else httpx.Response(404, json={"detail": "no such order"})
        return httpx.Response(404, json={"detail": "not found"})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def services() -> FakeServices:
    return FakeServices()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def gateway(settings_for, bus, services, clock):
    """The gateway on the FakeBus, its services faked by `services`, its rate limiter on `clock`."""
    settings = settings_for("gateway", MICROSHOP_RATE_LIMIT="5")
    app = create_gateway(settings, bus=bus, transport=httpx.MockTransport(services), clock=clock)
    with TestClient(app) as client:
        yield client


def bearer(jwt: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {jwt}"}


@pytest.mark.task(taskno=12)
def test_api_needs_a_valid_jwt(gateway, token) -> None:
    missing, invalid = gateway.get("/api/products"), gateway.get("/api/products", headers=bearer("nonsense"))
    for refused in (missing, invalid):
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == "Bearer", "a 401 says how to authenticate (RFC 6750)"
    assert (missing.json()["detail"], invalid.json()["detail"]) == ("log in first", "invalid token")
    assert gateway.get("/healthz").json() == {"status": "ok", "service": "gateway"}
    assert gateway.get("/openapi.json").json()["info"]["title"] == "microshop gateway", "the gateway documents its API"
    response = gateway.get("/api/products", headers=bearer(token("ann")))
    assert response.status_code == 200, response.text
    assert response.json()[0]["sku"] == "mug"


@pytest.mark.task(taskno=12)
def test_orders_are_placed_for_the_customer_in_the_token(gateway, token, services) -> None:
    response = gateway.post(
        "/api/orders", json={"sku": "mug", "quantity": 2}, headers={**bearer(token("ann")), "X-Request-ID": "gw-7"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["customer"] == "ann"
    sent = services.requests[-1]
    assert json.loads(sent.content) == {"sku": "mug", "quantity": 2, "customer": "ann"}
    assert sent.headers["X-Request-ID"] == "gw-7", "propagate the request id to the services"
    assert sent.headers["X-Service-Token"], "call the services with the gateway's internal token"
    assert response.headers["X-Request-ID"] == "gw-7"


@pytest.mark.task(taskno=12)
def test_the_customer_cannot_be_chosen_in_the_body(gateway, token, services) -> None:
    response = gateway.post(
        "/api/orders", json={"sku": "mug", "quantity": 1, "customer": "bob"}, headers=bearer(token("ann"))
    )
    assert response.status_code == 422, "forbid extra fields: the customer comes from the JWT only"
    assert services.requests == []


@pytest.mark.task(taskno=12)
def test_a_customer_sees_only_their_own_orders(gateway, token) -> None:
    order = gateway.post("/api/orders", json={"sku": "mug", "quantity": 1}, headers=bearer(token("ann"))).json()
    assert gateway.get(f"/api/orders/{order['id']}", headers=bearer(token("ann"))).json()["status"] == "pending"
    assert gateway.get(f"/api/orders/{order['id']}", headers=bearer(token("bob"))).status_code == 404, (
        "another customer's order does not exist as far as bob can tell (404, not 403)"
    )
    assert gateway.get("/api/orders/..%2F..%2Fproducts", headers=bearer(token("ann"))).status_code == 404


@pytest.mark.task(taskno=12)
def test_a_slow_service_gives_504(gateway, token, services) -> None:
    services.slow = True
    response = gateway.get("/api/products", headers=bearer(token("ann")))
    assert response.status_code == 504
    assert "in time" in response.json()["detail"], "say what went wrong: the service did not answer in time"
    assert services.requests[0].extensions["timeout"]["read"] is not None, "the gateway's calls need timeouts too"


@pytest.mark.task(taskno=12)
@pytest.mark.parametrize(
    "case",
    [
        (lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)), 503, "unavailable"),
        (lambda request: httpx.Response(500, text="boom"), 502, "500"),
        (lambda request: httpx.Response(404, text="not json"), 404, "rejected"),
        (lambda request: httpx.Response(404, json={}), 404, "rejected"),
        (lambda request: httpx.Response(422, json={"detail": [{"loc": ["body"]}]}), 422, "invalid request"),
    ],
    ids=["down", "broken", "404-not-json", "404-no-detail", "422-list"],
)
def test_service_failures_become_clear_gateway_errors(settings_for, bus, token, case) -> None:
    failure, status, detail = case
    app = create_gateway(settings_for("gateway"), bus=bus, transport=httpx.MockTransport(failure))
    with TestClient(app) as client:
        response = client.get("/api/products", headers=bearer(token("ann")))
    assert response.status_code == status
    assert detail in response.json()["detail"], "a service's detail is passed on only when it is a plain message"


@pytest.mark.task(taskno=12)
def test_the_services_refusal_reaches_the_customer(gateway, token) -> None:
    response = gateway.post("/api/orders", json={"sku": "yacht", "quantity": 1}, headers=bearer(token("ann")))
    assert response.status_code == 422, "pass the orders service's 422 on"
    assert response.json()["detail"] == "unknown product yacht"


@pytest.mark.task(taskno=13)
def test_rate_limit_per_customer_with_retry_after(gateway, token, clock) -> None:
    ann = bearer(token("ann"))
    codes = [gateway.get("/api/products", headers=ann).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429], "MICROSHOP_RATE_LIMIT=5: the sixth request in a minute is refused"
    refused = gateway.get("/api/products", headers=ann)
    assert refused.headers["Retry-After"] == "12", "5 a minute: the next request is possible in 12 s (rounded up)"
    assert refused.json()["detail"] == "slow down"
    assert gateway.get("/api/products", headers=bearer(token("bob"))).status_code == 200, "limits are per customer"
    clock.now += 12  # 5 a minute: one more request every 12 seconds
    assert gateway.get("/api/products", headers=ann).status_code == 200


@pytest.mark.task(taskno=12)
def test_the_gateway_bootstrap_reads_its_settings_from_the_environment(env, bus, services, token, monkeypatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with TestClient(create_gateway(bus=bus, transport=httpx.MockTransport(services))) as client:
        assert client.get("/api/products", headers=bearer(token("ann"))).status_code == 200
    assert services.requests[0].url.host == "catalog.test", "MICROSHOP_CATALOG_URL says where the catalog is"
    monkeypatch.delenv("MICROSHOP_JWT_SECRET")
    with pytest.raises(ConfigError, match="MICROSHOP_JWT_SECRET"):
        create_gateway(bus=bus)


@pytest.mark.task(taskno=13)
def test_rate_limiter_refills_at_the_limit_per_minute() -> None:
    now = [0.0]
    limiter = RateLimiter(5, clock=lambda: now[0])
    assert [limiter.hit("ann") for _ in range(5)] == [None] * 5
    assert limiter.hit("ann") == pytest.approx(12.0), "5 a minute: the next token comes in 12 s"
    now[0] = 6.0
    assert limiter.hit("ann") == pytest.approx(6.0), "half a token refilled after 6 s: 6 s to go"
    now[0] = 12.0
    assert limiter.hit("ann") is None
    now[0] = 1000.0
    assert [limiter.hit("ann") for _ in range(6)].count(None) == 5, "an idle bucket fills up to the limit, no more"
    assert RateLimiter(1).hit("x") is None, "a limit of 1 is allowed"
    with pytest.raises(ValueError, match="at least 1"):
        RateLimiter(0)


@pytest.mark.task(taskno=14)
def test_graphql_lists_products_and_places_orders(gateway, token) -> None:
    ann = bearer(token("ann"))
    listed = gateway.post("/graphql", json={"query": "{ products { sku priceCents } }"}, headers=ann)
    assert listed.json() == {"data": {"products": [{"sku": "mug", "priceCents": 900}]}}
    mutation = 'mutation { placeOrder(sku: "mug", quantity: 2) { id status totalCents } }'
    placed = gateway.post("/graphql", json={"query": mutation}, headers=ann).json()["data"]["placeOrder"]
    assert (placed["status"], placed["totalCents"]) == ("pending", 1800)
    query = f'{{ order(id: "{placed["id"]}") {{ status }} }}'
    assert gateway.post("/graphql", json={"query": query}, headers=ann).json()["data"]["order"] == {"status": "pending"}
    theirs = gateway.post("/graphql", json={"query": query}, headers=bearer(token("bob"))).json()
    assert theirs["data"]["order"] is None


@pytest.mark.task(taskno=14)
def test_graphql_needs_a_jwt_and_validates_like_rest(gateway, token, services) -> None:
    assert gateway.post("/graphql", json={"query": "{ products { sku } }"}).status_code == 401
    mutation = 'mutation { placeOrder(sku: "mug", quantity: 500) { id } }'
    result = gateway.post("/graphql", json={"query": mutation}, headers=bearer(token("ann"))).json()
    assert result.get("errors"), "a quantity of 500 is refused through GraphQL too"
    assert services.requests == []


@pytest.mark.task(taskno=15)
def test_websocket_pushes_updates_of_the_customers_own_orders(gateway, token, bus) -> None:
    def updated(order_id: str, customer: str, status: str) -> Event:
        return Event(type=ORDER_UPDATED, data={"order_id": order_id, "customer": customer, "status": status})

    with gateway.websocket_connect(f"/ws/orders?token={token('ann')}") as socket:
        gateway.portal.call(bus.publish, updated("b" * 32, "bob", "confirmed"))
        gateway.portal.call(bus.publish, updated("a" * 32, "ann", "confirmed"))
        assert socket.receive_json() == {"order_id": "a" * 32, "status": "confirmed"}, (
            "ann's socket gets ann's update, and never bob's"
        )


@pytest.mark.task(taskno=15)
def test_websocket_refuses_a_bad_token(gateway) -> None:
    with pytest.raises(WebSocketDisconnect) as refused, gateway.websocket_connect("/ws/orders?token=forged") as socket:
        socket.receive_json()
    assert refused.value.code == 1008, "close with 1008 (policy violation) before accepting"


def refusing(status: int, **body: object) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        if "json" in body:
            return httpx.Response(status, json=body["json"])
        return httpx.Response(status, text=str(body.get("text", "")))

    return answer


@pytest.mark.task(taskno=12)
@pytest.mark.parametrize(
    "case",
    [
        pytest.param((refusing(422, json={"detail": [{"loc": ["sku"]}]}), 422, "invalid request"), id="422-list"),
        pytest.param((refusing(422, json={}), 422, "rejected"), id="422-no-detail"),
        pytest.param((refusing(404, text="<html>nope</html>"), 404, "rejected"), id="404-not-json"),
    ],
)
def test_a_refusal_without_a_readable_detail_gets_a_plain_one(settings_for, bus, token, case) -> None:
    answer, status, detail = case
    app = create_gateway(settings_for("gateway"), bus=bus, transport=httpx.MockTransport(answer))
    with TestClient(app) as client:
        response = client.post("/api/orders", json={"sku": "mug", "quantity": 1}, headers=bearer(token("ann")))
    assert (response.status_code, response.json()) == (status, {"detail": detail}), (
        f"pass the service's {status} on; when its detail is not a string, say {detail!r} "
        "(never forward a validation structure that describes the internal API)"
    )


@pytest.mark.task(taskno=12)
def test_a_failing_orders_service_is_502_not_404_when_reading_an_order(settings_for, bus, token) -> None:
    app = create_gateway(settings_for("gateway"), bus=bus, transport=httpx.MockTransport(refusing(500, json={})))
    with TestClient(app) as client:
        response = client.get(f"/api/orders/{'a' * 32}", headers=bearer(token("ann")))
    assert response.status_code == 502, (
        f"only the orders service's 404 means 'no such order'; its 500 is a bad gateway (got {response.status_code})"
    )


@pytest.mark.task(taskno=14)
def test_graphql_returns_every_field_it_declares(gateway, token) -> None:
    ann = bearer(token("ann"))
    listed = gateway.post("/graphql", json={"query": "{ products { sku name priceCents } }"}, headers=ann).json()
    assert listed == {"data": {"products": [{"sku": "mug", "name": "Enamel mug", "priceCents": 900}]}}
    mutation = 'mutation { placeOrder(sku: "mug", quantity: 2) { sku quantity totalCents status } }'
    placed = gateway.post("/graphql", json={"query": mutation}, headers=ann).json()
    assert placed == {"data": {"placeOrder": {"sku": "mug", "quantity": 2, "totalCents": 1800, "status": "pending"}}}


@pytest.mark.task(taskno=14)
def test_graphql_serves_no_ide_in_production(gateway, token) -> None:
    response = gateway.get("/graphql", headers={"Accept": "text/html", **bearer(token("ann"))})
    assert "text/html" not in response.headers.get("content-type", ""), (
        "GraphQLRouter(..., graphql_ide=None): a production API serves no in-browser IDE"
    )


@pytest.mark.task(taskno=15)
def test_order_updates_forget_a_closed_socket_and_keep_the_others() -> None:
    from microshop.gateway.order_updates import OrderUpdates

    updates = OrderUpdates()
    first, second = updates.listen("ann"), updates.listen("ann")
    updates.stop("ann", first)
    event = Event(type=ORDER_UPDATED, data={"order_id": "a" * 32, "customer": "ann", "status": "confirmed"})
    asyncio.run(updates.on_order_updated(event))
    assert first.empty(), "a stopped queue (its socket closed) gets no more updates"
    assert second.get_nowait() == {"order_id": "a" * 32, "status": "confirmed"}, "ann's other socket still does"


@pytest.mark.task(taskno=15)
def test_websocket_keeps_pushing_after_the_client_sends_something(gateway, token, bus) -> None:
    update = Event(type=ORDER_UPDATED, data={"order_id": "a" * 32, "customer": "ann", "status": "confirmed"})
    with gateway.websocket_connect(f"/ws/orders?token={token('ann')}") as socket:
        socket.send_text("ping")
        gateway.portal.call(bus.publish, update)
        assert socket.receive_json() == {"order_id": "a" * 32, "status": "confirmed"}, (
            "only a disconnect ends the feed: a message from the client (a keep-alive ping) must not"
        )


def aliased(field: str, count: int, selection: str = "{ id }") -> str:
    """`count` copies of `field`, each under its own alias: `o0: placeOrder(...) { id } o1: ...`."""
    return " ".join(f"o{n}: {field} {selection}" for n in range(count))


def graphql(gateway, jwt: str, query: str):  # type: ignore[no-untyped-def]
    return gateway.post("/graphql", json={"query": query}, headers=bearer(jwt))


PLACE_MUG = 'placeOrder(sku: "mug", quantity: 1)'


@pytest.mark.task(taskno=14)
def test_graphql_refuses_fifty_aliased_orders_in_one_request(gateway, token, services) -> None:
    response = graphql(gateway, token("ann"), f"mutation {{ {aliased(PLACE_MUG, 50)} }}")
    messages = [error["message"] for error in response.json().get("errors", [])]
    assert "50 aliases found. Allowed: 10" in messages, (
        f"at most 10 aliases in a document (strawberry's MaxAliasesLimiter); got {messages}"
    )
    assert services.requests == [], "a refused document places nothing: it is refused before anything runs"


@pytest.mark.task(taskno=14)
def test_graphql_refuses_more_than_five_operations_in_one_request(gateway, token, services) -> None:
    ann = token("ann")
    six = graphql(gateway, ann, f"mutation {{ {aliased(PLACE_MUG, 6)} }}").json()
    assert [error["message"] for error in six.get("errors", [])] == [
        "this request costs 6 operations; at most 5 at once"
    ], "each root field is one operation (one call to a service): at most 5 in one request"
    hidden = f"mutation {{ ...Many }} fragment Many on Mutation {{ {aliased(PLACE_MUG, 6)} }}"
    assert "this request costs 6" in str(graphql(gateway, ann, hidden).json().get("errors")), (
        "count the root fields that fragments add too"
    )
    assert services.requests == []
    inline = f"{{ ... on Query {{ {aliased('products', 6, '{ sku }')} }} }}"
    assert "this request costs 6" in str(graphql(gateway, ann, inline).json().get("errors")), "inline fragments too"
    three = "fragment Three on Query { a: products { sku } b: products { sku } c: products { sku } }"
    twice = graphql(gateway, ann, "{ ...Three ...Three } " + three).json()
    assert sorted(twice.get("data") or {}) == ["a", "b", "c"], "a fragment spread twice selects its fields once: 3"
    missing = graphql(gateway, ann, "{ ...Missing }")
    assert (missing.status_code, missing.json()["data"]) == (200, None), "an unknown fragment is refused, no crash"
    cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    assert graphql(gateway, ann, cycle).json()["errors"], "a cycle of fragments is refused, and counting it ends"
    five = graphql(gateway, token("bob"), f"{{ {aliased('products', 5, '{ sku }')} }}")
    assert five.status_code == 200
    assert len(five.json()["data"]) == 5, "5 operations in one request are fine"


@pytest.mark.task(taskno=14)
def test_graphql_allows_no_more_operations_at_once_than_the_rate_limit(settings_for, bus, services, token) -> None:
    app = create_gateway(
        settings_for("gateway", MICROSHOP_RATE_LIMIT="3"), bus=bus, transport=httpx.MockTransport(services)
    )
    with TestClient(app) as client:
        four = graphql(client, token("ann"), f"{{ {aliased('products', 4, '{ sku }')} }}").json()
    assert four.get("errors") == [{"message": "this request costs 4 operations; at most 3 at once"}], (
        "a request over the rate limit could never pass: the cost limit is min(MAX_COST, MICROSHOP_RATE_LIMIT)"
    )


@pytest.mark.task(taskno=14)
def test_graphql_refuses_deep_queries(gateway, token) -> None:
    ann = token("ann")
    deep = "{ products { sku { a { b { c } } } } }"
    messages = [error["message"] for error in graphql(gateway, ann, deep).json().get("errors", [])]
    assert "'anonymous' exceeds maximum operation depth of 3" in messages, (
        f"at most 3 levels deep (strawberry's QueryDepthLimiter), whatever else is wrong; got {messages}"
    )
    assert graphql(gateway, ann, "{ products { sku } }").json() == {"data": {"products": [{"sku": "mug"}]}}


@pytest.mark.task(taskno=14)
def test_graphql_refuses_huge_documents(gateway, token, services) -> None:
    huge = "{ products { " + "sku " * 1000 + "} }"
    messages = [error["message"] for error in graphql(gateway, token("ann"), huge).json().get("errors", [])]
    assert messages == ["Syntax Error: Document contains more than 1000 tokens. Parsing aborted."], (
        f"at most 1000 tokens (strawberry's MaxTokensLimiter), refused while parsing; got {messages}"
    )
    assert services.requests == []


@pytest.mark.task(taskno=13)
def test_the_rate_limit_counts_graphql_operations_not_requests(gateway, token, services, clock) -> None:
    ann = token("ann")
    three = graphql(gateway, ann, f"mutation {{ {aliased(PLACE_MUG, 3)} }}")
    assert three.status_code == 200
    assert len(three.json()["data"]) == 3
    again = graphql(gateway, ann, f"mutation {{ {aliased(PLACE_MUG, 3)} }}")
    assert again.status_code == 429, "3 + 3 operations is over MICROSHOP_RATE_LIMIT=5, though it is only 2 requests"
    assert again.headers["Retry-After"] == "12", "1 token of the 3 is missing: 12 s at 5 a minute"
    refusal = {"message": "slow down", "extensions": {"code": "RATE_LIMITED", "retryAfter": 12}}
    assert again.json() == {"data": None, "errors": [refusal]}
    assert len(services.requests) == 3, "all or nothing: an operation over the limit refuses the whole request"
    two = f"query One {{ products {{ sku }} }} query Two {{ {aliased('products', 2, '{ sku }')} }}"
    chosen = gateway.post("/graphql", json={"query": two, "operationName": "Two"}, headers=bearer(ann))
    assert chosen.status_code == 200, "charge the operation that runs: Two costs 2, the 2 tokens left"
    assert gateway.get("/api/products", headers=bearer(ann)).status_code == 429, "REST and GraphQL share the bucket"
    clock.now += 12
    assert gateway.get("/api/products", headers=bearer(ann)).status_code == 200


@pytest.mark.task(taskno=13)
def test_rate_limiter_charges_a_cost_all_or_nothing() -> None:
    now = [0.0]
    limiter = RateLimiter(5, clock=lambda: now[0])
    assert limiter.hit("ann", 3) is None
    assert limiter.hit("ann", 3) == pytest.approx(12.0), "2 tokens left, 3 needed: one more comes in 12 s"
    assert limiter.hit("ann", 2) is None, "a refused hit spends nothing"
    assert limiter.hit("ann") == pytest.approx(12.0)
    for cost in (0, 6):
        with pytest.raises(ValueError, match="cost"):
            limiter.hit("bob", cost)
