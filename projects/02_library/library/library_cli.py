"""The command line: `python -m library [--db FILE] [--today DATE] COMMAND ...`.

Each run loads the JSON file, runs one command through the Library's methods,
and saves the file again if the command changed anything. Exit codes: 0 done,
1 refused by a library rule (the message says why), 2 bad usage.
The commands and what they print are in the README (milestone 5).
"""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK, EXIT_REFUSED = 0, 1
DB_ENV = "LIBRARY_DB"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (arguments default to sys.argv[1:]); returns the exit code."""
    raise NotImplementedError("main: write me (milestone 5)")
