"""Bug: the JSON document forgets the fines (a field dropped on the way out).

The rule not tested: from_json(to_json(library)) has the same state, fines included. (milestone 4)
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from libsys.libsys_clock import Clock
from libsys.libsys_errors import LibraryError
from libsys.libsys_notify import Notifier
from libsys.libsys_records import Book, LibraryState, Loan
from libsys.libsys_service import Library

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
        "fines": {},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str, clock: Clock, notifier: Notifier | None = None) -> Library:
    """Rebuild a library from `to_json`'s output. LibraryError if the document is malformed or inconsistent."""
    try:
        document = json.loads(text)
        if document.get("format") != FORMAT_VERSION:
            raise LibraryError(f"unsupported library file format {document.get('format')!r}")
        state = _state(document)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LibraryError(f"not a valid library file: {error}") from error
    return Library.from_state(state, clock, notifier)


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
    """Write the library to `path` atomically: a crash mid-write leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(to_json(library))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path, clock: Clock, notifier: Notifier | None = None) -> Library:
    """Read a library saved with `save`; a missing file is an empty library."""
    if not path.exists():
        return Library(clock, notifier)
    return from_json(path.read_text(encoding="utf-8"), clock, notifier)
