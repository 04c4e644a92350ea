"""Milestone 7: the API keeps every promise its OpenAPI document makes, checked by schemathesis.

schemathesis reads the app's own /openapi.json, generates requests for every operation from it,
sends them through the WSGI app (no server) and checks each answer: no 5xx, a status code the
document lists for that operation, the documented content type, headers and body schema, an
`Allow` header on 405. It runs as an anonymous caller, a customer and an admin, so the
authenticated paths are exercised too.

Mistakes these tests catch: a 500 on an id too big for the database or on text PostgreSQL cannot
store, a status the document leaves out (a 409, 422 or 401 that is not declared), a 405 without
`Allow` (flask-smorest's error handler drops it), an integer field that accepts 2.5 (marshmallow
`Int` without `strict=True`), a response body that does not match its schema (a missing required
field, a wrong type), and a protected operation that answers without a token.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

pytestmark = [pytest.mark.timeout(120), pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

MAX_EXAMPLES = 4


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


def _check_every_operation(app: Flask, headers: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    failures: list[str] = []
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
            case.call_and_validate(headers=headers)

        try:
            conforms()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, f"no valid request for {operation.label} could be generated"
            # an operation with no parameters and no body has no wrong request to send
        except Exception as error:  # schemathesis raises its own failure types; report them all at once
            failures.append(f"{operation.method.upper()} {operation.path} ({mode.value} data):\n{error}")
    assert not failures, "the API broke its OpenAPI document:\n\n" + "\n\n".join(failures)


@pytest.mark.parametrize("who", ["anonymous", "customer", "admin"])
def test_api_conforms_to_its_openapi_document(app: Flask, shop: Any, who: str) -> None:
    callers = _seed(shop)
    _check_every_operation(app, callers[who])
