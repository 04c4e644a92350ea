"""Layer 4: the command line. One-shot mode for an argument, a REPL otherwise.

python -m calculator "2*(3+4)"      prints 14; exit code 2 if the input is wrong
python -m calculator                a REPL: one line at a time, errors do not end it
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from calculator.calc_evaluator import Calculator

EXIT_OK = 0
EXIT_CALC_ERROR = 2


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line (arguments default to sys.argv[1:]); returns the exit code."""
    raise NotImplementedError("main: write me (milestone 4)")


class Repl:
    """Reads lines, prints values to `out` and errors to `err`, and keeps going after an error."""

    def __init__(self, out: TextIO, err: TextIO, calculator: Calculator | None = None) -> None:
        self.out, self.err = out, err
        self.calculator = calculator or Calculator()
        self.history: list[str] = []

    def run(self, lines: Iterable[str]) -> int:
        """Handle each line until the input ends or `:quit`; the exit code is always 0."""
        raise NotImplementedError("Repl.run: write me (milestone 4)")

    def handle(self, line: str) -> bool:
        """Handle one line (an expression, an assignment or a `:command`); False means stop."""
        raise NotImplementedError("Repl.handle: write me (milestone 4)")
