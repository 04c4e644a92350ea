"""Request ids: taken from (or given to) each incoming request, passed on to every call and event it causes."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def clean_request_id(value: str | None) -> str:
    """`value` if it is a short, safe id (letters, digits, `._-`, at most 64), else a new random one."""
    if value is not None and _SAFE.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """ASGI middleware: sets `current_request_id` for the request and echoes it in the response header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(REQUEST_ID_HEADER.lower().encode())
        request_id = clean_request_id(incoming.decode("latin-1") if incoming else None)
        token = current_request_id.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_request_id.reset(token)


async def _add_request_id(request: httpx.Request) -> None:
    """httpx request hook: send the current request id, if there is one, as `X-Request-ID`."""
    request_id = current_request_id.get()
    if request_id is not None:
        request.headers[REQUEST_ID_HEADER] = request_id


def service_client(
    base_url: str, token: str, *, timeout: float, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """An HTTP client for calling another service: its token, a timeout on everything, the request id passed on."""
    return httpx.AsyncClient(
        base_url=base_url,
        headers={"X-Service-Token": token},
        timeout=httpx.Timeout(timeout),
        transport=transport,
        event_hooks={"request": [_add_request_id]},
    )
