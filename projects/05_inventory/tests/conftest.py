"""Fixtures for the inventory's tests: every test runs on SQLite and on PostgreSQL.

- `sqlite`: a fresh SQLite file in the test's temporary folder. Always runs.
- `postgresql`: a brand-new schema in the database named by `DATABASE_URL` (libpq form, e.g.
  `postgresql://postgres@127.0.0.1:5432/test`), dropped after the test. The URL handed to the
  code sets `search_path` to that schema (`?options=-csearch_path%3D...`), so the code sees an
  empty database of its own and parallel runs (`pytest -n 4`) never meet. Skipped when
  `DATABASE_URL` is unset; when `CI` is set, an unset variable or an unreachable server FAILS.

The schemas and the `race` pause come from the workspace's shared fixtures (kata.fixtures).

The package is imported inside the fixtures, not at the top: pytest loads this file before the
kata plugin has put the project (or, with --solutions, its reference) on the import path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kata.fixtures import Race, fresh_postgres_schema

if TYPE_CHECKING:
    from inventory import UnitOfWork
    from sqlalchemy import Engine


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A function returning the URL of another empty database each time it is called (same backend)."""
    if request.param == "sqlite":
        files = iter(range(1, 100))
        yield lambda: f"sqlite:///{tmp_path / f'inventory{next(files)}.db'}"
        return
    with ExitStack() as schemas:  # each dropped after the test
        yield lambda: schemas.enter_context(fresh_postgres_schema())


@pytest.fixture
def db_url(new_database: Callable[[], str]) -> str:
    """The URL of an empty database (`sqlite:///...` or a libpq `postgresql://...` URL)."""
    return new_database()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine from `inventory.db.make_engine` on the empty database, disposed after the test."""
    from inventory.db import make_engine

    engine = make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> UnitOfWork:
    """A unit of work on a database whose tables were made from the models (`create_all`)."""
    from inventory.bootstrap import unit_of_work
    from inventory.models import Base

    Base.metadata.create_all(engine, checkfirst=False)
    return unit_of_work(engine)


@pytest.fixture
def stocked(uow: UnitOfWork) -> Callable[[], UnitOfWork]:
    """A function that fills the catalogue through your services and returns the unit of work.

    Categories Fasteners and Tools; supplier Acme; products BOLT-M6 (0.12, reorder at 100, from
    Acme) and HAMMER (12.50, reorder at 5, no supplier); warehouses MAIN (locations A1, B2) and
    EAST (location A1). No stock yet. A function, so that an unfinished service fails the test,
    not the fixture.
    """
    from inventory import catalogue

    def build() -> UnitOfWork:
        catalogue.add_category(uow, "Fasteners")
        catalogue.add_category(uow, "Tools")
        catalogue.add_supplier(uow, "Acme", "orders@acme.test")
        catalogue.add_product(
            uow, "BOLT-M6", "Hex bolt M6", category="Fasteners", unit_cost="0.12", supplier="Acme", reorder_level=100
        )
        catalogue.add_product(uow, "HAMMER", "Claw hammer", category="Tools", unit_cost="12.50", reorder_level=5)
        catalogue.add_warehouse(uow, "MAIN", "Main warehouse")
        catalogue.add_warehouse(uow, "EAST", "East depot")
        for warehouse, code in [("MAIN", "A1"), ("MAIN", "B2"), ("EAST", "A1")]:
            catalogue.add_location(uow, warehouse, code)
        return uow

    return build


@pytest.fixture
def wrong_refusals() -> Callable[[UnitOfWork, list], list[str]]:
    """A function that tries each (call, refusal, message) of a table on a unit of work, where `call` is
    (service, args, kwargs), and describes every call that was accepted or refused another way."""
    from inventory import InventoryError

    def check(uow: UnitOfWork, refusals: list) -> list[str]:
        wrong = []
        for (service, args, kwargs), refusal, message in refusals:
            shown = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
            call = f"{service.__name__}({', '.join(shown)})"
            try:
                service(uow, *args, **kwargs)
            except InventoryError as error:
                if type(error) is not refusal or str(error) != message:
                    wrong.append(f"{call}: expected {refusal.__name__}({message!r}), got {error!r}")
                continue
            wrong.append(f"{call}: expected {refusal.__name__}({message!r}), but it was accepted")
        return wrong

    return check


@pytest.fixture
def race(
    engine: Engine, commit_race: Callable[..., Race]
) -> Callable[[Callable[[UnitOfWork], str]], tuple[dict[str, str], bool]]:
    """A function that runs `attempt(uow)` twice, on two connections in two threads: the first pauses just
    before its commit, the second starts then. It returns each one's outcome ("first" and "second": what
    `attempt` returned, or `ExceptionName: message`) and whether the second had to wait for the first."""
    from inventory.bootstrap import unit_of_work

    def run_both(attempt: Callable[[UnitOfWork], str]) -> tuple[dict[str, str], bool]:
        race = commit_race(engine, lambda: attempt(unit_of_work(engine)), lambda: attempt(unit_of_work(engine)))
        first, second = race.described()
        return {"first": first, "second": second}, race.waited

    return run_both
