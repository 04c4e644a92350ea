"""Layer 4: the command line. One-shot mode for an argument, a REPL otherwise.

python -m calculator "2*(3+4)"      prints 14; exit code 2 if the input is wrong
python -m calculator                a REPL: one line at a time, errors do not end it
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from calculator.calc_errors import CalcError
from calculator.calc_evaluator import Calculator, format_number

EXIT_OK = 0
EXIT_CALC_ERROR = 2
USAGE = """\
usage: python -m calculator [EXPRESSION ...]

With an expression, print its exact value and exit (exit code 2 if it is wrong).
Without one, start a REPL. REPL commands: :history, :vars, :help, :quit.
Quote the expression so the shell leaves it alone: python -m calculator "2*(3+4)"
"""
PROMPT = "> "
HISTORY_ENV = "CALCULATOR_HISTORY"


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if args and args[0] in ("-h", "--help"):
        out.write(USAGE)
        return EXIT_OK
    if args and args[0] == "--":
        args = args[1:]
    if args:
        return run_once(" ".join(args), out, err)
    if isinstance(sys.stdin, io.TextIOWrapper):  # bytes that are not text become '\ufffd', not a traceback
        sys.stdin.reconfigure(errors="replace")
    interactive = sys.stdin.isatty()
    lines = _interactive_lines() if interactive else (line.rstrip("\n") for line in sys.stdin)
    return Repl(out, err).run(lines)


def run_once(source: str, out: TextIO, err: TextIO) -> int:
    """One-shot mode: print the value of `source`, or the error and exit code 2."""
    try:
        value = Calculator().execute(source)
        text = "" if value is None else format_number(value) + "\n"
    except CalcError as error:
        err.write(error.show(source) + "\n")
        return EXIT_CALC_ERROR
    out.write(text)
    return EXIT_OK


class Repl:
    """Reads lines, prints values to `out` and errors to `err`, and keeps going after an error."""

    def __init__(self, out: TextIO, err: TextIO, calculator: Calculator | None = None) -> None:
        self.out, self.err = out, err
        self.calculator = calculator or Calculator()
        self.history: list[str] = []

    def run(self, lines: Iterable[str]) -> int:
        """Handle each line until the input ends or `:quit`; the exit code is always 0."""
        for line in lines:
            if not self.handle(line):
                break
        return EXIT_OK

    def handle(self, line: str) -> bool:
        """Handle one line; False means stop."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return self._command(line)
        self.history.append(line)
        try:
            value = self.calculator.execute(line)
            if value is not None:
                self.out.write(format_number(value) + "\n")
        except CalcError as error:
            self.err.write(error.show(line) + "\n")
        return True

    def _command(self, line: str) -> bool:
        if line in (":quit", ":q", ":exit"):
            return False
        if line == ":history":
            for number, entry in enumerate(self.history, start=1):
                self.out.write(f"{number:>4}  {entry}\n")
        elif line == ":vars":
            for name, value in sorted(self.calculator.variables.items()):
                try:
                    self.out.write(f"{name} = {format_number(value)}\n")
                except CalcError as error:
                    self.err.write(f"error: {name}: {error.message}\n")
        elif line == ":help":
            self.out.write(USAGE)
        else:
            self.err.write(f"error: unknown command {line!r}; try :help\n")
        return True


def _interactive_lines() -> Iterator[str]:
    """Lines typed at a terminal, with readline editing and a history file where readline exists."""
    history_file = Path(os.environ.get(HISTORY_ENV, Path.home() / ".calculator_history"))
    try:
        import readline
    except ImportError:  # e.g. Windows: plain input() still works, just without history
        yield from _prompted_lines()
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(history_file)
    readline.set_history_length(1000)
    try:
        yield from _prompted_lines()
    finally:
        with contextlib.suppress(OSError):
            readline.write_history_file(history_file)


def _prompted_lines() -> Iterator[str]:
    while True:
        try:
            yield input(PROMPT)
        except EOFError:
            print()
            return
        except KeyboardInterrupt:  # Ctrl-C abandons the line, not the session
            print()
