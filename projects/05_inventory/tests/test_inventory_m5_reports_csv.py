"""Milestone 5: reports (low stock, valuation) and CSV import/export.

Mistakes these tests catch: low stock judged per location instead of per product, products with
no stock at all left off the low-stock list, a reorder level of 0 reported, valuation in float
(0.1 * 3 = 0.30000000000000004) or summed with SQL over SQLite's floats, an export that writes
`0.1` for ten cents, an import that stops halfway (rows before the bad one kept), an import
that crashes with KeyError on a missing column, a stock import that sets levels without
journalling the difference.
"""

import io
from decimal import Decimal

import pytest
from inventory import InventoryError, LowStockRow, NotFoundError, ValidationError, Valuation, ValuationLine
from inventory.bootstrap import unit_of_work
from inventory.catalogue import add_category, add_product, get_product, list_products
from inventory.csv_io import export_products, export_stock, import_products, import_stock
from inventory.models import Base
from inventory.reports import low_stock, valuation
from inventory.stock import movements, on_hand, receive

PRODUCTS_CSV = (
    "sku,name,category,supplier,unit_cost,reorder_level\n"
    "BOLT-M6,Hex bolt M6,Fasteners,Acme,0.12,100\n"
    "HAMMER,Claw hammer,Tools,,12.50,5\n"
)


def export(write, uow) -> str:
    out = io.StringIO()
    write(uow, out)
    return out.getvalue()


@pytest.fixture
def other_uow(new_database):
    """A unit of work on a second, empty database of the same kind (tables from the models)."""
    from inventory.db import make_engine

    engine = make_engine(new_database())
    Base.metadata.create_all(engine, checkfirst=False)
    yield unit_of_work(engine)
    engine.dispose()


@pytest.mark.task(taskno=5)
def test_low_stock_lists_products_at_or_below_their_reorder_level(stocked) -> None:
    uow = stocked()
    receive(uow, "BOLT-M6", "MAIN/A1", 60)
    receive(uow, "BOLT-M6", "EAST/A1", 40)  # 100 in all: exactly at the level counts
    add_product(uow, "ANCHOR", "Wall anchor", category="Fasteners", unit_cost="0.05", reorder_level=0)
    assert low_stock(uow) == [
        LowStockRow(sku="BOLT-M6", name="Hex bolt M6", supplier="Acme", on_hand=100, reorder_level=100),
        LowStockRow(sku="HAMMER", name="Claw hammer", supplier=None, on_hand=0, reorder_level=5),
    ], "by SKU; on hand summed over every location; a product never received is at 0; level 0 means never"
    receive(uow, "BOLT-M6", "MAIN/B2", 1)
    receive(uow, "HAMMER", "MAIN/A1", 2)
    assert [(row.sku, row.shortfall) for row in low_stock(uow)] == [("HAMMER", 3)]


@pytest.mark.task(taskno=5)
def test_valuation_is_exact_to_the_cent(stocked) -> None:
    uow = stocked()
    add_product(uow, "DIME", "Washer", category="Fasteners", unit_cost="0.10")
    receive(uow, "DIME", "MAIN/A1", 3)
    receive(uow, "HAMMER", "MAIN/A1", 2)
    receive(uow, "HAMMER", "EAST/A1", 1)
    result = valuation(uow)
    assert result == Valuation(
        lines=(
            ValuationLine(sku="DIME", quantity=3, unit_cost=Decimal("0.10"), value=Decimal("0.30")),
            ValuationLine(sku="HAMMER", quantity=3, unit_cost=Decimal("12.50"), value=Decimal("37.50")),
        ),
        total=Decimal("37.80"),
    ), "one line per product in stock (by SKU), and the total"
    assert all(type(line.value) is Decimal for line in result.lines)
    assert type(result.total) is Decimal
    assert str(result.total) == "37.80"
    assert valuation(uow, "EAST").total == Decimal("12.50"), "valuation of one warehouse"
    assert valuation(uow, "NORTH") == Valuation(lines=(), total=Decimal("0.00"))
    assert str(valuation(uow, "NORTH").total) == "0.00", "nothing in stock is worth 0.00, a Decimal to the cent"


@pytest.mark.task(taskno=5)
def test_products_export_as_csv(stocked) -> None:
    uow = stocked()
    assert export(export_products, uow) == PRODUCTS_CSV, "a header, then one row per product by SKU"


@pytest.mark.task(taskno=5)
def test_export_then_import_gives_the_same_inventory(stocked, other_uow) -> None:
    uow = stocked()
    receive(uow, "BOLT-M6", "MAIN/A1", 250)
    receive(uow, "BOLT-M6", "EAST/A1", 5)
    receive(uow, "HAMMER", "MAIN/B2", 3)
    products, levels = export(export_products, uow), export(export_stock, uow)
    assert levels == "sku,location,quantity\nBOLT-M6,EAST/A1,5\nBOLT-M6,MAIN/A1,250\nHAMMER,MAIN/B2,3\n"

    from inventory.catalogue import add_location, add_warehouse

    add_warehouse(other_uow, "MAIN", "Main")
    add_warehouse(other_uow, "EAST", "East")
    for warehouse, code in [("MAIN", "A1"), ("MAIN", "B2"), ("EAST", "A1")]:
        add_location(other_uow, warehouse, code)
    assert import_products(other_uow, io.StringIO(products)) == 2
    assert import_stock(other_uow, io.StringIO(levels)) == 3
    assert export(export_products, other_uow) == products, "the catalogue survives the round trip"
    assert export(export_stock, other_uow) == levels, "and so do the stock levels"
    assert list_products(other_uow) == list_products(uow)


@pytest.mark.task(taskno=5)
def test_import_updates_existing_products(stocked) -> None:
    uow = stocked()
    changed = PRODUCTS_CSV.replace("0.12,100", "0.15,80") + "SAW,Hand saw,Saws,Bahco,19.90,2\n"
    assert import_products(uow, io.StringIO(changed)) == 3
    assert (get_product(uow, "BOLT-M6").unit_cost, get_product(uow, "BOLT-M6").reorder_level) == (Decimal("0.15"), 80)
    saw = get_product(uow, "SAW")
    assert (saw.category, saw.supplier) == ("Saws", "Bahco"), "new categories and suppliers are created"


BAD_ROWS = [
    ("KITE,Kite,Toys,,ten,0", "a cost that is not a number"),
    ("KITE,Kite,Toys,,1.005,0", "a cost with three decimals"),
    ("KITE,,Toys,,1.00,0", "an empty name"),
    ("KITE,Kite,Toys,,1.00,-3", "a negative reorder level"),
    ("KITE,Kite,Toys", "a short row"),
]


@pytest.mark.task(taskno=5)
def test_a_bad_row_rejects_the_whole_file(uow) -> None:
    add_category(uow, "Tools")
    for bad_row, what in BAD_ROWS:
        with pytest.raises(ValidationError, match="line 4"):  # the error names the line
            import_products(uow, io.StringIO(PRODUCTS_CSV + bad_row + "\n"))
        assert list_products(uow) == [], f"all or nothing: after {what} on line 4, lines 2 and 3 are not kept"


@pytest.mark.task(taskno=5)
def test_a_file_without_the_columns_is_refused(uow) -> None:
    with pytest.raises(ValidationError, match="columns"):
        import_products(uow, io.StringIO("sku;name\nX;Y\n"))
    with pytest.raises(ValidationError):
        import_stock(uow, io.StringIO(""))


@pytest.mark.task(taskno=5)
def test_a_stock_import_is_a_stock_take(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 10)
    import_stock(uow, io.StringIO("sku,location,quantity\nHAMMER,MAIN/A1,4\nBOLT-M6,EAST/A1,30\n"))
    assert (on_hand(uow, "HAMMER", "MAIN/A1"), on_hand(uow, "BOLT-M6", "EAST/A1")) == (4, 30)
    adjustments = [(m.sku, m.quantity, m.source, m.destination) for m in movements(uow) if m.kind == "adjustment"]
    assert adjustments == [("HAMMER", 6, "MAIN/A1", None), ("BOLT-M6", 30, None, "EAST/A1")], (
        "each difference is journalled as an adjustment, so the journal still explains the levels"
    )
    with pytest.raises(ValidationError, match="line 2"):
        import_stock(uow, io.StringIO("sku,location,quantity\nHAMMER,MAIN/A1,-1\n"))


@pytest.mark.task(taskno=5)
def test_a_reorder_level_of_one_is_a_level(stocked) -> None:
    uow = stocked()
    add_product(uow, "SAW", "Hand saw", category="Tools", unit_cost="19.90", reorder_level=1)
    receive(uow, "BOLT-M6", "MAIN/A1", 101)
    receive(uow, "HAMMER", "MAIN/A1", 6)
    assert low_stock(uow) == [LowStockRow(sku="SAW", name="Hand saw", supplier=None, on_hand=0, reorder_level=1)], (
        "only a reorder level of 0 means never; at 1, a product with none on hand is listed"
    )


@pytest.mark.task(taskno=5)
def test_a_recount_later_in_the_file_wins(stocked) -> None:
    uow = stocked()
    receive(uow, "HAMMER", "MAIN/A1", 10)
    rows = "sku,location,quantity\nHAMMER,MAIN/A1,4\nHAMMER,MAIN/A1,6\n"
    assert import_stock(uow, io.StringIO(rows)) == 2
    assert on_hand(uow, "HAMMER", "MAIN/A1") == 6, "the second count of the same location is the one that stands"
    adjustments = [(m.quantity, m.source, m.destination, m.reference) for m in movements(uow) if m.kind == "adjustment"]
    assert adjustments == [(6, "MAIN/A1", None, "stock import"), (2, None, "MAIN/A1", "stock import")], (
        "each count is compared with the level the file's earlier rows left: 10 -> 4 -> 6"
    )


PRODUCTS_HEADER = PRODUCTS_CSV.splitlines()[0]
CSV_REFUSALS = [
    (import_products, "sku,name\nX,Y\n", "the CSV header must name the columns " + PRODUCTS_HEADER.replace(",", ", ")),
    (import_stock, "sku,quantity\n", "the CSV header must name the columns sku, location, quantity"),
    (import_products, PRODUCTS_CSV + "KITE,Kite,Toys\n", "line 4: expected 6 columns"),
    (import_products, PRODUCTS_CSV + " ,Kite,Toys,,1.00,0\n", "line 4: a SKU must not be empty"),
    (import_products, PRODUCTS_CSV + "KITE, ,Toys,,1.00,0\n", "line 4: a product name must not be empty"),
    (import_products, PRODUCTS_CSV + "KITE,Kite, ,,1.00,0\n", "line 4: a category must not be empty"),
    (
        import_products,
        PRODUCTS_CSV + "KITE,Kite,Toys,,1.00,ten\n",
        "line 4: a reorder level must be a whole number, not 'ten'",
    ),
    (
        import_products,
        PRODUCTS_CSV + "KITE,Kite,Toys,,1.00,-3\n",
        "line 4: a reorder level must be a whole number of at least 0, not -3",
    ),
    (import_stock, "sku,location,quantity\nHAMMER,MAIN/A1,2\n,MAIN/A1,1\n", "line 3: a SKU must not be empty"),
    (
        import_products,
        PRODUCTS_CSV + "K" * 41 + ",Kite,Toys,,1.00,0\n",
        "line 4: a SKU must be at most 40 characters, not 41",
    ),
    (
        import_products,
        PRODUCTS_CSV + "KITE," + "K" * 201 + ",Toys,,1.00,0\n",
        "line 4: a product name must be at most 200 characters, not 201",
    ),
    (
        import_products,
        PRODUCTS_CSV + "KITE,Kite," + "T" * 81 + ",,1.00,0\n",
        "line 4: a category must be at most 80 characters, not 81",
    ),
    (
        import_products,
        PRODUCTS_CSV + "KITE,Kite,Toys," + "S" * 121 + ",1.00,0\n",
        "line 4: a supplier must be at most 120 characters, not 121",
    ),
    (
        import_stock,
        "sku,location,quantity\n" + "K" * 41 + ",MAIN/A1,1\n",
        "line 2: a SKU must be at most 40 characters, not 41",
    ),
    (import_stock, "sku,location,quantity\nKITE,MAIN/A1,1\n", "line 2: no product with SKU 'KITE'"),
    (
        import_stock,
        "sku,location,quantity\nHAMMER,MAIN/A1,many\n",
        "line 2: a quantity must be a whole number, not 'many'",
    ),
    (
        import_stock,
        "sku,location,quantity\nHAMMER,MAIN/A1,-1\n",
        "line 2: a quantity must be a whole number of at least 0, not -1",
    ),
]


@pytest.mark.task(taskno=5)
def test_import_refusals_name_the_line_and_what_was_wrong(stocked) -> None:
    uow = stocked()
    wrong = []
    for load, text, message in CSV_REFUSALS:
        refusal = NotFoundError if "no product" in message else ValidationError
        try:
            load(uow, io.StringIO(text))
        except InventoryError as error:
            if type(error) is not refusal or str(error) != message:
                wrong.append(f"{load.__name__} of {text!r}: expected {refusal.__name__}({message!r}), got {error!r}")
            continue
        wrong.append(f"{load.__name__} of {text!r}: expected {refusal.__name__}({message!r}), but it was accepted")
    assert not wrong, "the README's table of refusals gives each message exactly:\n" + "\n".join(wrong)
    assert on_hand(uow, "HAMMER") == 0, "and a refused file changes nothing"
