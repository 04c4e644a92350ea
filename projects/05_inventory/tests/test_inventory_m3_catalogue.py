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
    assert list_locations(uow) == ["EAST/A1", "EAST/B2", "MAIN/A1", "MAIN/B2"], "sorted by warehouse, then code"
    with pytest.raises(ValidationError):
        add_location(uow, "MAIN", "C/3")
    with pytest.raises(ValidationError):
        add_warehouse(uow, "NORTH/1", "North")
