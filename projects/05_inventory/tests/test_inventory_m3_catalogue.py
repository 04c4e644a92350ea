"""Milestone 3: the catalogue through the repository and the service layer.

Mistakes these tests catch: a duplicate SKU, category or location that crashes with the
database's IntegrityError instead of DuplicateError, an unknown category silently created,
a unit cost kept as float or with three decimals, a refused request that still wrote
something (commit before the checks), ORM objects leaking out of the service instead of
records, an update that resets the fields it was not given, locations whose codes clash
across warehouses.
"""

from decimal import Decimal

import pytest
from inventory import DuplicateError, NotFoundError, ProductRecord, ValidationError
from inventory.bootstrap import unit_of_work
from inventory.catalogue import (
    add_category,
    add_location,
    add_product,
    add_supplier,
    add_warehouse,
    delete_product,
    get_product,
    list_locations,
    list_products,
    update_product,
)
from sqlalchemy import text


@pytest.mark.task(taskno=3)
def test_a_product_comes_back_as_a_record(stocked) -> None:
    uow = stocked()
    bolt = get_product(uow, "BOLT-M6")
    assert bolt == ProductRecord(
        sku="BOLT-M6",
        name="Hex bolt M6",
        category="Fasteners",
        supplier="Acme",
        unit_cost=Decimal("0.12"),
        reorder_level=100,
    ), "get_product returns a frozen ProductRecord, with names (not ids) for category and supplier"
    assert type(bolt.unit_cost) is Decimal, "money is Decimal, never float"
    assert get_product(uow, "HAMMER").supplier is None


@pytest.mark.task(taskno=3)
def test_duplicates_are_refused_with_duplicate_error(stocked) -> None:
    uow = stocked()
    with pytest.raises(DuplicateError):
        add_category(uow, "Tools")
    with pytest.raises(DuplicateError):
        add_supplier(uow, "Acme")
    with pytest.raises(DuplicateError, match="BOLT-M6"):
        add_product(uow, "BOLT-M6", "Another bolt", category="Fasteners", unit_cost="1.00")
    with pytest.raises(DuplicateError):
        add_warehouse(uow, "MAIN", "Again")
    with pytest.raises(DuplicateError):
        add_location(uow, "MAIN", "A1")
    assert get_product(uow, "BOLT-M6").name == "Hex bolt M6", "a refused request changes nothing"


@pytest.mark.task(taskno=3)
def test_unknown_references_are_refused(stocked) -> None:
    uow = stocked()
    with pytest.raises(NotFoundError, match="Toys"):
        add_product(uow, "KITE", "Kite", category="Toys", unit_cost="5.00")
    with pytest.raises(NotFoundError):
        add_product(uow, "KITE", "Kite", category="Tools", unit_cost="5.00", supplier="Nobody")
    with pytest.raises(NotFoundError):
        add_location(uow, "WEST", "A1")
    with pytest.raises(NotFoundError):
        get_product(uow, "KITE")
    assert [p.sku for p in list_products(uow)] == ["BOLT-M6", "HAMMER"], "nothing half-added"


INVALID = [
    ({"unit_cost": "-0.01"}, "a cost cannot be negative"),
    ({"unit_cost": "0.125"}, "a cost has at most two decimal places"),
    ({"unit_cost": "twelve"}, "a cost is a number"),
    ({"unit_cost": "NaN"}, "a cost is a finite number"),
    ({"reorder_level": -1}, "a reorder level is at least 0"),
    ({"sku": "   "}, "a SKU is not empty"),
    ({"name": ""}, "a name is not empty"),
]


@pytest.mark.task(taskno=3)
def test_invalid_products_are_refused(uow) -> None:
    add_category(uow, "Tools")
    for changes, rule in INVALID:
        fields: dict[str, object] = {"sku": "SAW", "name": "Saw", "category": "Tools", "unit_cost": "9.99"}
        fields |= changes
        try:
            add_product(uow, fields.pop("sku"), fields.pop("name"), **fields)
        except ValidationError:
            continue
        pytest.fail(f"add_product accepted {changes} instead of raising ValidationError: {rule}")
    assert list_products(uow) == [], "a refused product is not written"


@pytest.mark.task(taskno=3)
def test_money_is_kept_exactly(uow) -> None:
    add_category(uow, "Tools")
    add_product(uow, "SAW", "Saw", category="Tools", unit_cost=Decimal("0.1"))
    add_product(uow, "AXE", "Axe", category="Tools", unit_cost="1234567890.99")
    assert get_product(uow, "SAW").unit_cost == Decimal("0.10")
    assert str(get_product(uow, "SAW").unit_cost) == "0.10", "costs have two decimal places"
    assert get_product(uow, "AXE").unit_cost == Decimal("1234567890.99"), "no float rounding on the way"
    free = add_product(uow, "SAMPLE", "Free sample", category="Tools", unit_cost="0")
    assert str(free.unit_cost) == "0.00", "a cost of 0 is allowed (at least 0), and has two decimal places too"


@pytest.mark.task(taskno=3)
def test_defaults_of_products_and_suppliers(uow, engine) -> None:
    add_category(uow, "Tools")
    assert add_product(uow, "SAW", "Saw", category="Tools", unit_cost="9.99").reorder_level == 0, (
        "without a reorder level, a product is never reordered: 0"
    )
    assert add_supplier(uow, " Bahco ", "sales@bahco.test") == "Bahco", "the cleaned name comes back"
    add_supplier(uow, "Acme")
    with engine.connect() as conn:
        emails = dict(conn.execute(text("SELECT name, email FROM suppliers")).all())
    assert emails == {"Bahco": "sales@bahco.test", "Acme": None}, "the email is stored with its supplier, or NULL"


@pytest.mark.task(taskno=3)
def test_list_products_by_sku_and_by_category(stocked) -> None:
    uow = stocked()
    add_product(uow, "ANCHOR", "Wall anchor", category="Fasteners", unit_cost="0.05")
    assert [p.sku for p in list_products(uow)] == ["ANCHOR", "BOLT-M6", "HAMMER"], "sorted by SKU"
    assert [p.sku for p in list_products(uow, "Fasteners")] == ["ANCHOR", "BOLT-M6"]
    assert list_products(uow, "Toys") == []


@pytest.mark.task(taskno=3)
def test_update_changes_only_the_given_fields(stocked) -> None:
    uow = stocked()
    updated = update_product(uow, "BOLT-M6", unit_cost="0.15", reorder_level=250)
    assert updated == get_product(uow, "BOLT-M6")
    assert (updated.name, updated.category, updated.supplier) == ("Hex bolt M6", "Fasteners", "Acme")
    assert (updated.unit_cost, updated.reorder_level) == (Decimal("0.15"), 250)
    assert update_product(uow, "HAMMER", category="Fasteners", supplier="Acme").supplier == "Acme"
    with pytest.raises(ValidationError):
        update_product(uow, "HAMMER", unit_cost="-1")
    with pytest.raises(NotFoundError):
        update_product(uow, "KITE", name="Kite")


@pytest.mark.task(taskno=3)
def test_delete_a_product_that_never_moved(stocked) -> None:
    uow = stocked()
    delete_product(uow, "HAMMER")
    assert [p.sku for p in list_products(uow)] == ["BOLT-M6"]
    with pytest.raises(NotFoundError):
        delete_product(uow, "HAMMER")


@pytest.mark.task(taskno=3)
def test_locations_are_named_warehouse_slash_code(stocked) -> None:
    uow = stocked()
    assert add_location(uow, "EAST", "B2") == "EAST/B2"
    assert add_location(uow, " MAIN ", " A0 ") == "MAIN/A0", "the warehouse and the code are cleaned of spaces"
    assert list_locations(uow) == ["EAST/A1", "EAST/B2", "MAIN/A0", "MAIN/A1", "MAIN/B2"], (
        "sorted by warehouse, then code (MAIN/A0 was added last but comes first in MAIN)"
    )
    with pytest.raises(ValidationError):
        add_location(uow, "MAIN", "C/3")
    with pytest.raises(ValidationError):
        add_warehouse(uow, "NORTH/1", "North")


@pytest.mark.task(taskno=3)
def test_update_can_rename_a_product(stocked) -> None:
    uow = stocked()
    renamed = update_product(uow, "HAMMER", name="  Framing hammer ")
    assert renamed.name == "Framing hammer", "the new name, cleaned of surrounding spaces like every name"
    assert get_product(uow, "HAMMER") == renamed, "and it is stored"
    assert (renamed.category, renamed.unit_cost, renamed.reorder_level) == ("Tools", Decimal("12.50"), 5), (
        "a rename changes nothing else"
    )


def attempt(service, *args, **kwargs):
    """A service call to make later, on the test's unit of work."""
    return service, args, kwargs


SAW = {"category": "Tools", "unit_cost": "9.99"}
# (what is tried, the refusal, its exact message): the CLI prints the message after `error: `.
CATALOGUE_REFUSALS = [
    (attempt(add_category, " "), ValidationError, "a category name must not be empty"),
    (attempt(add_category, "Tools"), DuplicateError, "category 'Tools' already exists"),
    (attempt(add_supplier, ""), ValidationError, "a supplier name must not be empty"),
    (attempt(add_supplier, "Bahco", "sales"), ValidationError, "not an email address: 'sales'"),
    (attempt(add_supplier, "Acme"), DuplicateError, "supplier 'Acme' already exists"),
    (attempt(add_product, " ", "Saw", **SAW), ValidationError, "a SKU must not be empty"),
    (attempt(add_product, "SAW", "", **SAW), ValidationError, "a product name must not be empty"),
    (
        attempt(add_product, "SAW", "Saw", **SAW | {"unit_cost": "twelve"}),
        ValidationError,
        "not an amount of money: 'twelve'",
    ),
    (
        attempt(add_product, "SAW", "Saw", **SAW | {"unit_cost": "0.125"}),
        ValidationError,
        "a unit cost is at least 0 with at most two decimal places, not 0.125",
    ),
    (
        attempt(add_product, "SAW", "Saw", **SAW | {"unit_cost": "-1"}),
        ValidationError,
        "a unit cost is at least 0 with at most two decimal places, not -1",
    ),
    (
        attempt(add_product, "SAW", "Saw", **SAW, reorder_level=-1),
        ValidationError,
        "a reorder level must be a whole number of at least 0, not -1",
    ),
    (
        attempt(add_product, "SAW", "Saw", **SAW, reorder_level=True),
        ValidationError,
        "a reorder level must be a whole number of at least 0, not True",
    ),
    (attempt(add_product, "SAW", "Saw", **SAW | {"category": "Toys"}), NotFoundError, "no category 'Toys'"),
    (attempt(add_product, "SAW", "Saw", **SAW, supplier="Nobody"), NotFoundError, "no supplier 'Nobody'"),
    (attempt(add_product, "BOLT-M6", "Bolt", **SAW), DuplicateError, "a product with SKU 'BOLT-M6' already exists"),
    (attempt(get_product, "KITE"), NotFoundError, "no product with SKU 'KITE'"),
    (attempt(update_product, "HAMMER", name=" "), ValidationError, "a product name must not be empty"),
    (
        attempt(update_product, "HAMMER", reorder_level=-2),
        ValidationError,
        "a reorder level must be a whole number of at least 0, not -2",
    ),
    (attempt(delete_product, "KITE"), NotFoundError, "no product with SKU 'KITE'"),
    (attempt(add_warehouse, "", "North"), ValidationError, "a warehouse code must not be empty"),
    (attempt(add_warehouse, "NORTH", " "), ValidationError, "a warehouse name must not be empty"),
    (attempt(add_warehouse, "NORTH/1", "North"), ValidationError, "a warehouse code cannot contain '/': 'NORTH/1'"),
    (attempt(add_warehouse, "MAIN", "Again"), DuplicateError, "warehouse 'MAIN' already exists"),
    (attempt(add_location, "MAIN", " "), ValidationError, "a location code must not be empty"),
    (attempt(add_location, "MAIN", "C/3"), ValidationError, "a location code cannot contain '/': 'C/3'"),
    (attempt(add_location, "WEST", "A1"), NotFoundError, "no warehouse 'WEST'"),
    (attempt(add_location, "MAIN", "A1"), DuplicateError, "location MAIN/A1 already exists"),
]


@pytest.mark.task(taskno=3)
def test_refusals_say_what_was_wrong(stocked, wrong_refusals) -> None:
    wrong = wrong_refusals(stocked(), CATALOGUE_REFUSALS)
    assert not wrong, "the README's table of refusals gives each message exactly:\n" + "\n".join(wrong)


# Values the columns cannot hold: PostgreSQL refuses them with an error (a traceback in the CLI), and SQLite
# would store them silently, so the services refuse them first, the same on both.
TOO_BIG_OR_HOSTILE = [
    (attempt(add_category, "C" * 81), ValidationError, "a category name must be at most 80 characters, not 81"),
    (attempt(add_category, "Nuts\x00"), ValidationError, "a category name must not contain a NUL character"),
    (attempt(add_supplier, "S" * 121), ValidationError, "a supplier name must be at most 120 characters, not 121"),
    (
        attempt(add_supplier, "Bahco", "a@" + "b" * 253),
        ValidationError,
        "an email address must be at most 254 characters, not 255",
    ),
    (attempt(add_product, "K" * 41, "Kite", **SAW), ValidationError, "a SKU must be at most 40 characters, not 41"),
    (
        attempt(add_product, "KITE", "K" * 201, **SAW),
        ValidationError,
        "a product name must be at most 200 characters, not 201",
    ),
    (attempt(add_product, "KI\x00TE", "Kite", **SAW), ValidationError, "a SKU must not contain a NUL character"),
    (
        attempt(add_product, "KITE", "Kite", **SAW | {"unit_cost": "10000000000"}),
        ValidationError,
        "a unit cost is at most 9999999999.99, not 10000000000",
    ),
    (
        attempt(add_product, "KITE", "Kite", **SAW, reorder_level=2**31),
        ValidationError,
        "a reorder level is at most 2147483647, not 2147483648",
    ),
    (
        attempt(update_product, "HAMMER", name="H" * 201),
        ValidationError,
        "a product name must be at most 200 characters, not 201",
    ),
    (
        attempt(add_warehouse, "W" * 21, "West"),
        ValidationError,
        "a warehouse code must be at most 20 characters, not 21",
    ),
    (
        attempt(add_warehouse, "WEST", "W" * 121),
        ValidationError,
        "a warehouse name must be at most 120 characters, not 121",
    ),
    (attempt(add_location, "MAIN", "L" * 21), ValidationError, "a location code must be at most 20 characters, not 21"),
]


@pytest.mark.task(taskno=3)
def test_values_that_do_not_fit_their_columns_are_refused(stocked, wrong_refusals) -> None:
    wrong = wrong_refusals(stocked(), TOO_BIG_OR_HOSTILE)
    assert not wrong, "check lengths, NUL and sizes before the database does:\n" + "\n".join(wrong)


@pytest.mark.task(taskno=3)
def test_values_that_just_fit_their_columns_are_kept(stocked) -> None:
    uow = stocked()
    add_category(uow, "C" * 80)
    add_product(uow, "K" * 40, "N" * 200, category="C" * 80, unit_cost="9999999999.99", reorder_level=2**31 - 1)
    assert get_product(uow, "K" * 40) == ProductRecord(
        sku="K" * 40,
        name="N" * 200,
        category="C" * 80,
        supplier=None,
        unit_cost=Decimal("9999999999.99"),
        reorder_level=2**31 - 1,
    ), "the largest values each column holds are accepted and read back"
    assert add_location(uow, "MAIN", "L" * 20) == "MAIN/" + "L" * 20


@pytest.mark.task(taskno=3)
def test_two_concurrent_adds_of_one_sku_end_in_duplicate_error(stocked, engine, race) -> None:
    """Two connections in two threads. The first add pauses just before its commit; the second
    starts then and cannot see the uncommitted product, so on PostgreSQL only the UNIQUE constraint
    stops it (an IntegrityError when the first commits): that too must become a DuplicateError."""
    stocked()
    names = iter(["first", "second"])

    def add_saw(uow) -> str:
        add_product(uow, "SAW", f"Saw ({next(names)})", category="Tools", unit_cost="9.99")
        return "added"

    outcomes, _ = race(add_saw)
    assert outcomes == {"first": "added", "second": "DuplicateError: a product with SKU 'SAW' already exists"}, (
        "the second add of the same SKU is refused with the usual DuplicateError and message, even when it "
        "is the database's UNIQUE constraint (an IntegrityError on flush) that catches it"
    )
    assert get_product(unit_of_work(engine), "SAW").name == "Saw (first)"
