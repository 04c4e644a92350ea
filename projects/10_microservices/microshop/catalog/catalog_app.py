"""The catalog's HTTP API. `create_app` is its bootstrap: `uvicorn --factory microshop.catalog.catalog_app:create_app`."""

from __future__ import annotations

import os

from fastapi import Depends, FastAPI, HTTPException, Path

from microshop.common.bootstrap import health
from microshop.common.request_plumbing import RequestIdMiddleware
from microshop.common.schemas import Product
from microshop.common.security import require_caller
from microshop.common.settings import Settings

PRODUCTS = (
    Product(sku="mug", name="Enamel mug", price_cents=900),
    Product(sku="tee", name="Kata T-shirt", price_cents=2000),
    Product(sku="sticker", name="Sticker pack", price_cents=300),
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the catalog service (settings from the environment unless given)."""
    settings = settings or Settings.from_env(os.environ, "catalog")
    by_sku = {product.sku: product for product in PRODUCTS}
    caller = Depends(require_caller("catalog", settings.tokens))
    app = FastAPI(openapi_url=None)
    app.add_middleware(RequestIdMiddleware)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return health("catalog")

    @app.get("/products", dependencies=[caller])
    async def products() -> list[Product]:
        return list(PRODUCTS)

    @app.get("/products/{sku}", dependencies=[caller])
    async def product(sku: str = Path(pattern=r"^[a-z0-9-]{1,32}$")) -> Product:
        if sku not in by_sku:
            raise HTTPException(404, f"no product {sku!r}")
        return by_sku[sku]

    return app
