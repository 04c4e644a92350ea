"""The cart: each user has one, holding products and quantities until they order."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_db import MAX_ID, abort, db
from shop_api.shop_guards import protected
from shop_api.shop_identity import current_user
from shop_api.shop_models import CartItem, Product
from shop_api.shop_schemas import MAX_QUANTITY, CartAddSchema, CartSchema, LineSchema, QuantitySchema

carts = Blueprint("carts", __name__, url_prefix="/cart", description="Your shopping cart")


def cart_line(item: CartItem) -> dict[str, Any]:
    """Milestone 4: a cart item as a line: product id and name, unit price, quantity and line total."""
    price = item.product.price_cents
    return {
        "product_id": item.product_id,
        "name": item.product.name,
        "unit_price_cents": price,
        "quantity": item.quantity,
        "line_total_cents": price * item.quantity,
    }


def cart_items(user_id: int) -> list[CartItem]:
    """Milestone 4: the user's cart items, by product id."""
    statement = select(CartItem).where(CartItem.user_id == user_id).order_by(CartItem.product_id)
    return list(db().scalars(statement))


def add_to_quantity(session: Session, key: dict[str, int], quantity: int) -> ReturningInsert[int]:
    """Milestone 4: one statement that puts `quantity` of a product in a cart, or adds it to what is there.

    INSERT ... ON CONFLICT DO UPDATE (an upsert) returning the new quantity. Reading the line first
    and then inserting it fails when two requests add the same new product at the same moment: both
    read "not there", both insert, and the second breaks the primary key (a 500).
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(CartItem).values(**key, quantity=quantity)
    return statement.on_conflict_do_update(
        index_elements=list(key), set_={"quantity": CartItem.quantity + statement.excluded.quantity}
    ).returning(CartItem.quantity)


def _item_or_404(product_id: int) -> CartItem:
    item = db().get(CartItem, (current_user().id, product_id)) if 0 < product_id <= MAX_ID else None
    if item is None:
        abort(404, message=f"product {product_id} is not in your cart")
    return item


def _check_stock(product: Product, quantity: int) -> None:
    if quantity > product.stock:
        abort(409, message=f"only {product.stock} of product {product.id} in stock, you asked for {quantity}")


@carts.route("")
class Cart(MethodView):
    @protected(carts)
    @carts.response(200, CartSchema)
    def get(self) -> dict[str, Any]:
        """Your cart, with line totals and the total"""
        lines = [cart_line(item) for item in cart_items(current_user().id)]
        return {"items": lines, "total_cents": sum(line["line_total_cents"] for line in lines)}

    @protected(carts)
    @carts.response(204)
    def delete(self) -> None:
        """Empty your cart"""
        session = db()
        session.execute(delete(CartItem).where(CartItem.user_id == current_user().id))
        session.commit()


@carts.route("/items")
class CartItems(MethodView):
    @protected(carts)
    @carts.arguments(CartAddSchema)
    @carts.response(201, LineSchema)
    @carts.alt_response(404, response="NOT_FOUND")
    @carts.alt_response(409, response="CONFLICT")
    def post(self, fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """Put a product in your cart

        Adding a product already there adds to its quantity. 404 for an unknown product,
        409 when the cart would hold more than is in stock.
        """
        session = db()
        product = session.get(Product, fields["product_id"])
        if product is None:
            message = f"product {fields['product_id']} not found"
            abort(404, message=message, errors={"json": {"product_id": [message]}})
        key = {"user_id": current_user().id, "product_id": product.id}
        quantity: int = session.execute(add_to_quantity(session, key, fields["quantity"])).scalar_one()
        if quantity > MAX_QUANTITY:
            abort(409, message=f"at most {MAX_QUANTITY} of one product fit in a cart")
        _check_stock(product, quantity)  # a refusal rolls the upsert back: the session is never committed
        session.commit()
        item = session.get_one(CartItem, (key["user_id"], key["product_id"]))  # not loaded before: read afresh
        return cart_line(item), {"Location": url_for("carts.CartItemById", product_id=product.id)}


@carts.route("/items/<int:product_id>")
class CartItemById(MethodView):
    @protected(carts)
    @carts.response(200, LineSchema)
    @carts.alt_response(404, response="NOT_FOUND")
    def get(self, product_id: int) -> dict[str, Any]:
        """One line of your cart"""
        return cart_line(_item_or_404(product_id))

    @protected(carts)
    @carts.arguments(QuantitySchema)
    @carts.response(200, LineSchema)
    @carts.alt_response(404, response="NOT_FOUND")
    @carts.alt_response(409, response="CONFLICT")
    def put(self, fields: dict[str, Any], product_id: int) -> dict[str, Any]:
        """Set the quantity of a product in your cart"""
        item = _item_or_404(product_id)
        _check_stock(item.product, fields["quantity"])
        item.quantity = fields["quantity"]
        db().commit()
        return cart_line(item)

    @protected(carts)
    @carts.response(204)
    @carts.alt_response(404, response="NOT_FOUND")
    def delete(self, product_id: int) -> None:
        """Take a product out of your cart"""
        session = db()
        session.delete(_item_or_404(product_id))
        session.commit()
