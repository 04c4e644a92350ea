"""The catalogue: categories and products, with search, filters, sorting and pages with links."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.exc import IntegrityError

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_db import abort, db, get_or_404
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


def _check_category(category_id: int | None) -> None:
    """A 404 (pointing at the field) unless `category_id` is None or names a category."""
    if category_id is not None and db().get(Category, category_id) is None:
        message = f"category {category_id} not found"
        abort(404, message=message, errors={"json": {"category_id": [message]}})


def product_filters(query: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """Milestone 3: the WHERE conditions for `q`, `category`, `min_price`, `max_price` and `in_stock`."""
    conditions: list[ColumnElement[bool]] = []
    if "q" in query:
        words = query["q"].lower()
        conditions.append(
            or_(
                func.lower(Product.name).contains(words, autoescape=True),
                func.lower(Product.description).contains(words, autoescape=True),
            )
        )
    if "category" in query:
        conditions.append(Product.category.has(Category.slug == query["category"]))
    if "min_price" in query:
        conditions.append(Product.price_cents >= query["min_price"])
    if "max_price" in query:
        conditions.append(Product.price_cents <= query["max_price"])
    if "in_stock" in query:
        conditions.append(Product.stock > 0 if query["in_stock"] else Product.stock == 0)
    return conditions


def sorted_products(conditions: list[ColumnElement[bool]], sort: str) -> Select[Product]:
    """Milestone 3: the products matching `conditions` in `sort` order (`-` first: descending), ties by id."""
    column = _SORT_COLUMNS[sort.removeprefix("-")]
    order = column.desc() if sort.startswith("-") else column.asc()
    return select(Product).where(*conditions).order_by(order, Product.id.asc())


def page_links(query: Mapping[str, Any], page: int, pages: int) -> dict[str, str]:
    """Milestone 3: links to this page, the first, the last, and the previous and next when they exist.

    Each link keeps the query's filters and sort, so following `next` continues the same listing.
    """

    params: dict[str, Any] = {
        name: str(value).lower() if isinstance(value, bool) else value for name, value in query.items()
    }

    def link(number: int) -> str:
        return str(url_for("catalog.Products", **{**params, "page": number}))

    links = {"self": link(page), "first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(min(page - 1, pages))
    if page < pages:
        links["next"] = link(page + 1)
    return links


@catalog.route("/categories/")
class Categories(MethodView):
    @catalog.response(200, CategorySchema(many=True))
    def get(self) -> list[Category]:
        """List the categories, by slug"""
        return list(db().scalars(select(Category).order_by(Category.slug)))

    @protected(catalog, admin=True)
    @catalog.arguments(CategorySchema)
    @catalog.response(201, CategorySchema)
    @catalog.alt_response(409, response="CONFLICT")
    def post(self, fields: dict[str, Any]) -> tuple[Category, dict[str, str]]:
        """Add a category (admin)

        The slug must be unique (409).
        """
        session = db()
        category = Category(**fields)
        session.add(category)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            abort(409, message=f"category {fields['slug']!r} exists already")
        return category, {"Location": url_for("catalog.CategoryById", category_id=category.id)}


@catalog.route("/categories/<int:category_id>")
class CategoryById(MethodView):
    @catalog.response(200, CategorySchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def get(self, category_id: int) -> Category:
        """One category"""
        return get_or_404(Category, category_id, "category")


@catalog.route("/products/")
class Products(MethodView):
    @catalog.arguments(ProductQuerySchema, location="query")
    @catalog.response(200, ProductPageSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Search the products

        Filter by words (`q`), category slug, price range and stock; sort by `id`, `name` or
        `price` (`-` first for descending); one page at a time, with links to the others.
        """
        session = db()
        conditions = product_filters(query)
        total = session.scalar(select(func.count()).select_from(Product).where(*conditions)) or 0
        page, per_page = query.pop("page"), query["per_page"]
        pages = max(1, math.ceil(total / per_page))
        statement = sorted_products(conditions, query["sort"]).limit(per_page).offset((page - 1) * per_page)
        return {
            "items": list(session.scalars(statement)),
            "page": page,
            "per_page": per_page,
            "total": total,
            "pages": pages,
            "links": page_links(query, page, pages),
        }

    @protected(catalog, admin=True)
    @catalog.arguments(ProductSchema)
    @catalog.response(201, ProductSchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def post(self, fields: dict[str, Any]) -> tuple[Product, dict[str, str]]:
        """Add a product (admin)

        `category_id`, when given, must name a category (else 404).
        """
        _check_category(fields["category_id"])
        session = db()
        product = Product(**fields)
        session.add(product)
        session.commit()
        return product, {"Location": url_for("catalog.ProductById", product_id=product.id)}


@catalog.route("/products/<int:product_id>")
class ProductById(MethodView):
    @catalog.response(200, ProductSchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def get(self, product_id: int) -> Product:
        """One product"""
        return get_or_404(Product, product_id, "product")

    @protected(catalog, admin=True)
    @catalog.arguments(ProductPatchSchema)
    @catalog.response(200, ProductSchema)
    @catalog.alt_response(404, response="NOT_FOUND")
    def patch(self, fields: dict[str, Any], product_id: int) -> Product:
        """Change some fields of a product (admin)"""
        product = get_or_404(Product, product_id, "product")
        if "category_id" in fields:
            _check_category(fields["category_id"])
        for name, value in fields.items():
            setattr(product, name, value)
        db().commit()
        return product
