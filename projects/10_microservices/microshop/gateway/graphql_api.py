"""The GraphQL API (strawberry): the same operations as the REST API, the same checks."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from microshop.common.schemas import Order, Product
from microshop.gateway.downstream import Downstream


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
        raise NotImplementedError("products: write me (task 14)")

    @strawberry.field
    async def order(self, info: Info[GatewayContext, None], id: str) -> OrderType | None:
        """The caller's order with this id, or null (also for someone else's)."""
        raise NotImplementedError("order: write me (task 14)")


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def place_order(self, info: Info[GatewayContext, None], sku: str, quantity: int) -> OrderType:
        """Place an order for the caller, validated like the REST API's."""
        raise NotImplementedError("place_order: write me (task 14)")


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation)
