"""The cart: each user has one, holding products and quantities until they order."""

# flask-smorest ships no type information, so its decorators and classes are untyped to mypy.
# mypy: allow-untyped-decorators, allow-untyped-calls

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from shop_api.shop_blueprint import Blueprint
from shop_api.shop_guards import protected
from shop_api.shop_models import CartItem
from shop_api.shop_schemas import CartAddSchema, CartSchema, LineSchema, QuantitySchema

carts = Blueprint("carts", __name__, url_prefix="/cart", description="Your shopping cart")


def cart_line(item: CartItem) -> dict[str, Any]:
    """Milestone 4: a cart item as a line: product id and name, unit price, quantity and line total."""
    raise NotImplementedError("cart_line: write me (milestone 4)")


def cart_items(user_id: int) -> list[CartItem]:
    """Milestone 4: the user's cart items, by product id."""
    raise NotImplementedError("cart_items: write me (milestone 4)")


@carts.route("")
class Cart(MethodView):
    @protected(carts)
    @carts.response(200, CartSchema)
    def get(self) -> dict[str, Any]:
        """Your cart, with line totals and the total"""
        raise NotImplementedError("Cart.get: write me (milestone 4)")

    @protected(carts)
    @carts.response(204)
    def delete(self) -> None:
        """Empty your cart"""
        raise NotImplementedError("Cart.delete: write me (milestone 4)")


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
        raise NotImplementedError("CartItems.post: write me (milestone 4)")


@carts.route("/items/<int:product_id>")
class CartItemById(MethodView):
    @protected(carts)
    @carts.response(200, LineSchema)
    @carts.alt_response(404, response="NOT_FOUND")
    def get(self, product_id: int) -> dict[str, Any]:
        """One line of your cart"""
        raise NotImplementedError("CartItemById.get: write me (milestone 4)")

    @protected(carts)
    @carts.arguments(QuantitySchema)
    @carts.response(200, LineSchema)
    @carts.alt_response(404, response="NOT_FOUND")
    @carts.alt_response(409, response="CONFLICT")
    def put(self, fields: dict[str, Any], product_id: int) -> dict[str, Any]:
        """Set the quantity of a product in your cart"""
        raise NotImplementedError("CartItemById.put: write me (milestone 4)")

    @protected(carts)
    @carts.response(204)
    @carts.alt_response(404, response="NOT_FOUND")
    def delete(self, product_id: int) -> None:
        """Take a product out of your cart"""
        raise NotImplementedError("CartItemById.delete: write me (milestone 4)")
