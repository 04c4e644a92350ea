"""Big-O: everyday lookups written in O(n) with sets and dicts."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def repeated_ids(ids: Iterable[T]) -> list[T]:
    """Each id that occurs more than once, once, in the order it is first repeated."""
    seen: set[T] = set()
    reported: set[T] = set()
    repeats: list[T] = []
    for item in ids:
        if item in seen and item not in reported:
            reported.add(item)
            repeats.append(item)
        seen.add(item)
    return repeats


def in_both(crm_emails: Iterable[str], billing_emails: Iterable[str]) -> list[str]:
    """E-mails of crm_emails also in billing_emails (case-insensitive), in crm order, each once."""
    billing = {email.casefold() for email in billing_emails}
    found: dict[str, str] = {}
    for email in crm_emails:
        folded = email.casefold()
        if folded in billing and folded not in found:
            found[folded] = email
    return list(found.values())


def pair_with_total(amounts: Sequence[int], total: int) -> tuple[int, int] | None:
    """The first (i, j), i < j, with amounts[i] + amounts[j] == total; None if there is none."""
    first_index: dict[int, int] = {}
    for j, amount in enumerate(amounts):
        partner = first_index.get(total - amount)
        if partner is not None:
            return partner, j
        first_index.setdefault(amount, j)
    return None
