"""Big-O: everyday lookups written in O(n) with sets and dicts."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def repeated_ids(ids: Iterable[T]) -> list[T]:
    """Each id that occurs more than once, once, in the order it is first repeated."""
    raise NotImplementedError("repeated_ids: write me (task 1)")


def in_both(crm_emails: Iterable[str], billing_emails: Iterable[str]) -> list[str]:
    """E-mails of crm_emails also in billing_emails (case-insensitive), in crm order, each once."""
    raise NotImplementedError("in_both: write me (task 2)")


def pair_with_total(amounts: Sequence[int], total: int) -> tuple[int, int] | None:
    """The first (i, j), i < j, with amounts[i] + amounts[j] == total; None if there is none."""
    raise NotImplementedError("pair_with_total: write me (task 3)")
