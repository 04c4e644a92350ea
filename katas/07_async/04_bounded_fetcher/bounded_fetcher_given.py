"""Given, not to edit: the Result your fetch functions in bounded_fetcher.py return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    """What fetching one URL gave: the JSON `data`, or an `error` saying what went wrong."""

    url: str
    status: int | None = None
    data: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
