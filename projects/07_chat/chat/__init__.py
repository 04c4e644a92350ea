"""A real-time chat server: FastAPI WebSockets, rooms, presence, history, and a hub to scale out over Redis.

The Redis hub lives in `chat.chat_redis_hub` and is imported only when a server uses it.
"""

from .chat_app import app_from_env, create_app
from .chat_auth import AuthError, issue_token, verify_token
from .chat_hub import Hub, MemoryHub
from .chat_limits import TokenBucket, utf8_size
from .chat_server import parse_event
from .chat_settings import Settings, async_database_url
from .chat_store import MessageStore, StoredMessage

__all__ = [
    "AuthError",
    "Hub",
    "MemoryHub",
    "MessageStore",
    "Settings",
    "StoredMessage",
    "TokenBucket",
    "app_from_env",
    "async_database_url",
    "create_app",
    "issue_token",
    "parse_event",
    "utf8_size",
    "verify_token",
]
