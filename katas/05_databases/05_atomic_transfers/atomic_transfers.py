"""Transactions: moving money between accounts so that it is never lost or made up.

Tables (made by the tests):
    accounts(id, owner, balance_cents CHECK (balance_cents >= 0))
    ledger(id, source_id, target_id, amount_cents)
"""

from collections.abc import Sequence

from sqlalchemy import Engine


class InsufficientFundsError(ValueError):
    """The source account holds less than the amount to move."""


class UnknownAccountError(LookupError):
    """An account id that is not in the accounts table."""


def transfer(engine: Engine, source_id: int, target_id: int, amount_cents: int) -> None:
    """Move money and record it in the ledger, all in one transaction: everything happens or nothing does."""
    raise NotImplementedError("transfer: write me (task 1 and 2)")


def transfer_all(engine: Engine, moves: Sequence[tuple[int, int, int]]) -> None:
    """Apply every (source_id, target_id, amount_cents) move in ONE transaction: all of them or none."""
    raise NotImplementedError("transfer_all: write me (task 3)")
