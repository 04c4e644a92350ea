"""Transactions: moving money between accounts so that it is never lost or made up.

Tables (made by the tests):
    accounts(id, owner, balance_cents CHECK (balance_cents >= 0))
    ledger(id, source_id, target_id, amount_cents)
"""

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, bindparam, text


class InsufficientFundsError(ValueError):
    """The source account holds less than the amount to move."""


class UnknownAccountError(LookupError):
    """An account id that is not in the accounts table."""


_KNOWN = text("SELECT id FROM accounts WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
# One conditional UPDATE checks and debits at once, so two concurrent transfers cannot both
# spend the same money (a SELECT followed by an UPDATE could).
_DEBIT = text("UPDATE accounts SET balance_cents = balance_cents - :amount WHERE id = :id AND balance_cents >= :amount")
_CREDIT = text("UPDATE accounts SET balance_cents = balance_cents + :amount WHERE id = :id")
_RECORD = text("INSERT INTO ledger (source_id, target_id, amount_cents) VALUES (:source, :target, :amount)")


def _move(conn: Connection, source_id: int, target_id: int, amount_cents: int) -> None:
    """Do one move inside the caller's transaction; raise (and let the caller roll back) on any problem."""
    if amount_cents <= 0:
        raise ValueError(f"the amount must be positive, got {amount_cents}")
    if source_id == target_id:
        raise ValueError(f"cannot transfer from account {source_id} to itself")
    known = set(conn.execute(_KNOWN, {"ids": [source_id, target_id]}).scalars())
    if missing := sorted({source_id, target_id} - known):
        raise UnknownAccountError(f"no account with id {missing[0]}")
    # Touch the two rows in id order: concurrent opposite transfers then lock them in the same order.
    for account_id in sorted((source_id, target_id)):
        if account_id == source_id:
            if conn.execute(_DEBIT, {"amount": amount_cents, "id": source_id}).rowcount != 1:
                raise InsufficientFundsError(f"account {source_id} holds less than {amount_cents} cents")
        else:
            conn.execute(_CREDIT, {"amount": amount_cents, "id": target_id})
    conn.execute(_RECORD, {"source": source_id, "target": target_id, "amount": amount_cents})


def transfer(engine: Engine, source_id: int, target_id: int, amount_cents: int) -> None:
    """Move money and record it in the ledger, all in one transaction: everything happens or nothing does."""
    with engine.begin() as conn:  # commits at the end of the block, rolls back if it raises
        _move(conn, source_id, target_id, amount_cents)


def transfer_all(engine: Engine, moves: Sequence[tuple[int, int, int]]) -> None:
    """Apply every (source_id, target_id, amount_cents) move in ONE transaction: all of them or none."""
    with engine.begin() as conn:
        for source_id, target_id, amount_cents in moves:
            _move(conn, source_id, target_id, amount_cents)
