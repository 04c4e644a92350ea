"""Milestone 4: the command line, run as a real process.

Mistakes these tests catch: errors printed to stdout instead of stderr, a
traceback instead of a message, exit code 1 (or 0) for a bad expression
instead of 2, the REPL ending at the first error, prompts cluttering piped
output, an assignment echoed as a value, `:history` missing lines,
Fraction reprs in the output.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from calculator.calc_cli import Repl, main
from hypothesis import example, given
from hypothesis import strategies as st

HOSTILE = {
    "200-parentheses": "(" * 200 + "1" + ")" * 200,
    "2**20000": "2**20000",
    "5000-digit-literal": "9" * 5000,
    "huge-exponent": "2 ** 99999999999999999999",
    "tower": "9**9**9**9",
    "1/2**499999": "1/2**499999",
    "5000-signs": "-" * 5000 + "1",
    "long-sum": "+".join("1" * 3000),
    "nul": "1 + \x00",
}


@pytest.mark.task(taskno=4)
def test_one_shot_prints_the_exact_value(run_cli) -> None:
    result = run_cli("2*(3+4)")
    assert (result.returncode, result.stdout, result.stderr) == (0, "14\n", ""), (
        f"`python -m calculator '2*(3+4)'` should print 14 and exit 0; got {result}"
    )


@pytest.mark.task(taskno=4)
def test_one_shot_joins_its_arguments(run_cli) -> None:
    result = run_cli("1", "/", "3")
    assert result.stdout == "1/3\n", "several arguments are one expression; 1/3 stays exact"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("source", "words", "column"),
    [("1 + 4/0", "division by zero", 6), ("2 * y", "unknown name 'y'", 5), ("(1 + 2", "')'", 7), ("3 $ 4", "'$'", 3)],
)
def test_one_shot_errors_go_to_stderr_with_exit_code_2(run_cli, source: str, words: str, column: int) -> None:
    result = run_cli(source)
    assert result.returncode == 2, f"a wrong expression exits with code 2, got {result.returncode}: {result.stderr}"
    assert result.stdout == "", "nothing on stdout when the expression fails"
    assert "Traceback" not in result.stderr, "show the user a message, not a traceback"
    assert words in result.stderr, f"stderr should say what went wrong ({words}): {result.stderr!r}"
    assert f"column {column}" in result.stderr, f"stderr should name the column: {result.stderr!r}"
    caret_line = result.stderr.splitlines()[-1]
    assert caret_line.index("^") - result.stderr.splitlines()[-2].index(source) == column - 1, (
        "the caret should sit under the column, on the line after the echoed input"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_one_shot_never_prints_a_traceback(run_cli, source: str) -> None:
    result = run_cli(source.replace("\x00", "\x01"))  # a process argument cannot hold NUL
    assert (result.returncode, result.stdout) == (2, ""), f"a clear error and exit code 2, got {result}"
    assert "Traceback" not in result.stderr, f"every input gets a message, never a traceback: {result.stderr[-300:]}"
    assert result.stderr.startswith("error: "), f"the message says what is wrong: {result.stderr[:300]}"


@pytest.mark.task(taskno=4)
@given(st.text())
@example("2**20000")
@example("(" * 200 + "1" + ")" * 200)
@example("9" * 5000)
@example("2 ** 99999999999999999999")
@example("9**9**9**9")
@example("1/2**499999")
@example("-" * 5000 + "1")
@example("+".join("1" * 3000))
@example("\x00")
@example("\ud800")
@example("٣ + ²")
@example("1\n+\n2")
def test_no_input_gives_a_traceback(source: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--", source], out, err)
    assert code in (0, 2), f"{source[:80]!r}: exit code 0 or 2, not an exception"
    assert code == 0 or err.getvalue().startswith("error: "), f"{source[:80]!r}: an error message on stderr"
    repl = Repl(io.StringIO(), io.StringIO())
    assert repl.run([source, ":vars", ":history"]) == 0, "the REPL handles every line and keeps going"


@pytest.mark.task(taskno=4)
def test_repl_vars_reports_a_value_too_long_to_print() -> None:
    out, err = io.StringIO(), io.StringIO()
    Repl(out, err).run(["big = 2**20000", "small = 1", ":vars", "big // 2**19990"])
    assert out.getvalue() == "small = 1\n1024\n", "the exact value is kept; only printing it is refused"
    assert "result too long to print (more than 4300 digits)" in err.getvalue(), ":vars says why big is missing"


@pytest.mark.task(taskno=4)
def test_repl_reads_bytes_that_are_not_text(kata_file) -> None:
    root = os.fspath(kata_file("."))
    env = {**os.environ, "PYTHONPATH": root, "PYTHONIOENCODING": "utf-8:strict", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "calculator"], input=b"\xff\n1+1\n", capture_output=True, cwd=root, env=env, check=False
    )
    assert (result.returncode, result.stdout) == (0, b"2\n"), (
        f"a line that is not UTF-8 is an error, not the end: {result}"
    )
    assert b"Traceback" not in result.stderr, result.stderr[-300:]
    assert b"unexpected character" in result.stderr, "the bytes that are not text are an unexpected character"


@pytest.mark.task(taskno=4)
def test_repl_keeps_going_after_errors(run_cli) -> None:
    result = run_cli(stdin="x = 3\nx * 2\n1/(x-3)\nnope\nx + 1\n")
    assert result.returncode == 0, "the REPL ends normally at the end of input"
    assert result.stdout == "6\n4\n", "values only: no prompt when input is piped, nothing for an assignment"
    assert result.stderr.count("error:") == 2, f"one message per failed line: {result.stderr!r}"
    assert "division by zero" in result.stderr
    assert "unknown name 'nope'" in result.stderr


@pytest.mark.task(taskno=4)
def test_repl_quits_on_command(run_cli) -> None:
    result = run_cli(stdin="1+1\n:quit\n2+2\n")
    assert result.stdout == "2\n", "nothing after :quit runs"


@pytest.mark.task(taskno=4)
def test_repl_lists_history_and_variables() -> None:
    out, err = io.StringIO(), io.StringIO()
    repl = Repl(out, err)
    assert repl.run(["a = 1/2", "", "a + 1", "oops(", ":history", ":vars"]) == 0
    assert repl.history == ["a = 1/2", "a + 1", "oops("], "history keeps every non-empty line, even failed ones"
    assert out.getvalue().splitlines() == ["1.5", "   1  a = 1/2", "   2  a + 1", "   3  oops(", "a = 0.5"]


@pytest.mark.task(taskno=4)
def test_main_returns_exit_codes_in_process() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["2**10"], out, err) == 0
    assert out.getvalue() == "1024\n"
    assert main(["1/0"], out, err) == 2
    assert main(["--help"], out, err) == 0, "--help prints the usage and exits 0"
    assert "usage" in out.getvalue()


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("1 + 4/0", "error: division by zero (column 6)\n  1 + 4/0\n       ^\n"),
        ("(2", "error: expected ')' to close the '(' at column 1, found end of input (column 3)\n  (2\n    ^\n"),
        ("$", "error: unexpected character '$' (column 1)\n  $\n  ^\n"),
    ],
    ids=["division-by-zero", "unclosed-paren", "first-column"],
)
def test_an_error_shows_the_input_with_a_caret_under_the_column(source: str, shown: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main([source], out, err) == 2
    assert err.getvalue() == shown, (
        "stderr gets error.show(source) and a newline: the message with its column, the input indented by two "
        "spaces, and under it a caret indented to the column"
    )
