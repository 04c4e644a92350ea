"""The GraphQL API (strawberry): the same operations as the REST API, the same checks, and limits.

One GraphQL request can ask for many things at once, so it is limited by what it asks, not by being one
request: its size in tokens, its depth, its aliases, and its cost (each root field is one operation, a call
to a service). The rate limit charges that cost, so 50 aliased `placeOrder`s are 50 operations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import strawberry
from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_operation_ast,
)
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from microshop.common.schemas import Order, OrderRequest, Product
from microshop.gateway.downstream import Downstream, DownstreamError
from microshop.gateway.rate_limit import RateLimiter

MAX_TOKENS = 1000  # refused while parsing, before anything is built from the text
MAX_DEPTH = 3  # our types nest one deep (`products { sku }`); introspection fields are not counted
MAX_ALIASES = 10
MAX_COST = 5  # root fields per request (at most the rate limit: a request must be able to pass it)


@dataclass
class GatewayContext(BaseContext):
    """What every resolver gets: who is asking, how to reach the services, and the rate limit they answer to."""

    customer: str
    downstream: Downstream
    limiter: RateLimiter

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


def operation_cost(operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]) -> int:
    """The root fields `operation` selects, through fragments too: each one is an operation of its own."""
    cost, pending, seen = 0, [operation.selection_set], set()
    while pending:
        selection_set: SelectionSetNode = pending.pop()
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:  # seen: a cycle (reported by graphql) counts once
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
            else:
                cost += 1
    return cost


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    """The document's fragments by name."""
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def cost_limit(max_cost: int) -> type[ValidationRule]:
    """A validation rule: refuse an operation with more than `max_cost` root fields."""

    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            cost = operation_cost(node, fragments_of(self.context.document))
            if cost > max_cost:
                self.report_error(GraphQLError(f"this request costs {cost} operations; at most {max_cost} at once"))

    return CostLimit


class ChargeOperations(SchemaExtension):
    """Charge the customer's rate limit one token per root field, before anything runs; all or nothing."""

    def on_execute(self) -> Iterator[None]:
        execution = self.execution_context
        context: GatewayContext = execution.context
        document = execution.graphql_document
        operation = document and get_operation_ast(document, execution.operation_name)
        if not operation or not document:  # strawberry has refused such a request already (400)
            yield
            return
        wait = context.limiter.hit(context.customer, operation_cost(operation, fragments_of(document)))
        if wait is not None:
            retry_after = str(math.ceil(wait))
            if context.response is not None:
                context.response.status_code = 429
                context.response.headers["Retry-After"] = retry_after
            refusal = GraphQLError("slow down", extensions={"code": "RATE_LIMITED", "retryAfter": int(retry_after)})
            execution.result = ExecutionResult(data=None, errors=[refusal])
        yield


def build_schema(max_cost: int = MAX_COST) -> strawberry.Schema:
    """The schema with its limits; `max_cost` root fields per request at most."""
    cost_rule = cost_limit(max_cost)
    limits: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: AddValidationRules([cost_rule]),
        ChargeOperations,
    ]
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=limits)
