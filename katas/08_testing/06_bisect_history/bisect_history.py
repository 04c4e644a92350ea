"""Bisect a short history: the till's receipt module went wrong in one of 30 commits. Find the first bad one."""

from __future__ import annotations

import sys
from pathlib import Path

from bisect_history_given import build_history

GOOD, BAD, SKIP = 0, 1, 125
FIRST_BAD_COMMIT = ""  # task 2: the subject line of the first bad commit, as `git log` shows it


def check(folder: Path) -> int:
    """The `git bisect run` verdict on the receipt.py in `folder`: GOOD, BAD, or SKIP when it cannot be imported."""
    raise NotImplementedError("task 1")


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["build", target]:
            build_history(Path(target))
        case ["check"]:
            sys.exit(check(Path.cwd()))
        case _:
            sys.exit("usage: python bisect_history.py build FOLDER | check")
