"""The gateway's calls to the services behind it, with their failures turned into HTTP-shaped errors."""

from __future__ import annotations

import re

import httpx

from microshop.common.schemas import Order, OrderRequest, Product

ORDER_ID = re.compile(r"^[0-9a-f]{32}$")


class DownstreamError(Exception):
    """A call behind the gateway failed; `status` is what the gateway answers."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class Downstream:
    """The catalog and orders services, as the gateway sees them."""

    def __init__(self, catalog: httpx.AsyncClient, orders: httpx.AsyncClient) -> None:
        self._catalog = catalog
        self._orders = orders

    async def products(self) -> list[Product]:
        """The catalog's products."""
        raise NotImplementedError("products: write me (task 12)")

    async def place_order(self, customer: str, request: OrderRequest) -> Order:
        """Ask the orders service to place `request` for `customer`."""
        raise NotImplementedError("place_order: write me (task 12)")

    async def order(self, customer: str, order_id: str) -> Order | None:
        """The order if it exists and belongs to `customer`; None otherwise (the two look the same)."""
        raise NotImplementedError("order: write me (task 12)")

    async def aclose(self) -> None:
        await self._catalog.aclose()
        await self._orders.aclose()


async def _call(client: httpx.AsyncClient, method: str, url: str, json: object = None) -> httpx.Response:
    """One call to a service; its failures as DownstreamError (404/422 passed on, 502, 503, 504)."""
    raise NotImplementedError("_call: write me (task 12)")


def _is_json(response: httpx.Response) -> bool:
    try:
        response.json()
    except ValueError:
        return False
    return True
