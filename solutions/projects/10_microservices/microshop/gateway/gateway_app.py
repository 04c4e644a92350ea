"""The gateway. Bootstrap: `uvicorn --factory microshop.gateway.gateway_app:create_app`.

No `from __future__ import annotations` here: FastAPI reads the routes' annotations at runtime, and the
`Customer`/`Services` aliases are local to `add_routes`, where a string annotation could not find them.
"""

import asyncio
import math
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request, WebSocket, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from strawberry.fastapi import GraphQLRouter

from microshop.common.bootstrap import health, open_bus
from microshop.common.events import ORDER_UPDATED, EventBus
from microshop.common.request_plumbing import RequestIdMiddleware, service_client
from microshop.common.schemas import Order, OrderRequest, Product
from microshop.common.security import InvalidTokenError, verify_jwt
from microshop.common.settings import Settings
from microshop.gateway.downstream import Downstream, DownstreamError
from microshop.gateway.gateway_helpers import downstream_of, until_closed
from microshop.gateway.graphql_api import MAX_COST, GatewayContext, build_schema
from microshop.gateway.order_updates import OrderUpdates
from microshop.gateway.rate_limit import RateLimiter

TITLE = "microshop gateway"
POLICY_VIOLATION = 1008  # the WebSocket close code for "not allowed"
MUST_LOG_IN = {"WWW-Authenticate": "Bearer"}


def create_app(
    settings: Settings | None = None,
    *,
    bus: EventBus | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """Build the gateway: clients for the services, the rate limiter, the WebSocket fan-out, the routes."""
    settings = settings or Settings.from_env(os.environ, "gateway")
    updates = OrderUpdates()

    def client(base_url: str) -> httpx.AsyncClient:
        return service_client(base_url, settings.tokens["gateway"], timeout=settings.http_timeout, transport=transport)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        downstream = Downstream(client(settings.catalog_url), client(settings.orders_url))
        opened = await open_bus(settings, bus)
        await opened.subscribe(ORDER_UPDATED, updates.on_order_updated)  # no group: every gateway needs every update
        app.state.downstream = downstream
        try:
            yield
        finally:
            await opened.close()
            await downstream.aclose()

    app = FastAPI(title=TITLE, lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    limiter = RateLimiter(settings.rate_limit, clock=clock)
    caller = identify(settings.jwt_secret)
    add_routes(app, authenticate(caller, limiter), caller, limiter)
    add_order_feed(app, settings.jwt_secret, updates)
    return app


def identify(secret: str) -> Callable[..., Awaitable[str]]:
    """The dependency that names the caller from the JWT: 401 without a valid one."""
    bearer = HTTPBearer(auto_error=False)

    async def caller(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
        if credentials is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "log in first", headers=MUST_LOG_IN)
        try:
            return verify_jwt(credentials.credentials, secret)
        except InvalidTokenError as error:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token", headers=MUST_LOG_IN) from error

    return caller


def authenticate(caller: Callable[..., Awaitable[str]], limiter: RateLimiter) -> Callable[..., Awaitable[str]]:
    """The REST dependency that names the customer: `caller`'s 401, then 429 over the rate limit (one a request)."""

    async def customer(subject: Annotated[str, Depends(caller)]) -> str:
        wait = limiter.hit(subject)
        if wait is not None:
            retry_after = {"Retry-After": str(math.ceil(wait))}
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down", headers=retry_after)
        return subject

    return customer


def add_routes(
    app: FastAPI, customer: Callable[..., Awaitable[str]], caller: Callable[..., Awaitable[str]], limiter: RateLimiter
) -> None:
    """REST (charged one a request by `customer`) and GraphQL (`caller`, charged one per root field by the schema)."""
    Customer = Annotated[str, Depends(customer)]  # noqa: N806 (a type alias)
    Services = Annotated[Downstream, Depends(downstream_of)]  # noqa: N806

    async def graphql_context(who: Annotated[str, Depends(caller)], downstream: Services) -> GatewayContext:
        return GatewayContext(customer=who, downstream=downstream, limiter=limiter)

    schema = build_schema(max_cost=min(MAX_COST, limiter.limit))
    app.include_router(GraphQLRouter(schema, context_getter=graphql_context, graphql_ide=None), prefix="/graphql")

    @app.exception_handler(DownstreamError)
    async def downstream_failed(request: Request, error: DownstreamError) -> JSONResponse:
        return JSONResponse({"detail": error.detail}, status_code=error.status)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return health("gateway")

    @app.get("/api/products")
    async def products(_: Customer, downstream: Services) -> list[Product]:
        return await downstream.products()

    @app.post("/api/orders", status_code=status.HTTP_201_CREATED)
    async def place_order(request: OrderRequest, who: Customer, downstream: Services) -> Order:
        return await downstream.place_order(who, request)

    @app.get("/api/orders/{order_id}")
    async def order(order_id: str, who: Customer, downstream: Services) -> Order:
        found = await downstream.order(who, order_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such order")
        return found


def add_order_feed(app: FastAPI, secret: str, updates: OrderUpdates) -> None:
    """`/ws/orders?token=JWT`: pushes `{"order_id", "status"}` for each change to one of the customer's orders."""

    @app.websocket("/ws/orders")
    async def order_feed(websocket: WebSocket) -> None:
        try:
            who = verify_jwt(websocket.query_params.get("token", ""), secret)
        except InvalidTokenError:
            await websocket.close(code=POLICY_VIOLATION)
            return
        queue = updates.listen(who)  # before accepting: no update may slip between the handshake and listening
        closed: asyncio.Task[None] | None = None
        try:
            await websocket.accept()
            closed = asyncio.create_task(until_closed(websocket))
            while True:
                next_update = asyncio.create_task(queue.get())
                done, _ = await asyncio.wait({next_update, closed}, return_when=asyncio.FIRST_COMPLETED)
                if closed in done:
                    next_update.cancel()
                    return
                await websocket.send_json(next_update.result())
        finally:
            if closed is not None:
                closed.cancel()
            updates.stop(who, queue)
