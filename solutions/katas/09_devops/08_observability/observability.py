"""A small order service that can be watched: JSON log lines with a request id, Prometheus metrics, a span per request."""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
from typing import Any, TextIO

from flask import Flask, Response, g, has_request_context, request
from observability_given import add_order_views
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, Status, StatusCode
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

LOGGER_NAME = "shop"
REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
UNMATCHED = "unmatched"
# Every attribute a LogRecord has before `extra=` adds its own (plus the ones Formatter.format sets).
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}

log = logging.getLogger(LOGGER_NAME)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, any `extra` fields, and exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry |= {key: value for key, value in vars(record).items() if key not in _STANDARD}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being handled (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.__dict__["request_id"] = g.get("request_id") if has_request_context() else None
        return True


def configure_logging(stream: TextIO) -> logging.Handler:
    """Send the `shop` loggers' INFO-and-above records to `stream` as JSON lines; return the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def create_app(
    config: dict[str, Any] | None = None,
    *,
    registry: CollectorRegistry,
    tracer_provider: TracerProvider,
) -> Flask:
    """The order service, reporting to the given metrics registry and tracer provider."""
    app = Flask(__name__)
    app.config.from_mapping(config or {})
    add_order_views(app)

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

    requests_total = Counter(
        "http_requests", "HTTP requests answered.", ["method", "route", "status"], registry=registry
    )
    duration = Histogram(
        "http_request_duration_seconds", "Time to answer an HTTP request.", ["method", "route"], registry=registry
    )
    tracer = tracer_provider.get_tracer(LOGGER_NAME)

    def route() -> str:
        return request.url_rule.rule if request.url_rule else UNMATCHED

    @app.before_request
    def start_request() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        g.started = time.perf_counter()
        name = f"{request.method} {request.url_rule.rule}" if request.url_rule else request.method
        g.span = tracer.start_span(name, kind=SpanKind.SERVER, attributes={"http.request.method": request.method})
        if request.url_rule:
            g.span.set_attribute("http.route", request.url_rule.rule)

    @app.after_request
    def finish_request(response: Response) -> Response:
        elapsed = time.perf_counter() - g.started
        response.headers["X-Request-ID"] = g.request_id
        g.span.set_attribute("http.response.status_code", response.status_code)
        if response.status_code >= 500:
            g.span.set_status(Status(StatusCode.ERROR))
        if request.path != "/metrics":
            requests_total.labels(request.method, route(), str(response.status_code)).inc()
            duration.labels(request.method, route()).observe(elapsed)
        log.info(
            "request finished",
            extra={"method": request.method, "path": request.path, "status": response.status_code},
        )
        return response

    @app.teardown_request
    def end_span(error: BaseException | None) -> None:
        span = g.pop("span", None)
        if span is None:
            return
        if error is not None:
            span.record_exception(error)
            span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))
        span.end()

    return app
