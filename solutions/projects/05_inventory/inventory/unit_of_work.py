"""The unit of work: one transaction, one session, one repository. Given to you.

A service function receives a `UnitOfWork` and uses it like this (cosmicpython, chapter 6):

    with uow:
        product = uow.repo.product("BOLT-M6")
        ...
        uow.commit()

Leaving the block without `commit()` rolls everything back, so a rule that raises halfway
leaves the database as it was. The same `UnitOfWork` can be entered again: each `with` opens
a fresh session on the `session_factory` it was built with (see `bootstrap.py`).
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from inventory.repository import Repository


class UnitOfWork:
    """A transaction on the database behind `session_factory`."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a `with uow:` block")
        return self._session

    @property
    def repo(self) -> Repository:
        """The repository of this transaction."""
        return Repository(self.session)

    def __enter__(self) -> UnitOfWork:
        if self._session is not None:
            raise RuntimeError("this unit of work is already in use: nest a new one instead")
        self._session = self._session_factory()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session, self._session = self.session, None
        try:
            session.rollback()  # a no-op after commit(); undoes everything otherwise
        finally:
            session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
