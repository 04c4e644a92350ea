"""Tests for static_types.py: what each helper does, and what `mypy --strict` says about its types.

mypy runs once per test session on a copy of your module and on a small file that uses it
(USAGE below): the lines each task lists under "must type-check" must pass, each line under "must be
rejected" must fail with the error named beside it, and your module itself must pass --strict.

Mistakes these tests catch: `Any` (or no hint) where a TypeVar belongs, so a wrong use type-checks; a key
TypeVar without `bound=Hashable`; a `Page` that is not generic, or whose `map` keeps the old item type; a
protocol method without `quantity`; a TypedDict with `total=False` (every key optional) or a required
`note`; `env_int` without overloads (`env_int("PORT", 8000)` typed `int | None`); and at run time: a
duplicate key missed when it is falsy, `first()` of `[0]`, a zero quantity, a bool order id, an empty
customer, a default of 0 lost, and the exact error messages.
"""

import ast
import dataclasses
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import static_types
from mypy import api
from static_types import OrderPayload, Page, cart_total, env_int, index_by, parse_order

USAGE = """\
from dataclasses import dataclass
from typing import assert_type

from static_types import OrderPayload, Page, Priced, cart_total, env_int, index_by, parse_order


@dataclass
class Product:
    sku: str
    cents: int

    def price_cents(self, quantity: int) -> int:
        return self.cents * quantity


class FreeSample:
    def price_cents(self) -> int:
        return 0


PRODUCTS = [Product("A1", 250), Product("B2", 1000)]
"""


@dataclass(frozen=True)
class Check:
    """One line of the usage file: mypy must accept it, or reject it with one of `codes`."""

    task: int
    name: str
    code: str
    codes: tuple[str, ...] = ()  # empty: must type-check

    @property
    def accept(self) -> bool:
        return not self.codes


CHECKS = [
    Check(
        1, "index_by_keeps_item_and_key_types", "assert_type(index_by(PRODUCTS, lambda p: p.sku), dict[str, Product])"
    ),
    Check(1, "index_by_of_ints_by_str", "assert_type(index_by([3, 4], str), dict[str, int])"),
    Check(1, "index_by_rejects_a_key_of_the_wrong_type", "index_by(PRODUCTS, lambda p: p.sku)[0]", ("index",)),
    Check(1, "index_by_rejects_an_unhashable_key", "index_by(PRODUCTS, lambda p: [p.sku])", ("type-var",)),
    Check(2, "page_is_generic", 'assert_type(Page(PRODUCTS, "abc"), Page[Product])'),
    Check(2, "page_first_may_be_none", "assert_type(Page(PRODUCTS).first(), Product | None)"),
    Check(2, "page_map_changes_the_item_type", "assert_type(Page(PRODUCTS).map(lambda p: p.cents), Page[int])"),
    Check(2, "page_items_keep_their_type", "assert_type(Page([1, 2]).items, list[int])"),
    Check(2, "page_rejects_items_of_the_wrong_type", 'int_page: Page[int] = Page(["a"])', ("list-item", "arg-type")),
    Check(3, "cart_total_takes_any_priced_thing", "assert_type(cart_total([(PRODUCTS[0], 2)]), int)"),
    Check(3, "a_product_is_priced", "priced: Priced = PRODUCTS[0]"),
    Check(3, "cart_total_rejects_the_wrong_method", "cart_total([(FreeSample(), 1)])", ("list-item", "arg-type")),
    Check(3, "cart_total_rejects_a_str_quantity", 'cart_total([(PRODUCTS[0], "2")])', ("list-item", "arg-type")),
    Check(4, "an_order_without_a_note", 'plain: OrderPayload = {"order_id": 1, "customer": "ada"}'),
    Check(4, "an_order_with_a_note", 'noted: OrderPayload = {"order_id": 2, "customer": "bo", "note": "gift"}'),
    Check(4, "parse_order_returns_the_typed_dict", 'assert_type(parse_order({"order_id": 1}), OrderPayload)'),
    Check(4, "rejects_a_missing_customer", 'missing: OrderPayload = {"order_id": 3}', ("typeddict-item",)),
    Check(
        4,
        "rejects_an_order_id_of_the_wrong_type",
        'wrong: OrderPayload = {"order_id": "4", "customer": "cy"}',
        ("typeddict-item", "dict-item"),
    ),
    Check(
        4,
        "rejects_an_unknown_key",
        'extra: OrderPayload = {"order_id": 5, "customer": "di", "coupon": "X"}',
        ("typeddict-unknown-key", "typeddict-item"),
    ),
    Check(4, "rejects_reading_an_unknown_key", 'parse_order({"order_id": 1})["notes"]', ("typeddict-item",)),
    Check(5, "env_int_with_a_default_is_an_int", 'assert_type(env_int("PORT", 8000), int)'),
    Check(5, "env_int_without_a_default_may_be_none", 'assert_type(env_int("WORKERS"), int | None)'),
    Check(5, "rejects_using_a_maybe_none_as_an_int", 'workers: int = env_int("WORKERS")', ("assignment",)),
    Check(5, "rejects_a_str_default", 'env_int("PORT", "8000")', ("call-overload", "arg-type")),
]
FIRST_CHECK_LINE = len(USAGE.splitlines()) + 1
OWNERS = {"index_by": 1, "Page": 2, "Priced": 3, "cart_total": 3, "OrderPayload": 4, "parse_order": 4, "env_int": 5}
MYPY_TIMEOUT = pytest.mark.timeout(30)  # the one mypy run takes 1.5 s on an idle 2-core machine, more under load
MYPY_LINE = re.compile(r"^(?P<file>[\w.]+\.py):(?P<line>\d+): (?P<kind>error|note): .*?(?:  \[(?P<code>[\w-]+)\])?$")


@dataclass(frozen=True)
class MypyReport:
    """mypy's lines about your module and about the usage file, and the time the run took."""

    module: list[tuple[int, str]]  # (line number, mypy's line)
    usage: dict[int, list[str]]
    crashed: str


@pytest.fixture(scope="module")
def mypy_report() -> MypyReport:
    """One `mypy --strict` run for the whole session, in a scratch folder with a temporary cache."""
    source = Path(static_types.__file__).read_text(encoding="utf-8")
    if "mutmut" in source:
        pytest.skip("under the mutation gate the module is rewritten into trampolines that erase its types")
    usage = USAGE + "".join(f"{check.code}\n" for check in CHECKS)
    with tempfile.TemporaryDirectory(prefix="kata-mypy-") as folder:
        scratch = Path(folder)
        (scratch / "static_types.py").write_text(source, encoding="utf-8")
        (scratch / "static_types_usage.py").write_text(usage, encoding="utf-8")
        (scratch / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
        args = ["--strict", "--config-file", str(scratch / "mypy.ini"), "--cache-dir", str(scratch / "cache")]
        args += ["--show-error-codes", "--no-error-summary", "--no-pretty", "--hide-error-context"]
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(scratch)
            stdout, stderr, _ = api.run([*args, "static_types.py", "static_types_usage.py"])
    module: list[tuple[int, str]] = []
    found: dict[int, list[str]] = {}
    for line in stdout.splitlines():
        if match := MYPY_LINE.match(line):
            number = int(match["line"])
            if match["file"] == "static_types.py":
                module.append((number, line))
            else:
                found.setdefault(number, []).append(line)
    return MypyReport(module, found, stderr)


def owner_task(source: str, line: int) -> int | None:
    """The task of the top-level definition that holds `line` of your module (None: outside them all)."""
    for node in ast.parse(source).body:
        name = getattr(node, "name", None)
        decorators = [d.lineno for d in getattr(node, "decorator_list", [])]
        if name in OWNERS and min([node.lineno, *decorators]) <= line <= (node.end_lineno or node.lineno):
            return OWNERS[name]
    return None


def errors_on(lines: list[str]) -> list[str]:
    return [line for line in lines if ": error: " in line]


# --- what mypy says -------------------------------------------------------------------------------------


def assert_module_passes(report: MypyReport, task: int) -> None:
    assert not report.crashed, f"mypy could not run:\n{report.crashed}"
    source = Path(static_types.__file__).read_text(encoding="utf-8")
    mine = [text for line, text in report.module if owner_task(source, line) in (task, None)]
    errors = errors_on(mine)
    assert not errors, (
        f"mypy --strict finds errors in your module's task {task} code (every parameter and return needs a type; "
        "no Any):\n" + "\n".join(mine)
    )


def assert_judged_right(report: MypyReport, check: Check) -> None:
    said = report.usage.get(FIRST_CHECK_LINE + CHECKS.index(check), [])
    errors = errors_on(said)
    if check.accept:
        assert not errors, (
            f"mypy --strict must accept this use of your code (task {check.task}):\n    {check.code}\nbut it said:\n"
            + "\n".join(said)
        )
        return
    codes = {match["code"] for line in errors if (match := MYPY_LINE.match(line))}
    assert codes & set(check.codes), (
        f"mypy --strict must reject this wrong use of your code with [{' or '.join(check.codes)}] "
        f"(task {check.task}):\n    {check.code}\n"
        + ("but it said:\n" + "\n".join(said) if said else "but it accepted it: is a type `Any`, or missing?")
    )


def checks_of(task: int) -> list[Check]:
    return [check for check in CHECKS if check.task == task]


def check_id(check: Check) -> str:
    return check.name


@pytest.mark.task(taskno=1)
@MYPY_TIMEOUT
def test_index_by_passes_mypy_strict(mypy_report: MypyReport) -> None:
    assert_module_passes(mypy_report, 1)


@pytest.mark.task(taskno=1)
@MYPY_TIMEOUT
@pytest.mark.parametrize("check", checks_of(1), ids=check_id)
def test_mypy_judges_uses_of_index_by(mypy_report: MypyReport, check: Check) -> None:
    assert_judged_right(mypy_report, check)


@pytest.mark.task(taskno=2)
@MYPY_TIMEOUT
def test_page_passes_mypy_strict(mypy_report: MypyReport) -> None:
    assert_module_passes(mypy_report, 2)


@pytest.mark.task(taskno=2)
@MYPY_TIMEOUT
@pytest.mark.parametrize("check", checks_of(2), ids=check_id)
def test_mypy_judges_uses_of_page(mypy_report: MypyReport, check: Check) -> None:
    assert_judged_right(mypy_report, check)


@pytest.mark.task(taskno=3)
@MYPY_TIMEOUT
def test_priced_and_cart_total_pass_mypy_strict(mypy_report: MypyReport) -> None:
    assert_module_passes(mypy_report, 3)


@pytest.mark.task(taskno=3)
@MYPY_TIMEOUT
@pytest.mark.parametrize("check", checks_of(3), ids=check_id)
def test_mypy_judges_uses_of_cart_total(mypy_report: MypyReport, check: Check) -> None:
    assert_judged_right(mypy_report, check)


@pytest.mark.task(taskno=4)
@MYPY_TIMEOUT
def test_order_payload_and_parse_order_pass_mypy_strict(mypy_report: MypyReport) -> None:
    assert_module_passes(mypy_report, 4)


@pytest.mark.task(taskno=4)
@MYPY_TIMEOUT
@pytest.mark.parametrize("check", checks_of(4), ids=check_id)
def test_mypy_judges_uses_of_order_payload(mypy_report: MypyReport, check: Check) -> None:
    assert_judged_right(mypy_report, check)


@pytest.mark.task(taskno=5)
@MYPY_TIMEOUT
def test_env_int_passes_mypy_strict(mypy_report: MypyReport) -> None:
    assert_module_passes(mypy_report, 5)


@pytest.mark.task(taskno=5)
@MYPY_TIMEOUT
@pytest.mark.parametrize("check", checks_of(5), ids=check_id)
def test_mypy_judges_uses_of_env_int(mypy_report: MypyReport, check: Check) -> None:
    assert_judged_right(mypy_report, check)


# --- what the code does ---------------------------------------------------------------------------------


@dataclass
class Book:
    isbn: str
    title: str
    shelf: int


BOOKS = [Book("978-0", "Dune", 3), Book("978-1", "Emma", 0), Book("978-2", "Ulysses", 3)]


@pytest.mark.task(taskno=1)
def test_index_by_maps_each_key_to_its_item_in_order() -> None:
    index = index_by(BOOKS, lambda book: book.isbn)
    assert index == {"978-0": BOOKS[0], "978-1": BOOKS[1], "978-2": BOOKS[2]}
    assert list(index) == ["978-0", "978-1", "978-2"], "keys come in the order of the items"
    assert index_by(iter(BOOKS), lambda book: book.title)["Emma"] is BOOKS[1], "a one-pass iterator works too"
    assert index_by([], len) == {}


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(("key", "shown"), [(lambda book: book.shelf, "3"), (lambda book: book.shelf == 1, "False")])
def test_index_by_refuses_a_duplicate_key_even_a_falsy_one(key: object, shown: str) -> None:
    with pytest.raises(ValueError, match=f"^duplicate key {shown}$"):
        index_by(BOOKS, key)  # type: ignore[arg-type]


@pytest.mark.task(taskno=1)
def test_index_by_names_a_duplicate_str_key_in_quotes() -> None:
    with pytest.raises(ValueError, match=r"^duplicate key 'A1'$"):
        index_by(["A1", "B2", "A1"], str.upper)


@pytest.mark.task(taskno=2)
def test_page_keeps_its_items_and_cursor() -> None:
    page = Page(["x", "y"], "c2")
    assert (page.items, page.next_cursor) == (["x", "y"], "c2")
    assert Page([1]).next_cursor is None, "next_cursor defaults to None (the last page)"
    assert Page([1], "c") == Page([1], "c"), "two pages with the same items and cursor are equal (a dataclass)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.next_cursor = "c3"  # type: ignore[misc]


@pytest.mark.task(taskno=2)
def test_page_first_is_the_first_item_even_a_falsy_one() -> None:
    assert Page([0, 5]).first() == 0
    assert Page(["", "b"]).first() == ""
    assert Page([]).first() is None


@pytest.mark.task(taskno=2)
def test_page_map_makes_a_new_page_with_the_same_cursor() -> None:
    page = Page(["ab", "cde"], "next")
    assert page.map(len) == Page([2, 3], "next")
    assert page.items == ["ab", "cde"], "map leaves the original page as it was"
    assert Page([], None).map(len) == Page([], None)


class Ticket:
    """Priced by duck typing: no base class."""

    def __init__(self, cents: int) -> None:
        self.cents = cents
        self.asked: list[int] = []

    def price_cents(self, quantity: int) -> int:
        self.asked.append(quantity)
        return self.cents * quantity - (100 if quantity >= 10 else 0)


@pytest.mark.task(taskno=3)
def test_cart_total_asks_each_item_for_its_price() -> None:
    adult, child = Ticket(1200), Ticket(600)
    assert cart_total([(adult, 2), (child, 10)]) == 2400 + 5900
    assert (adult.asked, child.asked) == ([2], [10]), "each item is asked once, with its own quantity"
    assert cart_total([]) == 0
    assert cart_total(iter([(adult, 1)])) == 1200


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("quantity", [0, -2])
def test_cart_total_refuses_a_quantity_under_one(quantity: int) -> None:
    with pytest.raises(ValueError, match=f"^quantity must be at least 1, got {quantity}$"):
        cart_total([(Ticket(500), 1), (Ticket(500), quantity)])


@pytest.mark.task(taskno=4)
def test_order_payload_requires_id_and_customer_and_allows_a_note() -> None:
    required = getattr(OrderPayload, "__required_keys__", None)
    optional = getattr(OrderPayload, "__optional_keys__", None)
    assert (required, optional) == ({"order_id", "customer"}, {"note"}), "a TypedDict with `note` NotRequired"


@pytest.mark.task(taskno=4)
def test_parse_order_returns_a_new_dict_with_the_known_keys() -> None:
    body: dict[str, object] = {"order_id": 7, "customer": "ada"}
    order = parse_order(body)
    assert order == {"order_id": 7, "customer": "ada"}
    assert order is not body, "return a new dict: the caller's body stays theirs"
    assert parse_order({"customer": "bo", "order_id": 0, "note": ""}) == {"order_id": 0, "customer": "bo", "note": ""}


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"customer": "ada"}, "order_id must be an int"),
        ({"order_id": "7", "customer": "ada"}, "order_id must be an int"),
        ({"order_id": True, "customer": "ada"}, "order_id must be an int"),
        ({"order_id": 7}, "customer must be a non-empty str"),
        ({"order_id": 7, "customer": ""}, "customer must be a non-empty str"),
        ({"order_id": 7, "customer": ["ada"]}, "customer must be a non-empty str"),
        ({"order_id": 7, "customer": "ada", "note": None}, "note must be a str"),
        ({"order_id": 7, "customer": "ada", "coupon": "X", "batch": 2}, "unknown field 'batch'"),
        ({"order_id": "7", "coupon": "X"}, "order_id must be an int"),
    ],
    ids=["no-id", "str-id", "bool-id", "no-customer", "empty-customer", "list-customer", "none-note", "unknown",
         "first-problem-wins"],
)  # fmt: skip
def test_parse_order_refuses_a_bad_body(body: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_order(body)


@pytest.mark.task(taskno=5)
def test_env_int_reads_an_integer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KATA_PORT", " 8080 ")
    assert env_int("KATA_PORT") == 8080
    assert env_int("KATA_PORT", 80) == 8080
    monkeypatch.setenv("KATA_PORT", "-1")
    assert env_int("KATA_PORT", 80) == -1


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("value", [None, "", "   "])
def test_env_int_falls_back_to_the_default_when_unset_or_blank(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("KATA_WORKERS", raising=False)
    else:
        monkeypatch.setenv("KATA_WORKERS", value)
    assert env_int("KATA_WORKERS") is None
    assert env_int("KATA_WORKERS", 4) == 4
    assert env_int("KATA_WORKERS", 0) == 0, "a default of 0 is still a default"


@pytest.mark.task(taskno=5)
@pytest.mark.parametrize("value", ["80a", "8.5", "eighty"])
def test_env_int_names_the_variable_and_the_bad_value(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("KATA_PORT", value)
    with pytest.raises(ValueError, match=f"^KATA_PORT must be an integer, got '{re.escape(value)}'$"):
        env_int("KATA_PORT", 80)
