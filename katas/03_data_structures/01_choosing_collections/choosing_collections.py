"""Choosing a collection: list, set, dict and tuple for everyday backend chores."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T", bound=Hashable)


def active_emails(users: Iterable[Mapping[str, Any]]) -> list[str]:
    """Lower-cased, trimmed e-mails of the active users, in order."""
    raise NotImplementedError("active_emails: write me (task 1)")


def dedupe(items: Iterable[T]) -> list[T]:
    """The items without repeats, each at its first position."""
    raise NotImplementedError("dedupe: write me (task 1)")


def missing_permissions(required: Iterable[str], granted: Iterable[str]) -> set[str]:
    """The required permissions that were not granted."""
    raise NotImplementedError("missing_permissions: write me (task 2)")


def common_tags(tag_sets: Iterable[set[str]]) -> set[str]:
    """The tags present in every set; empty when there are no sets."""
    raise NotImplementedError("common_tags: write me (task 2)")


def index_by_id(records: Iterable[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """Map each record's 'id' to the record; ValueError on a repeated id."""
    raise NotImplementedError("index_by_id: write me (task 3)")


def cache_key(method: str, path: str, params: Mapping[str, str]) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A hashable key: (METHOD, path, params as sorted (name, value) pairs)."""
    raise NotImplementedError("cache_key: write me (task 4)")
