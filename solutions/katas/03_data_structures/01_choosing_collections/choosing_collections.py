"""Choosing a collection: list, set, dict and tuple for everyday backend chores."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T", bound=Hashable)


def active_emails(users: Iterable[Mapping[str, Any]]) -> list[str]:
    """Lower-cased, trimmed e-mails of the active users, in order."""
    return [user["email"].strip().lower() for user in users if user.get("active")]


def dedupe(items: Iterable[T]) -> list[T]:
    """The items without repeats, each at its first position."""
    return list(dict.fromkeys(items))


def missing_permissions(required: Iterable[str], granted: Iterable[str]) -> set[str]:
    """The required permissions that were not granted."""
    return set(required) - set(granted)


def common_tags(tag_sets: Iterable[set[str]]) -> set[str]:
    """The tags present in every set; empty when there are no sets."""
    sets = list(tag_sets)
    return set.intersection(*sets) if sets else set()


def index_by_id(records: Iterable[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """Map each record's 'id' to the record; ValueError on a repeated id."""
    index: dict[Any, dict[str, Any]] = {}
    for record in records:
        record_id = record["id"]
        if record_id in index:
            raise ValueError(f"two records have the id {record_id!r}")
        index[record_id] = record
    return index


def cache_key(method: str, path: str, params: Mapping[str, str]) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A hashable key: (METHOD, path, params as sorted (name, value) pairs)."""
    return method.upper(), path, tuple(sorted(params.items()))
