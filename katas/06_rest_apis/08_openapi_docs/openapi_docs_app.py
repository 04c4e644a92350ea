"""Given, not to edit: the app with two products, serving your API and its document from openapi_docs.py."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api  # type: ignore[import-untyped]
from openapi_docs import Product, api_settings, products

SEED_PRODUCTS: tuple[Product, ...] = (
    {"id": 1, "sku": "TEA-0001", "name": "Green tea", "price_cents": 450},
    {"id": 2, "sku": "MUG-0001", "name": "Mug", "price_cents": 900},
)


def create_app() -> Flask:
    """The app with two products."""
    app = Flask(__name__)
    app.config.update(api_settings())
    app.extensions["products"] = {product["id"]: dict(product) for product in SEED_PRODUCTS}
    api = Api(app)
    # No catch-all "default" response: with one, every status code counts as documented,
    # so the document could never be caught leaving an error out.
    api.DEFAULT_ERROR_RESPONSE_NAME = None
    api.register_blueprint(products)
    return app
