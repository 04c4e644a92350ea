"""Three helpers from an API server. Each has a bug that a user has reported: find it and fix it."""

from collections.abc import Collection, Sequence
from typing import TypeVar

T = TypeVar("T")

DEFAULT_HEADERS = {"Accept": "application/json", "User-Agent": "katas-client/1.0"}


def paginate(items: Sequence[T], page: int, per_page: int = 10) -> tuple[list[T], int]:
    """Return (the items on `page`, the number of pages). Pages count from 1; an empty list still has 1 page."""
    if page < 1 or per_page < 1:
        raise ValueError(f"page and per_page start at 1, got page={page}, per_page={per_page}")
    start = page * per_page
    total_pages = max(1, len(items) // per_page)
    return list(items[start : start + per_page]), total_pages


def request_headers(token: str | None = None, headers: dict[str, str] = DEFAULT_HEADERS) -> dict[str, str]:
    """Return the headers for one outgoing request: `headers`, plus 'Authorization: Bearer <token>' if given."""
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def can_edit(user_id: int, owner_id: int, admin_ids: Collection[int] = ()) -> bool:
    """Return True if the user owns the resource or is an admin."""
    return user_id is owner_id or user_id in admin_ids
