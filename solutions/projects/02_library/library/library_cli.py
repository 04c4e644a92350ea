"""The command line: `python -m library [--db FILE] [--today DATE] COMMAND ...`.

Each run loads the JSON file, runs one command through the Library's methods,
and saves the file again if the command changed anything; such a command holds the
file's lock from load to save, so that two runs at once cannot lose an update.
Exit codes: 0 done, 1 refused by a library rule (the message says why), 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from library.library_clock import Clock, FixedClock, SystemClock
from library.library_errors import LibraryError
from library.library_members import MEMBER_KINDS, make_member
from library.library_service import Library, format_cents
from library.library_storage import load, locked, save

EXIT_OK, EXIT_REFUSED = 0, 1
DB_ENV = "LIBRARY_DB"

Handler = Callable[[Library, argparse.Namespace], str]


def cents(text: str) -> int:
    """An amount of money such as `2.50` as whole cents (250)."""
    try:
        amount = Decimal(text)
        exact = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        exact = False
    if not exact:
        raise argparse.ArgumentTypeError(f"not an amount of money with at most two decimals: {text!r}")
    return int(amount * 100)


def _add_book(library: Library, args: argparse.Namespace) -> str:
    book = library.add_book(args.isbn, args.title, args.author)
    return f"added {book.title} by {book.author} (ISBN {book.isbn})"


def _add_copy(library: Library, args: argparse.Namespace) -> str:
    return "\n".join(library.add_copy(args.isbn) for _ in range(args.count))


def _add_member(library: Library, args: argparse.Namespace) -> str:
    member = make_member(args.kind, args.member_id, args.name)
    library.add_member(member)
    return f"registered {member.name} as a {member.kind} member ({member.member_id})"


def _borrow(library: Library, args: argparse.Namespace) -> str:
    loan = library.borrow(args.member_id, args.isbn)
    return f"lent {loan.copy_id} to {args.member_id}, due {loan.due_on.isoformat()}"


def _return(library: Library, args: argparse.Namespace) -> str:
    receipt = library.return_copy(args.copy_id)
    lines = [f"returned {args.copy_id}"]
    if receipt.fine:
        lines.append(f"fine charged to {receipt.loan.member_id}: {format_cents(receipt.fine)}")
    if receipt.held_for:
        lines.append(f"held for {receipt.held_for}, who reserved it")
    return "\n".join(lines)


def _reserve(library: Library, args: argparse.Namespace) -> str:
    place = library.reserve(args.member_id, args.isbn)
    return f"{args.member_id} is number {place} in the queue for {args.isbn}"


def _pay(library: Library, args: argparse.Namespace) -> str:
    left = library.pay_fine(args.member_id, args.amount)
    return f"paid {format_cents(args.amount)}; {args.member_id} owes {format_cents(left)}"


def _books(library: Library, args: argparse.Namespace) -> str:
    return "\n".join(
        f"{b.isbn}  {b.title} by {b.author}  "
        f"{len(library.available_copies(b.isbn))} of {len(library.copies_of(b.isbn))} available"
        for b in library.books()
    )


def _member(library: Library, args: argparse.Namespace) -> str:
    member = library.member(args.member_id)
    lines = [f"{member.name} ({member.kind}), owes {format_cents(library.fines_owed(member.member_id))}"]
    lines += [f"  {loan.copy_id} due {loan.due_on.isoformat()}" for loan in library.loans_of(member.member_id)]
    return "\n".join(lines)


def _overdue(library: Library, args: argparse.Namespace) -> str:
    return "\n".join(
        f"{loan.copy_id}  {loan.member_id}  due {loan.due_on.isoformat()}" for loan in library.overdue_loans()
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m library", description="A small library management system.")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get(DB_ENV, "library.json")), help="the data file")
    parser.add_argument("--today", type=date.fromisoformat, help="pretend today is this date (YYYY-MM-DD)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, *, changes: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler, changes=changes)
        return sub

    sub = command("add-book", _add_book, "add a title to the catalogue")
    sub.add_argument("isbn")
    sub.add_argument("title")
    sub.add_argument("author")
    sub = command("add-copy", _add_copy, "add copies of a catalogued book")
    sub.add_argument("isbn")
    sub.add_argument("--count", type=int, default=1)
    sub = command("add-member", _add_member, "register a member")
    sub.add_argument("member_id")
    sub.add_argument("name")
    sub.add_argument("--kind", choices=sorted(MEMBER_KINDS), default="standard")
    sub = command("borrow", _borrow, "lend a member a copy of a book")
    sub.add_argument("member_id")
    sub.add_argument("isbn")
    sub = command("return", _return, "take a copy back")
    sub.add_argument("copy_id")
    sub = command("reserve", _reserve, "queue a member for a book whose copies are all out")
    sub.add_argument("member_id")
    sub.add_argument("isbn")
    sub = command("pay", _pay, "pay towards a member's fines")
    sub.add_argument("member_id")
    sub.add_argument("amount", type=cents)
    command("books", _books, "list the catalogue", changes=False)
    sub = command("member", _member, "show a member's loans and fines", changes=False)
    sub.add_argument("member_id")
    command("overdue", _overdue, "list overdue loans", changes=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    clock: Clock = FixedClock(args.today) if args.today else SystemClock()
    try:
        with locked(args.db) if args.changes else contextlib.nullcontext():
            library = load(args.db, clock)
            output = args.handler(library, args)
            if args.changes:
                save(library, args.db)
    except LibraryError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_REFUSED
    if output:
        print(output)
    return EXIT_OK
