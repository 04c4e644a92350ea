"""Wiring, done once at start-up (never at import time): an engine, a session factory, a unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from inventory.db import database_url, make_engine
from inventory.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class App:
    """What the entry points need: the engine (for migrations, disposal) and a unit of work."""

    engine: Engine
    uow: UnitOfWork

    def close(self) -> None:
        self.engine.dispose()


def unit_of_work(engine: Engine) -> UnitOfWork:
    """A unit of work on `engine`. Records stay readable after commit (`expire_on_commit=False`)."""
    return UnitOfWork(sessionmaker(engine, expire_on_commit=False))


def bootstrap(url: str | None = None) -> App:
    """Connect to `url`, else `DATABASE_URL`, else the SQLite file `inventory.db`."""
    engine = make_engine(url or database_url())
    return App(engine=engine, uow=unit_of_work(engine))
