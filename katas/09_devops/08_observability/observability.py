"""A small order service that can be watched: JSON log lines with a request id, Prometheus metrics, a span per request."""

import logging
import time  # noqa: F401 (you will need it)
from typing import Any, TextIO

from flask import Flask, Response
from observability_given import add_order_views
from opentelemetry.sdk.trace import TracerProvider
from prometheus_client import CollectorRegistry

LOGGER_NAME = "shop"

log = logging.getLogger(LOGGER_NAME)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, any `extra` fields, and exception."""

    def format(self, record: logging.LogRecord) -> str:
        raise NotImplementedError("task 1: turn the record into one line of JSON")


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being handled (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        raise NotImplementedError("task 2: set record.request_id and let the record through")


def configure_logging(stream: TextIO) -> logging.Handler:
    """Send the `shop` loggers' INFO-and-above records to `stream` as JSON lines; return the handler."""
    raise NotImplementedError("task 1: a StreamHandler with the JsonFormatter on the `shop` logger")


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
        raise NotImplementedError("task 3: the registry in Prometheus' text format")

    # TODO task 2: a request id for every request (before_request / after_request).
    # TODO task 3: the request counter and the latency histogram, in `registry`.
    # TODO task 4: a SERVER span around every request, from `tracer_provider`.
    return app
