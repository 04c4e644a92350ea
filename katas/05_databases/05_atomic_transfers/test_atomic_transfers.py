"""Tests for the atomic-transfers kata, on SQLite and (when DATABASE_URL is set) PostgreSQL.

The all-or-nothing test first counts the SQL statements one good transfer runs,
then makes each of them fail in turn (an event listener raises just before it
reaches the database) and checks that nothing at all changed.

Mistakes these tests catch: a commit after the debit (money vanishes when the
credit or the ledger row fails), the debit done but the credit aimed at an
unknown account (0 rows updated, no error), no check for zero, negative or
self transfers, an overdraft allowed or the exact balance refused, a
`transfer_all` that commits move by move (earlier moves stay when a later one
fails) or checks every move against the starting balances.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from atomic_transfers import InsufficientFundsError, UnknownAccountError, transfer, transfer_all
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    CheckConstraint,
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    event,
    insert,
    select,
    text,
)

from kata.fixtures import sqlalchemy_url

metadata = MetaData()
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("owner", String(80), nullable=False),
    Column("balance_cents", Integer, nullable=False),
    CheckConstraint("balance_cents >= 0", name="no_overdraft"),
)
ledger = Table(
    "ledger",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, nullable=False),
    Column("target_id", Integer, nullable=False),
    Column("amount_cents", Integer, nullable=False),
)
START = {1: 10_000, 2: 5_000, 3: 0}  # Ada, Brian, Chloe
State = tuple[dict[int, int], list[tuple[int, int, int]]]


def reset(engine: Engine) -> None:
    """Put the starting balances back and empty the ledger."""
    with engine.begin() as conn:
        conn.execute(delete(ledger))
        conn.execute(delete(accounts))
        owners = {1: "Ada", 2: "Brian", 3: "Chloe"}
        conn.execute(insert(accounts), [{"id": i, "owner": owners[i], "balance_cents": b} for i, b in START.items()])


def state(engine: Engine) -> State:
    """The balances by account id and the ledger rows, read through a fresh connection."""
    with engine.connect() as conn:
        balances = {row.id: row.balance_cents for row in conn.execute(select(accounts.c.id, accounts.c.balance_cents))}
        rows = conn.execute(select(ledger.c.source_id, ledger.c.target_id, ledger.c.amount_cents).order_by(ledger.c.id))
        return balances, [(s, t, a) for s, t, a in rows]


@pytest.fixture
def bank(engine: Engine) -> Engine:
    """The engine of a database with the three accounts and an empty ledger (made by the test, not by you)."""
    metadata.create_all(engine)
    reset(engine)
    return engine


@contextmanager
def failing_statement(engine: Engine, number: int) -> Iterator[list[str]]:
    """Count the statements sent to the database; make statement `number` raise (0: none fails)."""
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)
        if len(seen) == number:
            raise RuntimeError(f"injected failure at statement {number}: {statement}")

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.mark.task(taskno=1)
def test_transfer_moves_money_and_records_it(bank: Engine) -> None:
    transfer(bank, 1, 2, 2_500)
    assert state(bank) == ({1: 7_500, 2: 7_500, 3: 0}, [(1, 2, 2_500)]), (
        "Ada should have 7500 and Brian 7500, with one ledger row (1, 2, 2500), visible after commit"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("source", "target", "amount", "reason"),
    [(1, 2, 0, "positive"), (1, 2, -100, "positive"), (1, 1, 100, "itself")],
)
def test_transfer_rejects_pointless_amounts_and_self_transfers(
    bank: Engine, source: int, target: int, amount: int, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        transfer(bank, source, target, amount)
    assert state(bank) == (START, []), "a refused transfer must not change anything"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(("source", "target"), [(1, 99), (99, 1)])
def test_transfer_with_an_unknown_account_changes_nothing(bank: Engine, source: int, target: int) -> None:
    with pytest.raises(UnknownAccountError, match="no account with id 99"):
        transfer(bank, source, target, 1_000)
    assert state(bank) == (START, []), (
        "an UPDATE of a missing row is not an error (it changes 0 rows): check the accounts exist first"
    )


@pytest.mark.task(taskno=2)
def test_transfer_refuses_an_overdraft_but_allows_the_exact_balance(bank: Engine) -> None:
    with pytest.raises(InsufficientFundsError, match="account 3 holds less than 1 cents"):
        transfer(bank, 3, 1, 1)
    with pytest.raises(InsufficientFundsError):
        transfer(bank, 1, 2, 10_001)
    assert state(bank) == (START, []), "refused transfers must not change anything"
    transfer(bank, 1, 3, 10_000)
    assert state(bank)[0] == {1: 0, 2: 5_000, 3: 10_000}, "moving the whole balance (down to 0) is allowed"


@pytest.mark.task(taskno=2)
def test_transfer_is_all_or_nothing_whichever_statement_fails(bank: Engine) -> None:
    with failing_statement(bank, 0) as statements:
        transfer(bank, 2, 1, 1_000)
    assert len(statements) >= 1, "transfer should send SQL to the database"
    for number in range(1, len(statements) + 1):
        reset(bank)
        with failing_statement(bank, number), pytest.raises(RuntimeError, match="injected"):
            transfer(bank, 2, 1, 1_000)
        assert state(bank) == (START, []), (
            f"when statement {number} ({statements[number - 1].split()[0]} ...) failed, earlier work was kept: "
            "run the whole transfer in one transaction (with engine.begin() as conn: ...)"
        )


@pytest.mark.task(taskno=2)
# No shrinking: every example costs a few database round trips, and a failing list of moves is short anyway.
@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(moves=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(-10, 12_000)), max_size=6))
def test_transfers_never_create_or_destroy_money(bank: Engine, moves: list[tuple[int, int, int]]) -> None:
    reset(bank)
    for source, target, amount in moves:
        with suppress(ValueError, LookupError):  # refused transfers are fine here; lost money is not
            transfer(bank, source, target, amount)
    balances, rows = state(bank)
    assert sum(balances.values()) == sum(START.values()), f"money was created or lost: {balances}"
    assert min(balances.values()) >= 0, f"a balance went negative: {balances}"
    for account, start in START.items():
        moved = sum(a for s, _, a in rows if s == account) - sum(a for _, t, a in rows if t == account)
        assert balances[account] == start - moved, f"account {account} does not match its ledger rows"


@pytest.fixture
def postgres_bank(postgres_schema_url: str) -> Iterator[Engine]:
    """The bank on PostgreSQL, which runs transactions side by side (SQLite runs one writer at a time)."""
    engine = create_engine(sqlalchemy_url(postgres_schema_url))
    metadata.create_all(engine)
    reset(engine)
    yield engine
    engine.dispose()


@pytest.mark.task(taskno=2)
def test_two_transfers_at_once_cannot_spend_the_same_money(postgres_bank: Engine) -> None:
    """Ada (10000) sends 6000 to Brian and 6000 to Chloe at the same moment: only one may go through.

    A third connection holds Ada's row while both transfers start, so both are in flight together; then it
    lets go. Reading the balance, checking it in Python and writing the result lets both pass.
    """
    postgres_bank.dispose()  # every connection from here on is new, so the listener sees each one
    pids: list[int] = []
    event.listen(postgres_bank, "connect", lambda dbapi, _: pids.append(dbapi.info.backend_pid))
    outcomes: list[str] = []

    def send(target: int) -> None:
        try:
            transfer(postgres_bank, 1, target, 6_000)
            outcomes.append("sent")
        except InsufficientFundsError:
            outcomes.append("refused")
        except Exception as error:  # shown in the assertion: an error in a thread is lost otherwise
            outcomes.append(repr(error))

    with postgres_bank.connect() as holder:
        holder.execute(text("SELECT id FROM accounts WHERE id = 1 FOR UPDATE"))  # hold Ada's row
        threads = [threading.Thread(target=send, args=(target,)) for target in (2, 3)]
        for thread in threads:
            thread.start()
        waiting_query = text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = ANY(:pids)"
        )
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and holder.execute(waiting_query, {"pids": pids}).scalar_one() < 2:
            time.sleep(0.05)  # until both transfers wait for Ada's row
            holder.execute(text("SELECT pg_stat_clear_snapshot()"))  # a transaction sees one snapshot otherwise
        holder.rollback()
    for thread in threads:
        thread.join(timeout=30)
    balances, rows = state(postgres_bank)
    assert sorted(outcomes) == ["refused", "sent"], (
        f"two transfers of 6000 from 10000 at once: one must be refused, got {outcomes}; balances {balances}. "
        "Let one UPDATE check and debit together (... WHERE balance_cents >= :amount), then look at rowcount"
    )
    assert sum(balances.values()) == sum(START.values()), f"money was created or lost: {balances}"
    assert len(rows) == 1, f"one transfer happened, so one ledger row: {rows}"


@pytest.mark.task(taskno=3)
def test_transfer_all_applies_moves_in_order(bank: Engine) -> None:
    transfer_all(bank, [(1, 3, 300), (3, 2, 300)])
    assert state(bank) == ({1: 9_700, 2: 5_300, 3: 0}, [(1, 3, 300), (3, 2, 300)]), (
        "Chloe can pass on the 300 she just received: apply the moves one after another"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "moves",
    [[(1, 2, 1_000), (2, 3, 500), (3, 1, 999_999)], [(1, 2, 1_000), (2, 99, 5)], [(1, 2, 100), (2, 2, 5)]],
    ids=["overdraft", "unknown-account", "self-transfer"],
)
def test_transfer_all_undoes_earlier_moves_when_one_fails(bank: Engine, moves: list[tuple[int, int, int]]) -> None:
    with pytest.raises((ValueError, LookupError)):
        transfer_all(bank, moves)
    assert state(bank) == (START, []), "one failing move must undo the whole batch: use one transaction for all"


@pytest.mark.task(taskno=3)
def test_transfer_all_of_nothing_is_fine(bank: Engine) -> None:
    transfer_all(bank, [])
    assert state(bank) == (START, []), "an empty batch changes nothing"
