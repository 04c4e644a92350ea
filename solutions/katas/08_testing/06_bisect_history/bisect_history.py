"""Bisect a short history: the till's receipt module went wrong in one of 30 commits. Find the first bad one."""

from __future__ import annotations

import importlib.machinery
import sys
import types
from pathlib import Path

from bisect_history_given import build_history

GOOD, BAD, SKIP = 0, 1, 125
FIRST_BAD_COMMIT = "Tidy the receipt module (#123)"


def check(folder: Path) -> int:
    """The `git bisect run` verdict on the receipt.py in `folder`: GOOD, BAD, or SKIP when it cannot be imported."""
    loader = importlib.machinery.SourceFileLoader("receipt_under_test", str(folder / "receipt.py"))
    module = types.ModuleType(loader.name)
    try:
        loader.exec_module(module)
    except SyntaxError:
        return SKIP
    total = module.total_cents
    return GOOD if total([1250]) == 1488 and total([]) == 0 and total([100, 100]) == 238 else BAD


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["build", target]:
            build_history(Path(target))
        case ["check"]:
            sys.exit(check(Path.cwd()))
        case _:
            sys.exit("usage: python bisect_history.py build FOLDER | check")
