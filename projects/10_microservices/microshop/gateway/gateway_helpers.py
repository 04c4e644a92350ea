"""Two small helpers for your routes in `gateway_app.py`. (Given.)"""

from __future__ import annotations

from fastapi import Request, WebSocket

from microshop.gateway.downstream import Downstream


def downstream_of(request: Request) -> Downstream:
    """The dependency that hands a route the `Downstream` clients the lifespan opened."""
    found: Downstream = request.app.state.downstream
    return found


async def until_closed(websocket: WebSocket) -> None:
    """Return when the client closes the WebSocket (whatever it sends meanwhile is ignored)."""
    while (await websocket.receive())["type"] != "websocket.disconnect":
        pass
