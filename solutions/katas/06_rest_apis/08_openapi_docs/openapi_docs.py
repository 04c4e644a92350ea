"""API documentation: an OpenAPI 3 document served at a URL, that tells the whole truth about the API."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import marshmallow as ma
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint  # type: ignore[import-untyped]
from flask_smorest import abort as _abort

abort: Callable[..., NoReturn] = _abort

products = Blueprint("products", __name__, url_prefix="/products", description="The product catalogue")

Product = dict[str, Any]


def api_settings() -> dict[str, str]:
    """Task 1: the settings that make flask-smorest serve the document and a Swagger UI page."""
    return {
        "API_TITLE": "Catalogue",
        "API_VERSION": "1.0.0",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
    }


class ProductSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    sku = ma.fields.String(required=True, validate=ma.validate.Regexp(r"^[A-Z]{3}-[0-9]{4}$"))
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=80))
    price_cents = ma.fields.Int(required=True, strict=True, validate=ma.validate.Range(min=1, max=10_000_000))


def _rows() -> dict[int, Product]:
    rows: dict[int, Product] = current_app.extensions["products"]
    return rows


@products.route("/")
class Products(MethodView):
    @products.response(200, ProductSchema(many=True))
    def get(self) -> list[Product]:
        """List every product

        Ordered by id.
        """
        return [product for _, product in sorted(_rows().items())]

    @products.arguments(ProductSchema)
    @products.response(201, ProductSchema)
    @products.alt_response(409, response="CONFLICT")
    def post(self, fields: Product) -> Product:
        """Add a product

        The SKU must be unique.
        """
        rows = _rows()
        if any(product["sku"] == fields["sku"] for product in rows.values()):
            abort(409, message=f"SKU {fields['sku']} exists already")
        product_id = max(rows, default=0) + 1
        rows[product_id] = {**fields, "id": product_id}
        return rows[product_id]


@products.route("/<int:product_id>")
class ProductById(MethodView):
    @products.response(200, ProductSchema)
    @products.alt_response(404, response="NOT_FOUND")
    def get(self, product_id: int) -> Product:
        """Get one product"""
        product = _rows().get(product_id)
        if product is None:
            abort(404, message=f"product {product_id} not found")
        return product
