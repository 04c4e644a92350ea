"""`kata`: the command line. This module only parses arguments and hands over to one module per command."""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from kata import messages
from kata.state import AppState, KataError
from kata.workspace import find_root


def _version() -> str:
    try:
        return importlib.metadata.version("backend-katas")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kata", description="Learn backend Python by doing: run, watch and check katas.")
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", help="every kata by topic: done, failing or not started")
    check = commands.add_parser("check", help="run one kata's tests and summarise them")
    check.add_argument("kata", nargs="?", help="slug, folder or path (default: the current kata)")
    check.add_argument("--json", action="store_true", help="print the results file (exercism results.json v3)")
    check.add_argument("-v", "--verbose", action="store_true", help="show every failure in full, with its evidence")
    watch = commands.add_parser("watch", help="rerun the tests of the kata you save, instantly (the main loop)")
    watch.add_argument("kata", nargs="?", help="the kata to start on (default: where you left off)")
    watch.add_argument("--poll", action="store_true", help="poll for changes instead of using file events")
    hint = commands.add_parser("hint", help="reveal the next hint for the task whose test fails first")
    hint.add_argument("kata", nargs="?")
    commands.add_parser("next", help="the next unsolved kata (opens it in VS Code when run there)")
    reset = commands.add_parser("reset", help="restore a kata's starter files (your version is backed up first)")
    reset.add_argument("kata", nargs="?")
    reset.add_argument("--all", action="store_true", help="reset every kata and project (asks first)")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    reset.add_argument("--tests", action="store_true", help="bring back only the original tests (your code stays)")
    restore = commands.add_parser("restore", help="bring back your latest backed-up version of a kata")
    restore.add_argument("kata", nargs="?")
    diff = commands.add_parser("diff", help="compare your files with the reference solution")
    diff.add_argument("kata", nargs="?")
    diff.add_argument("--code", action="store_true", help="open VS Code's diff view instead")
    diff.add_argument("--yes", "-y", action="store_true", help="reveal even if the kata is not solved yet")
    return top


def _dispatch(args: argparse.Namespace) -> Callable[[AppState], int]:
    from kata import watch
    from kata.commands import check, diff, hints, listing, reset
    from kata.commands import next as next_kata

    commands: dict[str | None, Callable[[AppState], int]] = {
        "list": listing.main,
        "check": lambda state: check.main(state, args.kata, args.json, verbose=args.verbose),
        "watch": lambda state: watch.main(state, args.kata, poll=args.poll),
        "hint": lambda state: hints.main(state, args.kata),
        "next": next_kata.main,
        "reset": lambda state: reset.main_reset(state, args.kata, everything=args.all, yes=args.yes, tests=args.tests),
        "restore": lambda state: reset.main_restore(state, args.kata),
        "diff": lambda state: diff.main(state, args.kata, code=args.code, yes=args.yes),
        None: lambda state: watch.main(state, None, poll=False),
    }
    return commands[args.command]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    console = Console(highlight=False)
    try:
        root = find_root()
    except LookupError as error:
        console.print(Text(messages.NO_WORKSPACE.format(error=error), style="red"))
        return 2
    state = AppState.load(root, console)
    try:
        return _dispatch(args)(state)
    except KataError as error:
        console.print(Text(str(error), style="red"))
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
