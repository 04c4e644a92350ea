"""The bookmarks' data layer, shared by the legacy API and your port. (Given: the port changes only the HTTP layer.)"""

from __future__ import annotations

from typing import Any

Bookmark = dict[str, Any]

# Rows as they are in production. The first two were imported before bookmarks had notes, so they have no
# "note" key at all; every row carries an internal "owner_email" that the API must never show.
SEED: list[Bookmark] = [
    {"id": 1, "url": "https://peps.python.org/pep-0008/", "title": "PEP 8", "starred": True, "owner_email": "ada@example.org"},
    {"id": 2, "url": "https://flask.palletsprojects.com/", "title": "Flask", "starred": False, "owner_email": "ada@example.org"},
    {"id": 3, "url": "https://www.rfc-editor.org/rfc/rfc9110", "title": "HTTP Semantics", "starred": True,
     "note": "read section 15", "owner_email": "brian@example.org"},
]  # fmt: skip


class BookmarkStore:
    """Bookmarks in memory, keyed by id, each app with its own copy of SEED."""

    def __init__(self) -> None:
        self.rows: dict[int, Bookmark] = {row["id"]: dict(row) for row in SEED}

    def add(self, fields: Bookmark) -> Bookmark:
        """Store a new bookmark under the next id (highest + 1) and return it."""
        bookmark = {**fields, "id": max(self.rows, default=0) + 1, "owner_email": "api@example.org"}
        self.rows[bookmark["id"]] = bookmark
        return bookmark

    def replace(self, bookmark_id: int, fields: Bookmark) -> Bookmark:
        """Replace every field of an existing bookmark, keeping its id and owner."""
        old = self.rows[bookmark_id]
        bookmark = {**fields, "id": bookmark_id, "owner_email": old["owner_email"]}
        self.rows[bookmark_id] = bookmark
        return bookmark
