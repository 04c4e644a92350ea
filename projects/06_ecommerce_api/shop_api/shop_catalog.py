"""The catalogue: categories and products, with search, filters, sorting and pages with links."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask.views import MethodView
from sqlalchemy import ColumnElement, Select

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_guards import protected
from shop_api.shop_models import Category, Product
from shop_api.shop_schemas import (
    CategorySchema,
    ProductPageSchema,
    ProductPatchSchema,
    ProductQuerySchema,
    ProductSchema,
)

catalog = Blueprint("catalog", __name__, description="Categories and products")

_SORT_COLUMNS: dict[str, Any] = {"id": Product.id, "name": Product.name, "price": Product.price_cents}


def product_filters(query: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """Milestone 3: the WHERE conditions for `q`, `category`, `min_price`, `max_price` and `in_stock`."""
    raise NotImplementedError("product_filters: write me (milestone 3)")


def sorted_products(conditions: list[ColumnElement[bool]], sort: str) -> Select[Product]:
    """Milestone 3: the products matching `conditions` in `sort` order (`-` first: descending), ties by id."""
    raise NotImplementedError("sorted_products: write me (milestone 3)")


def page_links(query: Mapping[str, Any], page: int, pages: int) -> dict[str, str]:
    """Milestone 3: links to this page, the first, the last, and the previous and next when they exist.

    Each link keeps the query's filters and sort, so following `next` continues the same listing.
    """
    raise NotImplementedError("page_links: write me (milestone 3)")


@catalog.route("/categories/")
class Categories(MethodView):
    @catalog.response(200, CategorySchema(many=True))
    def get(self) -> list[Category]:
        """List the categories, by slug"""
        raise NotImplementedError("Categories.get: write me (milestone 3)")

    @protected(catalog, admin=True)
    @catalog.arguments(CategorySchema)
    @catalog.response(201, CategorySchema)
    @catalog.alt_response(409, response="CONFLICT")
    def post(self, fields: dict[str, Any]) -> tuple[Category, dict[str, str]]:
        """Add a category (admin)

        The slug must be unique (409).
        """
        raise NotImplementedError("Categories.post: write me (milestone 3)")


@catalog.route("/categories/<int:category_id>")
class CategoryById(MethodView):
    @catalog.response(200, CategorySchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def get(self, category_id: int) -> Category:
        """One category"""
        raise NotImplementedError("CategoryById.get: write me (milestone 3)")


@catalog.route("/products/")
class Products(MethodView):
    @catalog.arguments(ProductQuerySchema, location="query")
    @catalog.response(200, ProductPageSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Search the products

        Filter by words (`q`), category slug, price range and stock; sort by `id`, `name` or
        `price` (`-` first for descending); one page at a time, with links to the others.
        """
        raise NotImplementedError("Products.get: write me (milestone 3)")

    @protected(catalog, admin=True)
    @catalog.arguments(ProductSchema)
    @catalog.response(201, ProductSchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def post(self, fields: dict[str, Any]) -> tuple[Product, dict[str, str]]:
        """Add a product (admin)

        `category_id`, when given, must name a category (else 404).
        """
        raise NotImplementedError("Products.post: write me (milestone 3)")


@catalog.route("/products/<int:product_id>")
class ProductById(MethodView):
    @catalog.response(200, ProductSchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def get(self, product_id: int) -> Product:
        """One product"""
        raise NotImplementedError("ProductById.get: write me (milestone 3)")

    @protected(catalog, admin=True)
    @catalog.arguments(ProductPatchSchema)
    @catalog.response(200, ProductSchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def patch(self, fields: dict[str, Any], product_id: int) -> Product:
        """Change some fields of a product (admin)"""
        raise NotImplementedError("ProductById.patch: write me (milestone 3)")
