"""Given, not to edit: the shop's products and its app, with its views, using your `money` from flask_templates.py."""

from dataclasses import dataclass
from typing import Any

from flask import Flask, abort, render_template, request
from flask_templates import money
from markupsafe import Markup


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    price_cents: int
    description: str | Markup  # Markup: trusted HTML written by the shop; str: text from a supplier


PRODUCTS = {
    1: Product(1, "Kettle", 2499, "Boils water fast."),
    2: Product(2, "Teapot", 3450, Markup("<em>hand-made</em> in Stoke")),
    3: Product(3, "Mug", 899, "Holds <b>350 ml</b>"),
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The shop: three pages rendered from templates/, the `money` filter, static files from static/."""
    app = Flask("flask_templates")  # templates/ and static/ are the ones beside flask_templates.py
    app.config.from_mapping(test_config or {})
    app.add_template_filter(money, "money")

    @app.get("/")
    def index() -> str:
        return render_template("index.html", products=list(PRODUCTS.values()))

    @app.get("/products/<int:product_id>")
    def product(product_id: int) -> str:
        return render_template("product.html", product=PRODUCTS.get(product_id) or abort(404))

    @app.get("/search")
    def search() -> str:
        query = request.args.get("q", "").strip()
        results = [p for p in PRODUCTS.values() if query and query.casefold() in p.name.casefold()]
        return render_template("search.html", query=query, results=results)

    return app
