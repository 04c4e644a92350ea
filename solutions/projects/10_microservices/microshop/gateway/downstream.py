"""The gateway's calls to the services behind it, with their failures turned into HTTP-shaped errors."""

from __future__ import annotations

import re

import httpx

from microshop.common.schemas import NewOrder, Order, OrderRequest, Product

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
        response = await _call(self._catalog, "GET", "/products")
        return [Product.model_validate(item) for item in response.json()]

    async def place_order(self, customer: str, request: OrderRequest) -> Order:
        """Ask the orders service to place `request` for `customer`."""
        body = NewOrder(customer=customer, sku=request.sku, quantity=request.quantity)
        response = await _call(self._orders, "POST", "/orders", json=body.model_dump())
        return Order.model_validate_json(response.content)

    async def order(self, customer: str, order_id: str) -> Order | None:
        """The order if it exists and belongs to `customer`; None otherwise (the two look the same)."""
        if not ORDER_ID.match(order_id):
            return None  # never let a caller's text steer the URL
        try:
            response = await _call(self._orders, "GET", f"/orders/{order_id}")
        except DownstreamError as error:
            if error.status == httpx.codes.NOT_FOUND:
                return None
            raise
        order = Order.model_validate_json(response.content)
        return order if order.customer == customer else None

    async def aclose(self) -> None:
        await self._catalog.aclose()
        await self._orders.aclose()


async def _call(client: httpx.AsyncClient, method: str, url: str, json: object = None) -> httpx.Response:
    """One call to a service; its failures as DownstreamError (404/422 passed on, 502, 503, 504)."""
    try:
        response = await client.request(method, url, json=json)
    except httpx.TimeoutException as error:
        raise DownstreamError(504, f"{url}: the service did not answer in time") from error
    except httpx.HTTPError as error:
        raise DownstreamError(503, f"{url}: the service is unavailable") from error
    if response.status_code in (404, 422):
        detail = response.json().get("detail", "rejected") if _is_json(response) else "rejected"
        raise DownstreamError(response.status_code, detail if isinstance(detail, str) else "invalid request")
    if response.is_error:
        raise DownstreamError(502, f"{url}: the service answered {response.status_code}")
    return response


def _is_json(response: httpx.Response) -> bool:
    try:
        response.json()
    except ValueError:
        return False
    return True
