"""The middleware and the HTTP client that carry the request id, built on your `request_ids.py`. (Given.)"""

from __future__ import annotations

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from microshop.common.request_ids import REQUEST_ID_HEADER, add_request_id, clean_request_id, current_request_id


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


def service_client(
    base_url: str, token: str, *, timeout: float, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """An HTTP client for calling another service: its token, a timeout on everything, the request id passed on."""
    return httpx.AsyncClient(
        base_url=base_url,
        headers={"X-Service-Token": token},
        timeout=httpx.Timeout(timeout),
        transport=transport,
        event_hooks={"request": [add_request_id]},
    )
