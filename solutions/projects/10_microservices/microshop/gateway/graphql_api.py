"""The GraphQL API (strawberry): the same operations as the REST API, the same checks."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from microshop.common.schemas import Order, OrderRequest, Product
from microshop.gateway.downstream import Downstream, DownstreamError


@dataclass
class GatewayContext(BaseContext):
    """What every resolver gets: who is asking, and how to reach the services."""

    customer: str
    downstream: Downstream

    def __post_init__(self) -> None:
        super().__init__()


@strawberry.type(name="Product")
class ProductType:
    sku: str
    name: str
    price_cents: int

    @staticmethod
    def of(product: Product) -> ProductType:
        return ProductType(sku=product.sku, name=product.name, price_cents=product.price_cents)


@strawberry.type(name="Order")
class OrderType:
    id: str
    sku: str
    quantity: int
    total_cents: int
    status: str

    @staticmethod
    def of(order: Order) -> OrderType:
        return OrderType(
            id=order.id, sku=order.sku, quantity=order.quantity, total_cents=order.total_cents, status=order.status
        )


@strawberry.type
class Query:
    @strawberry.field
    async def products(self, info: Info[GatewayContext, None]) -> list[ProductType]:
        """Every product of the catalog."""
        return [ProductType.of(product) for product in await info.context.downstream.products()]

    @strawberry.field
    async def order(self, info: Info[GatewayContext, None], id: str) -> OrderType | None:
        """The caller's order with this id, or null (also for someone else's)."""
        order = await info.context.downstream.order(info.context.customer, id)
        return None if order is None else OrderType.of(order)


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def place_order(self, info: Info[GatewayContext, None], sku: str, quantity: int) -> OrderType:
        """Place an order for the caller, validated like the REST API's."""
        request = OrderRequest(sku=sku, quantity=quantity)  # a ValidationError becomes a GraphQL error
        try:
            order = await info.context.downstream.place_order(info.context.customer, request)
        except DownstreamError as error:
            raise ValueError(error.detail) from error
        return OrderType.of(order)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation)
