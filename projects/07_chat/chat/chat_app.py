"""The FastAPI application: `create_app(settings)` wires everything once; nothing happens at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, WebSocket, status
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .chat_auth import AuthError, issue_token, verify_token  # noqa: F401  # issue_token: you will need it
from .chat_hub import Hub, MemoryHub
from .chat_protocol import USERNAME, valid_room  # noqa: F401  # valid_room: you will need it
from .chat_server import ChatServer
from .chat_settings import Settings
from .chat_store import MessageStore

STATIC = Path(__file__).parent / "static"


class LoginRequest(BaseModel):
    username: str = Field(pattern=f"^{USERNAME.pattern}$")


class LoginResponse(BaseModel):
    token: str
    username: str
    expires_in: int


def current_user(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The user named by an `Authorization: Bearer <token>` header; 401 without a valid one."""
    server: ChatServer = request.app.state.chat
    scheme, _, token = (authorization or "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise AuthError("missing bearer token")
        return verify_token(token, server.settings.secret_key)
    except AuthError as error:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(error), headers={"WWW-Authenticate": "Bearer"}) from error


def make_hub(settings: Settings) -> Hub:
    """The broadcast back end the settings ask for."""
    if settings.hub == "redis":
        from .chat_redis_hub import RedisHub  # imported only when used: redis takes a while to import

        return RedisHub(settings.redis_url, settings.channel_prefix, settings.presence_ttl_seconds)
    return MemoryHub()


def create_app(settings: Settings, hub: Hub | None = None) -> FastAPI:
    """The chat app. `hub` defaults to the one `settings.hub` names (tests may pass their own)."""
    store = MessageStore(settings.database_url)
    server = ChatServer(settings, hub if hub is not None else make_hub(settings), store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await store.create_tables()
        await server.hub.start(server.rooms.deliver)
        try:
            yield
        finally:
            server.shutdown()
            await server.hub.close()
            await store.close()

    app = FastAPI(title="Chat", lifespan=lifespan)
    app.state.chat = server
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/login")
    async def login(body: LoginRequest) -> LoginResponse:
        """Issue a token for the name (milestone 3)."""
        raise NotImplementedError("login: write me (milestone 3)")

    @app.get("/rooms/{room}/messages")
    async def room_history(
        room: str,
        _user: Annotated[str, Depends(current_user)],
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> list[dict[str, Any]]:
        """The room's last `limit` messages as `message` events, oldest first; 404 for an invalid room name."""
        raise NotImplementedError("room_history: write me (milestone 3)")

    @app.websocket("/ws")
    async def chat_socket(websocket: WebSocket) -> None:
        await server.serve(websocket)

    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory chat.chat_app:app_from_env`: the app with `Settings.from_env()`."""
    return create_app(Settings.from_env())
