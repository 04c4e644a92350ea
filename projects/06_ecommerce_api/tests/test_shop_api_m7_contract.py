"""Milestone 7: the API keeps every promise its OpenAPI document makes, checked by schemathesis over HTTP.

The app runs as a real HTTP server (werkzeug's, threaded, on a free port) on PostgreSQL, the
database it is deployed on. schemathesis reads the server's own /openapi.json, generates valid and
invalid requests for every operation from it, sends them over the network and runs every check it
has on each answer: no 5xx, a status code the document lists for that operation, the documented
content type, headers and body schema, invalid data refused and valid data accepted, a 401 when the
token is left out, an `Allow` header on 405, ... It runs as an anonymous caller, a customer and an
admin, so the authenticated paths are exercised too. The number of requests it generated is
printed in pytest's summary at the end of the run.

Mistakes these tests catch: a 500 on an id too big for the database or on text PostgreSQL cannot
store (a NUL character), a status the document leaves out (a 409, 422 or 401 that is not declared),
a 405 without `Allow` (flask-smorest's error handler drops it), an integer field that accepts 2.5
(marshmallow `Int` without `strict=True`), a response body that does not match its schema (a
missing required field, a wrong type), and a protected operation that answers without a token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from werkzeug.serving import make_server

pytestmark = [pytest.mark.timeout(120), pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)]

MAX_EXAMPLES = 4  # per operation and generation mode (valid, invalid)


def _seed(shop: Any) -> dict[str, dict[str, str]]:
    """A category, two products, a customer with an order: so generated ids sometimes name real rows."""
    admin = shop.admin()
    category = shop.category(admin)
    first = shop.product(admin, category_id=category)
    shop.product(admin, name="Black tea", price_cents=300, stock=3)
    customer = shop.customer()
    shop.add_to_cart(customer, first, 2)
    shop.order(customer)
    shop.add_to_cart(customer, first, 1)
    return {"anonymous": {}, "customer": customer, "admin": admin}


@pytest.fixture
def served(make_app: Callable[..., Flask]) -> Iterator[tuple[Flask, str]]:
    """(app, base URL): the shop on the test's database, served over HTTP by werkzeug in a thread."""
    app = make_app(TESTING=False)  # as deployed: an exception is the JSON 500 a client would get
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


def _check_every_operation(url: str, headers: dict[str, str]) -> tuple[int, list[str]]:
    """Send generated requests for every operation; return how many were sent and what failed."""
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    failures: list[str] = []
    sent = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation, mode in [(op, mode) for op in operations for mode in GenerationMode]:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: schemathesis.Case) -> None:
            nonlocal sent
            sent += 1
            case.call_and_validate(headers=headers, timeout=10)  # every check schemathesis has (its default)

        try:
            conforms()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, f"no valid request for {operation.label} could be generated"
            # an operation with no parameters and no body has no wrong request to send
        except Exception as error:  # schemathesis raises its own failure types; report them all at once
            failures.append(f"{operation.method.upper()} {operation.path} ({mode.value} data):\n{error}")
    return sent, failures


@pytest.mark.task(taskno=7)
@pytest.mark.parametrize("who", ["anonymous", "customer", "admin"])
def test_api_conforms_to_its_openapi_document_over_http(
    served: tuple[Flask, str],
    shop_for: Callable[[Flask], Any],
    record_property: Callable[[str, object], None],
    who: str,
) -> None:
    app, url = served
    callers = _seed(shop_for(app))
    sent, failures = _check_every_operation(url, callers[who])
    record_property("schemathesis_requests", sent)  # conftest.py prints these at the end of the run
    assert sent > 0, "schemathesis generated no request at all"
    assert not failures, f"the API broke its OpenAPI document ({sent} requests as {who}):\n\n" + "\n\n".join(failures)
