"""Save a library to JSON and load it back. The format is versioned and written atomically and durably;
`locked` keeps two programs from changing the same file at once."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from library.library_clock import Clock
from library.library_errors import LibraryError
from library.library_records import Book, LibraryState, Loan
from library.library_service import Library

FORMAT_VERSION = 1


def to_json(library: Library) -> str:
    """The library as a JSON document (stable key order, so that files diff nicely)."""
    state = library.state()
    document = {
        "format": FORMAT_VERSION,
        "books": [{"isbn": b.isbn, "title": b.title, "author": b.author} for b in state.books],
        "copies": [{"copy_id": copy_id, "isbn": isbn} for copy_id, isbn in state.copies],
        "members": [{"member_id": m, "name": name, "kind": kind} for kind, m, name in state.members],
        "loans": [
            {
                "copy_id": loan.copy_id,
                "isbn": loan.isbn,
                "member_id": loan.member_id,
                "borrowed_on": loan.borrowed_on.isoformat(),
                "due_on": loan.due_on.isoformat(),
            }
            for loan in state.loans
        ],
        "reservations": {isbn: list(queue) for isbn, queue in state.reservations},
        "holds": dict(state.holds),
        "fines": dict(state.fines),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str, clock: Clock) -> Library:
    """Rebuild a library from `to_json`'s output. LibraryError if the document is malformed or inconsistent."""
    try:
        document = json.loads(text)
        if document.get("format") != FORMAT_VERSION:
            raise LibraryError(f"unsupported library file format {document.get('format')!r}")
        state = _state(document)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LibraryError(f"not a valid library file: {error}") from error
    return Library.from_state(state, clock)


def _state(document: dict[str, Any]) -> LibraryState:
    return LibraryState(
        books=tuple(Book(str(b["isbn"]), str(b["title"]), str(b["author"])) for b in document["books"]),
        copies=tuple((str(c["copy_id"]), str(c["isbn"])) for c in document["copies"]),
        members=tuple((str(m["kind"]), str(m["member_id"]), str(m["name"])) for m in document["members"]),
        loans=tuple(
            Loan(
                str(loan["copy_id"]),
                str(loan["isbn"]),
                str(loan["member_id"]),
                date.fromisoformat(loan["borrowed_on"]),
                date.fromisoformat(loan["due_on"]),
            )
            for loan in document["loans"]
        ),
        reservations=tuple((str(isbn), tuple(map(str, queue))) for isbn, queue in document["reservations"].items()),
        holds=tuple((str(copy_id), str(member)) for copy_id, member in document["holds"].items()),
        fines=tuple((str(member), int(cents)) for member, cents in document["fines"].items()),
    )


def save(library: Library, path: Path) -> None:
    """Write the library to `path` atomically and durably: a crash, even of the machine, leaves the old file
    or the new one, never a mix or an empty file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(to_json(library))
            file.flush()
            os.fsync(file.fileno())  # the data is on disk before the name points at it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # and so is the rename, which lives in the folder
    finally:
        os.close(folder)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the `with` block; another holder waits until it ends.

    The lock is `fcntl.flock` on `<path>.lock`, which the operating system drops when the process ends,
    however it ends: a killed run never locks the others out.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a", encoding="utf-8") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield


def load(path: Path, clock: Clock) -> Library:
    """Read a library saved with `save`; a missing file is an empty library."""
    if not path.exists():
        return Library(clock)
    return from_json(path.read_text(encoding="utf-8"), clock)
