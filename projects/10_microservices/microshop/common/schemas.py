"""The shapes that cross service boundaries, validated by pydantic at every entrance."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

Sku = Annotated[str, Field(pattern=r"^[a-z0-9-]{1,32}$")]
OrderId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
Customer = Annotated[str, Field(min_length=1, max_length=64)]
Quantity = Annotated[StrictInt, Field(ge=1, le=10)]
Status = Literal["pending", "confirmed", "rejected"]


class Product(BaseModel):
    model_config = ConfigDict(frozen=True)

    sku: Sku
    name: str
    price_cents: int


class OrderRequest(BaseModel):
    """What a customer sends: which product and how many (1 to 10). Nothing else is accepted."""

    model_config = ConfigDict(extra="forbid")

    sku: Sku
    quantity: Quantity


class NewOrder(OrderRequest):
    """What the gateway sends the orders service: the request plus the customer it authenticated."""

    customer: Customer


class Order(BaseModel):
    id: OrderId
    customer: Customer
    sku: Sku
    quantity: Quantity
    total_cents: int
    status: Status
