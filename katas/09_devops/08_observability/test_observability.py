"""Tests for the observability kata, read from what the app emits: its JSON log lines, the text /metrics serves,
and the spans a fresh tracer provider exports to memory. Each test gets its own metrics registry and provider.

Mistakes these tests catch: JSON built by hand (quotes, newlines and non-ASCII break it), `%` arguments not merged,
`extra` fields or the traceback dropped, a request id made once at import or trusted whatever it holds (65
characters, markup, a trailing newline, non-ASCII digits), the id set on the logger instead of the handler (lines
from `shop.orders` lose it), the raw path as a label (one series per order id), 404s for random paths each their own
series, /metrics counting itself, latency in milliseconds or not measured, the global registry or tracer provider,
a span per request missing, misnamed, not ended, marked as failed for a 404, or without the exception.
"""

import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from observability import configure_logging, create_app
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

ORDER_ROUTE = "/orders/<int:order_id>"
HEX32 = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """Where configure_logging writes; the handler is removed again after the test."""
    target = io.StringIO()
    shop = logging.getLogger("shop")
    before = list(shop.handlers)
    yield target
    for handler in shop.handlers[:]:
        if handler not in before:
            shop.removeHandler(handler)


@pytest.fixture
def lines(stream: io.StringIO) -> Any:
    """A function giving the JSON lines written so far, each parsed (the test fails on a line that is not JSON)."""
    configure_logging(stream)

    def parsed() -> list[dict[str, Any]]:
        found = []
        for line in stream.getvalue().splitlines():
            try:
                found.append(json.loads(line))
            except json.JSONDecodeError:
                pytest.fail(f"a log line is not one JSON object: {line!r}")
        return found

    return parsed


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    """Holds every span the app ends."""
    return InMemorySpanExporter()


@pytest.fixture
def registry() -> CollectorRegistry:
    """A metrics registry for this test only."""
    return CollectorRegistry()


@pytest.fixture
def app(registry: CollectorRegistry, exporter: InMemorySpanExporter) -> Flask:
    """The app with its own registry and a fresh tracer provider that exports to memory (not the global one)."""
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return create_app({"LOOKUP_DELAY_SECONDS": 0.0}, registry=registry, tracer_provider=provider)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (not in TESTING mode, so a failing view answers 500 as in production)."""
    return app.test_client()


def record(message: str, *args: object, **fields: Any) -> logging.LogRecord:
    return logging.makeLogRecord(
        {
            "name": "shop.cart",
            "levelno": 30,
            "levelname": "WARNING",
            "msg": message,
            "args": args,
            "created": 1765000000.25,
            **fields,
        }
    )


def format_one(rec: logging.LogRecord) -> dict[str, Any]:
    from observability import JsonFormatter

    text = JsonFormatter().format(rec)
    assert "\n" not in text, f"one record must make ONE line; got {text!r}"
    try:
        parsed: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError as error:
        pytest.fail(f"the formatter's output is not JSON ({error}): {text!r}")
    return parsed


def samples(client: FlaskClient, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """The samples called `name` in GET /metrics, by their sorted labels."""
    response = client.get("/metrics")
    assert response.status_code == 200, f"GET /metrics answered {response.status_code}"
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            if sample.name == name:
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


def count(client: FlaskClient, route: str, status: str, method: str = "GET") -> float:
    key = (("method", method), ("route", route), ("status", status))
    return samples(client, "http_requests_total").get(key, 0.0)


# --- 1. JSON log lines ----------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=1)
def test_formats_a_record_as_one_json_object() -> None:
    got = format_one(record("%d items left in %s", 3, "cart-9"))
    assert got["message"] == "3 items left in cart-9", "the message is the record's getMessage(): arguments merged"
    assert (got["level"], got["logger"]) == ("WARNING", "shop.cart")
    assert got["request_id"] is None, "outside a request, request_id is null"
    when = datetime.fromisoformat(got["time"])
    assert when.tzinfo is not None, f"time {got['time']!r} should be ISO 8601 with its offset (UTC)"
    assert when.timestamp() == 1765000000.25, f"time {got['time']!r} is not the record's `created`"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("message", ['said "no"', "line one\nline two", "Zoë paid 9 € — tab\there", "back\\slash"])
def test_escapes_what_would_break_a_hand_made_line(message: str) -> None:
    assert format_one(record(message))["message"] == message


@pytest.mark.task(taskno=1)
def test_keeps_extra_fields_and_the_traceback() -> None:
    try:
        raise ValueError("basket is empty")
    except ValueError:
        import sys

        rec = record("checkout failed", exc_info=sys.exc_info(), cart_id="cart-9", total=Decimal("9.40"), items=0)
    got = format_one(rec)
    assert (got.get("cart_id"), got.get("total"), got.get("items")) == ("cart-9", "9.40", 0), (
        f"fields passed with extra= belong in the line (a Decimal as its text, 0 kept): {got}"
    )
    traceback = str(got.get("exception", ""))
    assert "Traceback" in traceback, f"a record with exc_info carries the formatted traceback under 'exception': {got}"
    assert "ValueError: basket is empty" in traceback, got
    standard = {"exc_info", "args", "levelno", "msg", "created"} & set(got)
    assert not standard, f"only the extra fields join the line, not every attribute of the record: {sorted(got)}"


@pytest.mark.task(taskno=1)
def test_configure_logging_writes_info_and_above_of_the_shop_loggers(lines: Any) -> None:
    logging.getLogger("shop.cart").debug("too chatty")
    logging.getLogger("shop.cart").info("cart %s saved", "cart-9")
    logging.getLogger("shop").error("disk full")
    got = [(line["level"], line["logger"], line["message"]) for line in lines()]
    assert got == [("INFO", "shop.cart", "cart cart-9 saved"), ("ERROR", "shop", "disk full")], (
        "configure_logging sends INFO and above from `shop` and its children to the stream, one JSON line each"
    )


# --- 2. request ids -------------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=2)
def test_makes_a_new_request_id_and_sends_it_back(client: FlaskClient) -> None:
    first, second = client.get("/orders/1"), client.get("/orders/1")
    ids = [first.headers.get("X-Request-ID", ""), second.headers.get("X-Request-ID", "")]
    assert all(HEX32.fullmatch(i) for i in ids), f"X-Request-ID should be uuid4().hex (32 hex digits): {ids}"
    assert ids[0] != ids[1], "each request gets its own id"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("trace-42", True),
        ("A" * 64, True),
        ("A" * 65, False),
        ("<script>", False),
        ("trace-42;drop", False),
        ("abc def", False),
        ("١٢٣", False),  # digits, but not 0-9
        ("", False),
    ],
)
def test_keeps_only_a_valid_incoming_request_id(client: FlaskClient, incoming: str, kept: bool) -> None:
    sent = client.get("/orders/1", headers={"X-Request-ID": incoming}).headers.get("X-Request-ID", "")
    if kept:
        assert sent == incoming, f"{incoming!r} is 1 to 64 of A-Z a-z 0-9 and '-': keep it, got {sent!r}"
    else:
        assert HEX32.fullmatch(sent), f"{incoming!r} is not a valid id: replace it with uuid4().hex, got {sent!r}"


@pytest.mark.task(taskno=2)
def test_every_line_of_a_request_carries_its_id(client: FlaskClient, lines: Any) -> None:
    client.get("/orders/1", headers={"X-Request-ID": "first"})
    second = client.get("/orders/2").headers["X-Request-ID"]
    logging.getLogger("shop").info("after the requests")
    got = [(line["logger"], line["message"], line["request_id"]) for line in lines()]
    assert got == [
        ("shop.orders", "order looked up", "first"),
        ("shop", "request finished", "first"),
        ("shop.orders", "order looked up", second),
        ("shop", "request finished", second),
        ("shop", "after the requests", None),
    ], "every line logged during a request, from `shop` or its children, carries that request's id; others null"


@pytest.mark.task(taskno=2)
def test_request_finished_line_says_what_was_answered(client: FlaskClient, lines: Any) -> None:
    client.get("/orders/7")
    client.post("/orders/1/pay")
    finished = [line for line in lines() if line["message"] == "request finished"]
    got = [(line.get("method"), line.get("path"), line.get("status"), line["level"]) for line in finished]
    assert got == [("GET", "/orders/7", 404, "INFO"), ("POST", "/orders/1/pay", 500, "INFO")], (
        "after each request, even one whose view raised, log INFO 'request finished' with method, path and status"
    )
    assert [line.get("order_id") for line in lines() if line["logger"] == "shop.orders"] == [7, 1]


@pytest.mark.task(taskno=2)
def test_error_responses_carry_the_request_id_too(client: FlaskClient) -> None:
    assert client.get("/nowhere", headers={"X-Request-ID": "r-404"}).headers.get("X-Request-ID") == "r-404"
    assert client.post("/orders/1/pay", headers={"X-Request-ID": "r-500"}).headers.get("X-Request-ID") == "r-500"


# --- 3. metrics -----------------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=3)
def test_counts_requests_by_route_template_not_path(client: FlaskClient) -> None:
    for order_id in (1, 2, 1):
        client.get(f"/orders/{order_id}")
    assert count(client, ORDER_ROUTE, "200") == 3, (
        f"three GETs of /orders/<id> answered 200: http_requests_total{{route={ORDER_ROUTE!r}}} should be 3; "
        f"found {samples(client, 'http_requests_total')}"
    )
    paths = [labels for labels in samples(client, "http_requests_total") if ("route", "/orders/1") in labels]
    assert not paths, "the label is the route template: one series per order id would explode Prometheus"


@pytest.mark.task(taskno=3)
def test_counts_each_method_and_status_apart(client: FlaskClient) -> None:
    client.get("/orders/1")
    client.get("/orders/99")
    client.post("/orders/1/pay")
    client.post("/orders/2/pay")
    assert count(client, ORDER_ROUTE, "200") == 1
    assert count(client, ORDER_ROUTE, "404") == 1, "an order that does not exist still has the route; status '404'"
    assert count(client, "/orders/<int:order_id>/pay", "500", method="POST") == 2, (
        f"a view that raised is counted with status '500': {samples(client, 'http_requests_total')}"
    )


@pytest.mark.task(taskno=3)
def test_unmatched_paths_share_one_series(client: FlaskClient) -> None:
    client.get("/wp-login.php")
    client.get("/a/b/c")
    assert count(client, "unmatched", "404") == 2, (
        f"paths no route matches all count under route 'unmatched': {samples(client, 'http_requests_total')}"
    )


@pytest.mark.task(taskno=3)
def test_metrics_endpoint_serves_the_text_format_and_does_not_count_itself(client: FlaskClient) -> None:
    client.get("/orders/1")
    response = client.get("/metrics")
    assert response.status_code == 200, f"GET /metrics answered {response.status_code}"
    assert response.mimetype == "text/plain", f"/metrics answers in Prometheus' text format, not {response.mimetype}"
    client.get("/metrics")
    routes = {dict(labels).get("route") for labels in samples(client, "http_requests_total")}
    assert routes == {ORDER_ROUTE}, f"requests to /metrics are not counted: routes seen {routes}"


@pytest.mark.task(taskno=3)
def test_latency_histogram_observes_seconds_per_route(
    registry: CollectorRegistry, exporter: InMemorySpanExporter
) -> None:
    app = create_app({"LOOKUP_DELAY_SECONDS": 0.05}, registry=registry, tracer_provider=TracerProvider())
    client = app.test_client()
    client.get("/orders/1")
    client.get("/orders/99")
    client.post("/orders/1/pay")
    key = (("method", "GET"), ("route", ORDER_ROUTE))
    counts, sums = (
        samples(client, "http_request_duration_seconds_count"),
        samples(client, "http_request_duration_seconds_sum"),
    )
    assert counts.get(key) == 2, f"two GETs of {ORDER_ROUTE}, whatever their status: counts {counts}"
    assert counts.get((("method", "POST"), ("route", "/orders/<int:order_id>/pay"))) == 1, counts
    assert 0.1 <= sums.get(key, 0) < 10, f"two lookups of at least 0.05 s each, measured in SECONDS: sums {sums}"
    buckets = samples(client, "http_request_duration_seconds_bucket")
    assert buckets.get((("le", "+Inf"), *key)) == 2, f"the histogram's buckets: {buckets}"


@pytest.mark.task(taskno=3)
def test_each_app_reports_to_its_own_registry(registry: CollectorRegistry) -> None:
    other = CollectorRegistry()
    first = create_app(registry=registry, tracer_provider=TracerProvider()).test_client()
    second = create_app(registry=other, tracer_provider=TracerProvider()).test_client()
    first.get("/orders/1")
    assert count(first, ORDER_ROUTE, "200") == 1
    assert count(second, ORDER_ROUTE, "200") == 0, "an app's metrics go to the registry it was given, and only there"


# --- 4. tracing -----------------------------------------------------------------------------------------------------


def finished(exporter: InMemorySpanExporter, expected: int | None = None) -> list[ReadableSpan]:
    spans = list(exporter.get_finished_spans())
    if expected is not None:
        assert len(spans) == expected, (
            f"{expected} request(s) should end {expected} span(s); ended: {[s.name for s in spans]}"
        )
    return spans


@pytest.mark.task(taskno=4)
def test_one_server_span_per_request_named_for_its_route(client: FlaskClient, exporter: InMemorySpanExporter) -> None:
    client.get("/orders/1")
    spans = finished(exporter)
    assert len(spans) == 1, f"one request should end exactly one span (ended spans: {[s.name for s in spans]})"
    span = spans[0]
    assert (span.name, span.kind) == (f"GET {ORDER_ROUTE}", SpanKind.SERVER), (
        f"name the span 'METHOD route-template' and make it a SERVER span: got {span.name!r}, {span.kind}"
    )
    attributes = dict(span.attributes or {})
    assert attributes.get("http.request.method") == "GET", attributes
    assert attributes.get("http.route") == ORDER_ROUTE, attributes
    assert attributes.get("http.response.status_code") == 200, attributes
    assert span.status.status_code is StatusCode.UNSET, "a 200 leaves the span's status unset"
    scope = span.instrumentation_scope.name if span.instrumentation_scope else None
    assert scope == "shop", f"get the tracer as tracer_provider.get_tracer('shop'); its name is {scope!r}"


@pytest.mark.task(taskno=4)
def test_each_request_is_its_own_trace(client: FlaskClient, exporter: InMemorySpanExporter) -> None:
    for order_id in (1, 2, 3):
        client.get(f"/orders/{order_id}")
    spans = finished(exporter)
    assert len(spans) == 3, f"three requests, three ended spans: {[s.name for s in spans]}"
    assert len({s.context.trace_id for s in spans if s.context}) == 3, "each request starts a trace of its own"


@pytest.mark.task(taskno=4)
def test_a_failing_view_marks_the_span_and_records_the_exception(
    client: FlaskClient, exporter: InMemorySpanExporter
) -> None:
    client.post("/orders/1/pay")
    (span,) = finished(exporter, 1)
    assert span.name == "POST /orders/<int:order_id>/pay"
    assert span.status.status_code is StatusCode.ERROR, "a view that raised makes the span's status ERROR"
    assert dict(span.attributes or {}).get("http.response.status_code") == 500
    events = [e for e in span.events if e.name == "exception"]
    assert events, f"record the exception on the span (span.record_exception): events {[e.name for e in span.events]}"
    attributes = dict(events[0].attributes or {})
    assert str(attributes.get("exception.type", "")).endswith("PaymentError"), attributes
    assert attributes.get("exception.message") == "the bank timed out charging order 1", attributes


@pytest.mark.task(taskno=4)
def test_client_errors_do_not_fail_the_span(client: FlaskClient, exporter: InMemorySpanExporter) -> None:
    client.get("/orders/99")
    client.get("/nowhere")
    order, unmatched = finished(exporter, 2)
    assert dict(order.attributes or {}).get("http.response.status_code") == 404
    assert order.status.status_code is StatusCode.UNSET, "a 404 is the client's mistake: leave the server span unset"
    assert unmatched.name == "GET", f"no route matched: name the span just 'GET', got {unmatched.name!r}"
    assert "http.route" not in dict(unmatched.attributes or {}), "no route matched: no http.route attribute"
