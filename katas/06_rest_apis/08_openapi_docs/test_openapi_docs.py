"""Tests for the OpenAPI-documentation kata.

Mistakes these tests catch: the document not served at all (flask-smorest needs
OPENAPI_URL_PREFIX before it serves anything), served at another path, an
OpenAPI 2 ("swagger") document or one that does not validate, no Swagger UI
page, a 404 or 409 the code returns but the document does not mention (a client
generated from it would not expect them), an undocumented error hidden behind a
catch-all "default" response, and any answer that breaks the document's
promises, which schemathesis finds by calling the API with generated requests.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from openapi_docs_app import create_app
from openapi_spec_validator import validate


def _client() -> FlaskClient:
    app = create_app()
    app.config["TESTING"] = True
    return app.test_client()


def _document(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200, (
        f"GET /openapi.json answered {response.status_code}: set OPENAPI_URL_PREFIX and OPENAPI_JSON_PATH"
    )
    document: dict[str, Any] = response.get_json()
    return document


def _responses(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    assert path in document["paths"], f"{path} is missing from the document"
    responses: dict[str, Any] = document["paths"][path][method]["responses"]
    return responses


@pytest.mark.task(taskno=1)
def test_document_is_served_as_json() -> None:
    response = _client().get("/openapi.json")
    assert response.status_code == 200, "serve the document at /openapi.json"
    assert response.is_json, "the document is JSON"


@pytest.mark.task(taskno=1)
def test_document_is_valid_openapi_3() -> None:
    document = _document(_client())
    assert document.get("openapi") == "3.0.3", "declare OPENAPI_VERSION 3.0.3"
    validate(document)  # raises OpenAPIValidationError, with the reason, if the document is broken


@pytest.mark.task(taskno=1)
def test_document_names_the_api() -> None:
    info = _document(_client())["info"]
    assert info == {"title": "Catalogue", "version": "1.0.0"}, f"info was {info}"


@pytest.mark.task(taskno=1)
def test_swagger_ui_is_served() -> None:
    response = _client().get("/docs")
    assert response.status_code == 200, "serve Swagger UI at /docs (OPENAPI_SWAGGER_UI_PATH and _URL)"
    assert response.mimetype == "text/html"
    assert b"openapi.json" in response.data, "the page must load our document"
    assert b"swagger-ui-dist/swagger-ui-bundle.js" in response.data, (
        "OPENAPI_SWAGGER_UI_URL is where the browser loads Swagger UI from, ending in /swagger-ui-dist/"
    )


@pytest.mark.task(taskno=2)
def test_lookup_documents_its_404() -> None:
    responses = _responses(_document(_client()), "/products/{product_id}", "get")
    assert "404" in responses, f"GET /products/{{product_id}} can answer 404 but documents only {sorted(responses)}"


@pytest.mark.task(taskno=2)
def test_create_documents_409_and_422() -> None:
    responses = _responses(_document(_client()), "/products/", "post")
    assert "422" in responses, "@blp.arguments documents the 422 for you"
    assert "409" in responses, f"POST /products/ answers 409 for a taken SKU, but documents only {sorted(responses)}"


@pytest.mark.task(taskno=2)
def test_no_catch_all_default_response() -> None:
    document = _document(_client())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            assert "default" not in operation["responses"], (
                f"{method.upper()} {path} has a 'default' response, which hides which errors really happen"
            )
            assert operation.get("summary"), f"{method.upper()} {path} needs a summary (the docstring's first line)"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(60)  # a few seconds normally; generous for a loaded machine or a mutation run
def test_api_keeps_the_promises_of_its_document() -> None:
    client = _client()
    _document(client)  # fails with a clear message when the document is not served
    schema = schemathesis.openapi.from_wsgi("/openapi.json", client.application)
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate()  # status code, content type and body must match the document

        conforms()
