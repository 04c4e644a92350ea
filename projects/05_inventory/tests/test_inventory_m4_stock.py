"""Milestone 4: stock movements, and stock that never goes negative, even under concurrency.

Mistakes these tests catch: a shipment that leaves stock negative or half-done (levels changed
but no journal row, or the other way round), a transfer that takes from the source but fails to
put into the destination, a zero or negative quantity accepted, an adjustment journalled with
a negative quantity instead of a direction, a read-check-write (`SELECT quantity`, compare in
Python, `UPDATE ... SET quantity = :new`) that lets two concurrent shipments both take the last
unit, a product with history deleted.
"""

import contextlib
import random
import threading

import pytest
from inventory import (
    InsufficientStockError,
    InUseError,
    MovementKind,
    NotFoundError,
    StockLine,
    UnitOfWork,
    ValidationError,
)
from inventory.bootstrap import unit_of_work
from inventory.catalogue import add_category, add_location, add_product, add_supplier, delete_product, list_products
from inventory.stock import adjust, movements, on_hand, receive, ship, stock_lines, transfer
from sqlalchemy import Engine, event

LOCATIONS = ["MAIN/A1", "MAIN/B2", "EAST/A1"]


def journal(uow: UnitOfWork, sku: str | None = None) -> list[tuple[str, int, str | None, str | None]]:
    return [(m.kind.value, m.quantity, m.source, m.destination) for m in movements(uow, sku)]


@pytest.mark.task(taskno=4)
def test_a_receipt_adds_stock_and_is_journalled(stocked) -> None:
    uow = stocked()
    movement = receive(uow, "BOLT-M6", "MAIN/A1", 500, reference="PO-17")
    assert (movement.kind, movement.sku, movement.quantity) == (MovementKind.RECEIPT, "BOLT-M6", 500)
    assert (movement.source, movement.destination, movement.reference) == (None, "MAIN/A1", "PO-17")
    assert movement.created_at is not None, "the database stamps each movement"
    receive(uow, "BOLT-M6", "MAIN/A1", 20)
    assert on_hand(uow, "BOLT-M6", "MAIN/A1") == 520
    assert on_hand(uow, "BOLT-M6", "MAIN/B2") == 0, "a location that never held it has 0"
    assert journal(uow) == [("receipt", 500, None, "MAIN/A1"), ("receipt", 20, None, "MAIN/A1")]


@pytest.mark.task(taskno=4)
def test_a_shipment_cannot_take_more_than_is_there(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 3)
    receive(uow, "HAMMER", "MAIN/B2", 10)
    ship(uow, "HAMMER", "MAIN/A1", 2, reference="SO-1")
    with pytest.raises(InsufficientStockError, match="only 1"):
        ship(uow, "HAMMER", "MAIN/A1", 2)  # 10 more in B2 do not help: stock is per location
    assert on_hand(uow, "HAMMER", "MAIN/A1") == 1, "a refused shipment changes nothing"
    assert on_hand(uow, "HAMMER") == 11, "on_hand without a location sums every location"
    assert [kind for kind, *_ in journal(uow)] == ["receipt", "receipt", "shipment"], "and journals nothing"


@pytest.mark.task(taskno=4)
def test_a_transfer_is_all_or_nothing(stocked) -> None:
    uow = stocked()
    receive(uow, "BOLT-M6", "MAIN/A1", 50)
    transfer(uow, "BOLT-M6", "MAIN/A1", "EAST/A1", 30)
    assert stock_lines(uow) == [StockLine("BOLT-M6", "EAST/A1", 30), StockLine("BOLT-M6", "MAIN/A1", 20)]
    with pytest.raises(InsufficientStockError):
        transfer(uow, "BOLT-M6", "MAIN/A1", "MAIN/B2", 21)
    with pytest.raises(ValidationError):
        transfer(uow, "BOLT-M6", "MAIN/A1", "MAIN/A1", 1)
    with pytest.raises(NotFoundError):
        transfer(uow, "BOLT-M6", "MAIN/A1", "WEST/A1", 1)
    assert on_hand(uow, "BOLT-M6") == 50, "a transfer never creates or loses stock"
    assert journal(uow)[-1] == ("transfer", 30, "MAIN/A1", "EAST/A1")


@pytest.mark.task(taskno=4)
def test_an_adjustment_records_what_the_count_found(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 10)
    lost = adjust(uow, "HAMMER", "MAIN/A1", 7, reason="count 2026-03")
    assert (lost.kind, lost.quantity, lost.source, lost.destination) == ("adjustment", 3, "MAIN/A1", None), (
        "three missing: an adjustment of 3 out of MAIN/A1 (quantities are positive; the direction says out)"
    )
    found = adjust(uow, "HAMMER", "MAIN/A1", 9, reason="found behind the shelf")
    assert (found.quantity, found.source, found.destination) == (2, None, "MAIN/A1")
    assert adjust(uow, "HAMMER", "MAIN/A1", 9, reason="recount") is None, "no difference, no movement"
    assert on_hand(uow, "HAMMER", "MAIN/A1") == 9
    with pytest.raises(ValidationError):
        adjust(uow, "HAMMER", "MAIN/A1", -1, reason="typo")
    with pytest.raises(ValidationError):
        adjust(uow, "HAMMER", "MAIN/A1", 5, reason=" ")


@pytest.mark.task(taskno=4)
def test_quantities_are_positive_whole_numbers(stocked) -> None:
    uow = stocked()
    receive(uow, "BOLT-M6", "MAIN/A1", 10)
    for quantity in (0, -5, True, 2.5):
        for name, move in (
            ("receive", lambda q: receive(uow, "BOLT-M6", "MAIN/A1", q)),
            ("ship", lambda q: ship(uow, "BOLT-M6", "MAIN/A1", q)),
            ("transfer", lambda q: transfer(uow, "BOLT-M6", "MAIN/A1", "MAIN/B2", q)),
        ):
            try:
                move(quantity)
            except ValidationError:
                continue
            pytest.fail(f"{name} accepted the quantity {quantity!r} instead of raising ValidationError")
    assert on_hand(uow, "BOLT-M6") == 10
    assert len(journal(uow)) == 1


@pytest.mark.task(taskno=4)
def test_unknown_products_and_locations(stocked) -> None:
    uow = stocked()
    with pytest.raises(NotFoundError):
        receive(uow, "KITE", "MAIN/A1", 1)
    with pytest.raises(NotFoundError):
        receive(uow, "BOLT-M6", "MAIN/Z9", 1)
    with pytest.raises(ValidationError, match="WAREHOUSE/CODE"):
        receive(uow, "BOLT-M6", "A1", 1)


@pytest.mark.task(taskno=4)
def test_a_product_with_history_cannot_be_deleted(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 1)
    ship(uow, "HAMMER", "MAIN/A1", 1)
    with pytest.raises(InUseError):
        delete_product(uow, "HAMMER")  # no stock left, but its journal must stay
    assert adjust(uow, "BOLT-M6", "EAST/A1", 0, "checked: empty") is None, "counting 0 where there is none"
    delete_product(
        uow, "BOLT-M6"
    )  # never moved (a count of 0 is no movement): another product's history does not keep it
    assert [line.sku for line in stock_lines(uow)] == [], "HAMMER's level is 0, so no stock line is left"


@pytest.mark.task(taskno=4)
def test_the_journal_explains_every_stock_level(stocked) -> None:
    uow = stocked()
    rng = random.Random(5)
    refused = 0
    for _ in range(40):
        sku, here, there = rng.choice(["BOLT-M6", "HAMMER"]), rng.choice(LOCATIONS), rng.choice(LOCATIONS)
        action = rng.choice(["receive", "ship", "ship", "transfer", "adjust"])
        try:
            if action == "receive":
                receive(uow, sku, here, rng.randint(1, 5))
            elif action == "ship":
                ship(uow, sku, here, rng.randint(1, 5))
            elif action == "transfer" and here != there:
                transfer(uow, sku, here, there, rng.randint(1, 5))
            elif action == "adjust":
                adjust(uow, sku, here, rng.randint(0, 5), reason="count")
        except InsufficientStockError:
            refused += 1
    assert refused, "the sequence should include refused shipments"
    expected: dict[tuple[str, str], int] = {}
    for m in movements(uow):
        if m.destination:
            expected[m.sku, m.destination] = expected.get((m.sku, m.destination), 0) + m.quantity
        if m.source:
            expected[m.sku, m.source] = expected.get((m.sku, m.source), 0) - m.quantity
    assert all(quantity >= 0 for quantity in expected.values()), "stock never went negative"
    levels = {(line.sku, line.location): line.quantity for line in stock_lines(uow)}
    assert levels == {key: quantity for key, quantity in expected.items() if quantity}, (
        "every stock level is the sum of its journal: receipts and transfers in, shipments and transfers out"
    )


@pytest.mark.task(taskno=4)
def test_two_concurrent_shipments_of_the_last_unit_cannot_both_succeed(stocked, engine: Engine, race) -> None:
    """Two real connections in two threads. The first shipment pauses just before its commit; the
    second starts then. A correct `ship` makes the second wait for the first one's lock (a row lock
    on PostgreSQL, SQLite's database lock), then see 0 left and refuse."""
    receive(stocked(), "HAMMER", "MAIN/A1", 1)
    references = iter(["first", "second"])

    def ship_the_last_hammer(uow: UnitOfWork) -> str:
        try:
            ship(uow, "HAMMER", "MAIN/A1", 1, reference=next(references))
        except InsufficientStockError:
            return "refused"
        return "shipped"

    outcomes, second_waited = race(ship_the_last_hammer)
    assert outcomes == {"first": "shipped", "second": "refused"}, (
        "exactly one shipment of the last unit succeeds; the other raises InsufficientStockError. "
        f"Got {outcomes}. Take stock with one conditional UPDATE ... WHERE quantity >= :n (or lock the row "
        "with SELECT ... FOR UPDATE before reading it), never SELECT-then-UPDATE"
    )
    assert second_waited, "the second shipment should have waited for the first one's lock"
    uow = unit_of_work(engine)
    assert on_hand(uow, "HAMMER", "MAIN/A1") == 0
    assert [m.reference for m in movements(uow, "HAMMER") if m.kind == "shipment"] == ["first"]


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("stocked_first", "counted"),
    [(10, 7), (0, 1), (10, 0)],
    ids=["level-row-exists", "no-level-row-yet", "count-of-zero"],
)
def test_a_count_waits_for_a_movement_under_way_then_counts_it(
    stocked, engine: Engine, race, stocked_first: int, counted: int
) -> None:
    """The first transaction moves stock (a shipment of 5, or a first receipt of 5) and pauses before its
    commit; a stock count starts then. The count must wait for the row, see the movement's result, and
    adjust from there: the level ends at what was counted. A count of 0 makes no row, so only its own
    lock (FOR UPDATE) makes it wait: a plain read sees 10 and tries to take 10 of the 5 left."""
    uow = stocked()
    if stocked_first:
        receive(uow, "HAMMER", "MAIN/A1", stocked_first)
    roles = iter(["move", "count"])

    def move_then_count(uow: UnitOfWork) -> str:
        if next(roles) == "move":
            if stocked_first:
                ship(uow, "HAMMER", "MAIN/A1", 5)
            else:
                receive(uow, "HAMMER", "MAIN/A1", 5)
            return "moved"
        adjustment = adjust(uow, "HAMMER", "MAIN/A1", counted, "cycle count")
        return "nothing to adjust" if adjustment is None else f"adjusted {adjustment.quantity}"

    outcomes, second_waited = race(move_then_count)
    after_move = stocked_first - 5 if stocked_first else 5
    assert outcomes == {"first": "moved", "second": f"adjusted {abs(counted - after_move)}"}, (
        f"the count should adjust from the level the movement left, {after_move}, to {counted}; got {outcomes}"
    )
    assert on_hand(unit_of_work(engine), "HAMMER", "MAIN/A1") == counted, (
        "a count sets the level to what was counted. Lock the level's row before you read it "
        "(select(...).with_for_update(), after making the row if it is missing): reading it plainly sees the "
        "level from before the movement commits, and the adjustment computed from it is wrong by 5 (a first "
        "receipt's row must be waited for too: make the row before locking it, for any count above 0)"
    )
    assert second_waited, "the count should have waited for the movement's lock"


@pytest.mark.task(taskno=4)
def test_opposite_transfers_at_once_do_not_deadlock(stocked, engine: Engine) -> None:
    """Two threads on two connections transfer one unit each way between MAIN/A1 and MAIN/B2. Each pauses
    after it first locks a stock level (an UPDATE, or a SELECT ... FOR UPDATE) until the other has locked one
    too (or half a second has passed)."""
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 10)
    receive(uow, "HAMMER", "MAIN/B2", 10)
    both_wrote, paused = threading.Barrier(2), threading.local()

    def pause_after_first_update(_conn, _cursor, statement: str, *_args: object) -> None:
        sql = " ".join(statement.upper().split())
        locks = sql.startswith("UPDATE STOCK_LEVELS") or ("FROM STOCK_LEVELS" in sql and sql.endswith("FOR UPDATE"))
        if locks and not getattr(paused, "done", False):
            paused.done = True
            with contextlib.suppress(threading.BrokenBarrierError):
                both_wrote.wait(0.5)

    outcomes: dict[str, str] = {}

    def run(source: str, destination: str) -> None:
        try:
            transfer(unit_of_work(engine), "HAMMER", source, destination, 1)
            outcomes[source] = "moved"
        except Exception as error:
            outcomes[source] = f"{type(error).__name__}: {str(error)[:120]}"

    event.listen(engine, "after_cursor_execute", pause_after_first_update)
    try:
        threads = [threading.Thread(target=run, args=pair) for pair in [("MAIN/A1", "MAIN/B2"), ("MAIN/B2", "MAIN/A1")]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(15)
    finally:
        event.remove(engine, "after_cursor_execute", pause_after_first_update)
    assert outcomes == {"MAIN/A1": "moved", "MAIN/B2": "moved"}, (
        "each transfer locked its source row, then waited for the other's: a deadlock, and PostgreSQL fails one. "
        "Lock both levels of a transfer in one fixed order (say by location id, not source then destination) "
        "before changing either. "
        f"Got {outcomes}"
    )
    assert [on_hand(uow, "HAMMER", place) for place in ("MAIN/A1", "MAIN/B2")] == [10, 10]


@pytest.mark.task(taskno=4)
def test_the_largest_quantities_fit(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 2**31 - 1, reference="r" * 200)
    assert on_hand(uow, "HAMMER", "MAIN/A1") == 2**31 - 1, "a level may reach 2147483647, PostgreSQL's INTEGER"
    assert adjust(uow, "HAMMER", "MAIN/B2", 2**31 - 1, "c" * 200) is not None
    assert on_hand(uow, "HAMMER") == 2 * (2**31 - 1), "the total over locations is a Python int: no limit"


@pytest.mark.task(taskno=4)
def test_the_journal_keeps_ids_and_references(stocked) -> None:
    uow = stocked()
    first = receive(uow, "BOLT-M6", "MAIN/A1", 10)
    moved = transfer(uow, "BOLT-M6", "MAIN/A1", "EAST/A1", 4, reference="  TR-7 ")
    shipped = ship(uow, "BOLT-M6", "EAST/A1", 1)
    back = transfer(uow, "BOLT-M6", "EAST/A1", "MAIN/A1", 1)
    assert first.reference == shipped.reference == back.reference == "", "without a reference, the reference is empty"
    assert moved.reference == "TR-7", "a transfer keeps its reference, cleaned of surrounding spaces"
    assert [m.id for m in movements(uow)] == [first.id, moved.id, shipped.id, back.id], (
        "each record carries the id of its journal row"
    )
    assert first.id < moved.id < shipped.id, "ids grow in the order the movements were written"


@pytest.mark.task(taskno=4)
def test_adjustments_of_one_unit_and_their_reason(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 4)
    found = adjust(uow, "HAMMER", "MAIN/A1", 5, reason="found one")
    assert found is not None, "one more than expected is a difference too"
    assert (found.quantity, found.source, found.destination, found.reference) == (1, None, "MAIN/A1", "found one"), (
        "an adjustment of 1 into MAIN/A1, with the reason as its reference"
    )
    lost = adjust(uow, "HAMMER", "MAIN/A1", 4, reason="lost one")
    assert (lost.quantity, lost.source, lost.destination, lost.reference) == (1, "MAIN/A1", None, "lost one")
    assert adjust(uow, "HAMMER", "MAIN/A1", 0, reason="all gone").quantity == 4, "a count of 0 empties the location"
    for counted in (True, 2.5):
        with pytest.raises(ValidationError):
            adjust(uow, "HAMMER", "MAIN/A1", counted, reason="typo")  # type: ignore[arg-type]
    assert on_hand(uow, "HAMMER", "MAIN/A1") == 0


@pytest.mark.task(taskno=4)
def test_reading_stock_for_one_product(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "EAST/A1", 2)
    receive(uow, "BOLT-M6", "MAIN/A1", 30)
    receive(uow, "BOLT-M6", "MAIN/B2", 5)
    assert stock_lines(uow) == [
        StockLine("BOLT-M6", "MAIN/A1", 30),
        StockLine("BOLT-M6", "MAIN/B2", 5),
        StockLine("HAMMER", "EAST/A1", 2),
    ], "by SKU first, then location: BOLT-M6 in MAIN comes before HAMMER in EAST"
    assert stock_lines(uow, "HAMMER") == [StockLine("HAMMER", "EAST/A1", 2)], "only that product's lines"
    assert on_hand(uow, "BOLT-M6") == 35, "all locations of that product, not of every product"
    assert journal(uow, "HAMMER") == [("receipt", 2, None, "EAST/A1")], "only that product's movements"
    with pytest.raises(NotFoundError):
        stock_lines(uow, "KITE")
    with pytest.raises(NotFoundError):
        movements(uow, "KITE")


@pytest.mark.task(taskno=4)
def test_stock_refusals_say_what_was_wrong(stocked, wrong_refusals) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 1)
    add_location(uow, "MAIN", "C3")
    refusals = [
        (
            (ship, ("HAMMER", "MAIN/A1", 2), {}),
            InsufficientStockError,
            "cannot take 2 of HAMMER from MAIN/A1: only 1 there",
        ),
        (
            (ship, ("HAMMER", "MAIN/C3", 1), {}),
            InsufficientStockError,
            "cannot take 1 of HAMMER from MAIN/C3: only 0 there",
        ),
        ((receive, ("HAMMER", "MAIN/A1", 0), {}), ValidationError, "a quantity must be a whole number above 0, not 0"),
        ((ship, ("HAMMER", "MAIN/A1", 2.5), {}), ValidationError, "a quantity must be a whole number above 0, not 2.5"),
        ((receive, ("KITE", "MAIN/A1", 1), {}), NotFoundError, "no product with SKU 'KITE'"),
        ((receive, ("HAMMER", "MAIN/Z9", 1), {}), NotFoundError, "no location 'MAIN/Z9'"),
        ((receive, ("HAMMER", "MAIN/A1/X", 1), {}), NotFoundError, "no location 'MAIN/A1/X'"),
        (
            (receive, ("HAMMER", "A1", 1), {}),
            ValidationError,
            "a location is named WAREHOUSE/CODE, like MAIN/A1, not 'A1'",
        ),
        (
            (receive, ("HAMMER", "/A1", 1), {}),
            ValidationError,
            "a location is named WAREHOUSE/CODE, like MAIN/A1, not '/A1'",
        ),
        (
            (receive, ("HAMMER", "MAIN/", 1), {}),
            ValidationError,
            "a location is named WAREHOUSE/CODE, like MAIN/A1, not 'MAIN/'",
        ),
        (
            (transfer, ("HAMMER", "MAIN/A1", " MAIN/A1", 1), {}),
            ValidationError,
            "a transfer needs two different locations, not MAIN/A1 twice",
        ),
        (
            (adjust, ("HAMMER", "MAIN/A1", -1), {"reason": "typo"}),
            ValidationError,
            "a counted quantity is a whole number of at least 0, not -1",
        ),
        (
            (adjust, ("HAMMER", "MAIN/A1", 3), {"reason": " "}),
            ValidationError,
            "the reason for an adjustment must not be empty",
        ),
        ((delete_product, ("HAMMER",), {}), InUseError, "HAMMER has stock movements; its history must be kept"),
        (
            (receive, ("HAMMER", "MAIN/A1", 2**31), {}),
            ValidationError,
            "a quantity is at most 2147483647, not 2147483648",
        ),
        (
            (adjust, ("HAMMER", "MAIN/A1", 2**31), {"reason": "typo"}),
            ValidationError,
            "a counted quantity is at most 2147483647, not 2147483648",
        ),
        (
            (adjust, ("HAMMER", "MAIN/A1", 3), {"reason": "r" * 201}),
            ValidationError,
            "the reason for an adjustment must be at most 200 characters, not 201",
        ),
        (
            (ship, ("HAMMER", "MAIN/A1", 1), {"reference": "PO\x00"}),
            ValidationError,
            "a reference must not contain a NUL character",
        ),
        (
            (receive, ("HAMMER", "MAIN/A1", 1), {"reference": "r" * 201}),
            ValidationError,
            "a reference must be at most 200 characters, not 201",
        ),
        (
            (receive, ("HAMMER", "MAIN/A1", 2**31 - 1), {}),
            ValidationError,
            "MAIN/A1 cannot hold more than 2147483647 of HAMMER",
        ),
    ]
    wrong = wrong_refusals(uow, refusals)
    assert not wrong, "the README's table of refusals gives each message exactly:\n" + "\n".join(wrong)
    assert on_hand(uow, "HAMMER") == 1, "and a refusal changes nothing"


def statements_run(engine: Engine, read) -> int:
    """How many SQL statements `read()` sends to the database."""
    sent: list[str] = []

    def count(*event_arguments: object) -> None:  # conn, cursor, statement, parameters, context, executemany
        sent.append(str(event_arguments[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        read()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(sent)


@pytest.mark.task(taskno=4)
def test_listings_take_the_same_queries_however_many_rows(stocked, engine: Engine) -> None:
    uow = stocked()
    receive(uow, "BOLT-M6", "MAIN/A1", 5)
    few = statements_run(engine, lambda: list_products(uow)), statements_run(engine, lambda: movements(uow))
    for n in range(3):
        add_category(uow, f"Group {n}")
        add_supplier(uow, f"Maker {n}")
        add_product(uow, f"SKU-{n}", f"Thing {n}", category=f"Group {n}", unit_cost="1.00", supplier=f"Maker {n}")
        receive(uow, f"SKU-{n}", LOCATIONS[n], 2)
        transfer(uow, f"SKU-{n}", LOCATIONS[n], LOCATIONS[n - 1], 1)
    many = statements_run(engine, lambda: list_products(uow)), statements_run(engine, lambda: movements(uow))
    assert many == few, (
        f"list_products and movements sent {few} statements for a few rows but {many} for more: load each "
        "product's category and supplier, and each movement's product and locations, in the same query "
        "(joinedload), not one more query per row (the N+1 problem)"
    )
