"""What the API reads and writes: marshmallow schemas, from which flask-smorest also writes the OpenAPI document.

Every integer read from JSON is `strict=True`: without it marshmallow accepts `2.0` (and the document,
which says "integer", would be lying). Bounds are declared, so the document states them too. (Given.)
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from shop_api.shop_db import MAX_ID

SORTS = ("id", "-id", "name", "-name", "price", "-price")
MAX_QUANTITY = 1000


# PostgreSQL cannot store NUL characters in text; a pattern (not a hidden check) puts the rule in the document.
no_nul = validate.Regexp(r"^[^\x00]*$", error="must not contain NUL characters")


def _id(**kwargs: object) -> ma.fields.Integer:
    return ma.fields.Integer(strict=True, validate=validate.Range(1, MAX_ID), **kwargs)  # type: ignore[arg-type]


def _text(low: int, high: int, **kwargs: object) -> ma.fields.String:
    checks = [validate.Length(low, high), no_nul]
    return ma.fields.String(validate=checks, **kwargs)  # type: ignore[arg-type]


class UserSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    email = ma.fields.String(dump_only=True)
    role = ma.fields.String(dump_only=True)


class RegisterSchema(ma.Schema):
    email = ma.fields.Email(required=True, validate=validate.Length(3, 254))
    password = _text(8, 128, required=True, load_only=True)


class LoginSchema(ma.Schema):
    email = _text(1, 254, required=True)
    password = _text(1, 128, required=True, load_only=True)


class AccessTokenSchema(ma.Schema):
    access_token = ma.fields.String(required=True)
    token_type = ma.fields.String(required=True)
    expires_in = ma.fields.Integer(required=True)


class TokensSchema(AccessTokenSchema):
    refresh_token = ma.fields.String(required=True)


SLUG = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="lower-case letters and digits, joined by single hyphens")


class CategorySchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    slug = ma.fields.String(required=True, validate=[validate.Length(1, 64), SLUG])
    name = _text(1, 100, required=True)


class ProductSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    name = _text(1, 200, required=True)
    description = _text(0, 2000, load_default="")
    price_cents = ma.fields.Integer(strict=True, required=True, validate=validate.Range(0, 100_000_000))
    stock = ma.fields.Integer(strict=True, required=True, validate=validate.Range(0, 1_000_000))
    category_id = _id(allow_none=True, load_default=None)


class ProductPatchSchema(ma.Schema):
    """Any subset of a product's writable fields (PATCH): what is left out stays as it was."""

    name = _text(1, 200)
    description = _text(0, 2000)
    price_cents = ma.fields.Integer(strict=True, validate=validate.Range(0, 100_000_000))
    stock = ma.fields.Integer(strict=True, validate=validate.Range(0, 1_000_000))
    category_id = _id(allow_none=True)


class ProductQuerySchema(ma.Schema):
    """The query string of GET /products/: search, filters, sort and page."""

    q = _text(1, 100, metadata={"description": "words in the name or description (case-insensitive)"})
    category = ma.fields.String(validate=[validate.Length(1, 64), SLUG], metadata={"description": "a category slug"})
    min_price = ma.fields.Integer(validate=validate.Range(0, 100_000_000))
    max_price = ma.fields.Integer(validate=validate.Range(0, 100_000_000))
    in_stock = ma.fields.Boolean()
    sort = ma.fields.String(load_default="id", validate=validate.OneOf(SORTS))
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = ma.fields.Integer(load_default=20, validate=validate.Range(1, 100))


class LinksSchema(ma.Schema):
    self = ma.fields.String(required=True)
    first = ma.fields.String(required=True)
    last = ma.fields.String(required=True)
    prev = ma.fields.String()
    next = ma.fields.String()


class ProductPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ProductSchema), required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True)
    pages = ma.fields.Integer(required=True)
    links = ma.fields.Nested(LinksSchema, required=True)


class CartAddSchema(ma.Schema):
    product_id = _id(required=True)
    quantity = ma.fields.Integer(strict=True, required=True, validate=validate.Range(1, MAX_QUANTITY))


class QuantitySchema(ma.Schema):
    quantity = ma.fields.Integer(strict=True, required=True, validate=validate.Range(1, MAX_QUANTITY))


class LineSchema(ma.Schema):
    """One line of a cart or an order."""

    product_id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    unit_price_cents = ma.fields.Integer(required=True)
    quantity = ma.fields.Integer(required=True)
    line_total_cents = ma.fields.Integer(required=True)


class CartSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(LineSchema), required=True)
    total_cents = ma.fields.Integer(required=True)


class OrderCreateSchema(ma.Schema):
    shipping_address = _text(1, 500, required=True)


class IdempotencyHeaderSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # every other header

    idempotency_key = ma.fields.String(
        data_key="Idempotency-Key",
        validate=[validate.Length(1, 255), no_nul],
        metadata={"description": "retrying with the same key and body returns the same order"},
    )


class OrderSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True, validate=validate.OneOf(["pending", "paid", "cancelled", "refunded"]))
    shipping_address = ma.fields.String(required=True)
    total_cents = ma.fields.Integer(required=True)
    lines = ma.fields.List(ma.fields.Nested(LineSchema), required=True)


class PaymentCreateSchema(ma.Schema):
    card_number = ma.fields.String(
        required=True,
        validate=validate.Regexp(r"^[0-9]{12,19}$"),
        load_only=True,
        metadata={"description": "a test card: 4000000000000002 is declined, any other number is authorized"},
    )


class PaymentSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    order_id = ma.fields.Integer(required=True)
    status = ma.fields.String(
        required=True, validate=validate.OneOf(["authorized", "declined", "captured", "voided", "refunded"])
    )
    amount_cents = ma.fields.Integer(required=True)
    card_last4 = ma.fields.String(required=True)
