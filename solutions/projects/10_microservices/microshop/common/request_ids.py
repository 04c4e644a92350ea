"""Request ids: taken from (or given to) each incoming request, passed on to every call and event it causes.

Yours to write (task 5). Given, in `request_plumbing.py`: the middleware and the service client that use them.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

import httpx

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def clean_request_id(value: str | None) -> str:
    """`value` if it is a short, safe id (letters, digits, `._-`, at most 64), else a new random one."""
    if value is not None and _SAFE.match(value):
        return value
    return uuid.uuid4().hex


async def add_request_id(request: httpx.Request) -> None:
    """httpx request hook: send the current request id, if there is one, as `X-Request-ID`."""
    request_id = current_request_id.get()
    if request_id is not None:
        request.headers[REQUEST_ID_HEADER] = request_id
