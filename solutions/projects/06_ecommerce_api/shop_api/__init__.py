"""An e-commerce REST API: users, a product catalogue, carts, orders and simulated payments."""

from shop_api.shop_app import create_app

__all__ = ["create_app"]
