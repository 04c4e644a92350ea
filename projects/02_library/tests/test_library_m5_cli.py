"""Milestone 5: the command line.

Mistakes these tests catch: changes not saved between runs (or saved by
read-only commands), a refusal shown as a traceback or on stdout, exit code
0 for a refused request, `--today` ignored (fines computed from the real
date), money printed as cents or floats, `python -m library` not wired up.
"""

import os
import subprocess
import sys

import pytest
from library.library_cli import main


@pytest.fixture
def run(tmp_path, capsys):
    """Run `main` with `--db` in a temporary folder (and `--today` if given); return (code, stdout, stderr)."""
    db = tmp_path / "library.json"

    def run_cli(*args: str, today: str = "2026-01-05") -> tuple[int, str, str]:
        code = main(["--db", str(db), "--today", today, *args])
        out, err = capsys.readouterr()
        return code, out, err

    run_cli.db = db  # type: ignore[attr-defined]
    return run_cli


def setup_shelf(run) -> None:
    assert run("add-book", "dune", "Dune", "Frank Herbert")[0] == 0
    assert run("add-copy", "dune", "--count", "2")[1].split() == ["dune-c1", "dune-c2"], "prints each new copy id"
    assert run("add-member", "ann", "Ann")[0] == 0
    assert run("add-member", "sam", "Sam", "--kind", "student")[0] == 0


@pytest.mark.task(taskno=5)
def test_commands_share_the_saved_library(run) -> None:
    setup_shelf(run)
    code, out, err = run("borrow", "sam", "dune")
    assert (code, err) == (0, ""), f"borrow should succeed: {err}"
    assert "dune-c1" in out, "borrow names the copy lent"
    assert "2026-01-19" in out, "and its due date (a student's 14 days from --today)"
    code, out, _ = run("books")
    assert "1 of 2 available" in out, f"the loan was saved by the previous run: {out!r}"


@pytest.mark.task(taskno=5)
def test_refusals_go_to_stderr_with_exit_code_1(run) -> None:
    setup_shelf(run)
    code, out, err = run("borrow", "nobody", "dune")
    assert code == 1, "a request the library refuses exits with code 1"
    assert out == ""
    assert err.startswith("error: "), f"one line starting 'error: ', not a traceback: {err!r}"
    assert "nobody" in err


@pytest.mark.task(taskno=5)
def test_today_decides_the_fine(run) -> None:
    setup_shelf(run)
    run("borrow", "ann", "dune")
    code, out, _ = run("return", "dune-c1", today="2026-02-05")
    assert code == 0
    assert "2.50" in out, f"10 days late at 25 cents is 2.50 (money as units.cents): {out!r}"
    code, _, err = run("borrow", "ann", "dune")
    assert code == 1
    assert "2.50" in err, "refused: the member owes 2.50"
    assert run("pay", "ann", "2.50")[0] == 0
    assert run("borrow", "ann", "dune")[0] == 0


@pytest.mark.task(taskno=5)
def test_reserve_and_the_hold_on_return(run) -> None:
    setup_shelf(run)
    run("borrow", "ann", "dune")
    run("borrow", "ann", "dune")
    code, out, _ = run("reserve", "sam", "dune")
    assert (code, "number 1" in out) == (0, True), f"reserve prints the place in the queue: {out!r}"
    code, out, _ = run("return", "dune-c2")
    assert "sam" in out, "the return says who the copy is now held for"


@pytest.mark.task(taskno=5)
def test_bad_usage_exits_with_code_2(run) -> None:
    with pytest.raises(SystemExit) as exited:
        run("pay", "ann", "lots")
    assert exited.value.code == 2, "argparse rejects an amount that is not money with exit code 2"


@pytest.mark.task(taskno=5)
def test_add_copy_adds_one_copy_by_default(run) -> None:
    assert run("add-book", "dune", "Dune", "Frank Herbert")[0] == 0
    assert run("add-copy", "dune")[1].split() == ["dune-c1"], "without --count, add-copy adds exactly one copy"


@pytest.mark.task(taskno=5)
def test_an_unknown_member_kind_is_bad_usage(run) -> None:
    with pytest.raises(SystemExit) as exited:
        run("add-member", "zed", "Zed", "--kind", "wizard")
    assert exited.value.code == 2, "--kind takes standard, student or staff (argparse choices): exit code 2"


@pytest.mark.task(taskno=5)
def test_member_and_overdue_report_loans_without_saving(run) -> None:
    setup_shelf(run)
    run("borrow", "ann", "dune")
    saved = run.db.stat().st_mtime_ns
    code, out, err = run("member", "ann", today="2026-02-05")
    assert (code, err) == (0, ""), f"member should succeed: {err}"
    assert "Ann" in out, f"member names the member: {out!r}"
    assert "dune-c1" in out, f"member lists the copies the member has: {out!r}"
    code, out, err = run("overdue", today="2026-02-05")
    assert (code, err) == (0, ""), f"overdue should succeed: {err}"
    assert "dune-c1" in out, f"overdue lists the late copy: {out!r}"
    assert "ann" in out, f"and who has it: {out!r}"
    assert run.db.stat().st_mtime_ns == saved, "member and overdue only read: they must not save the library"


@pytest.mark.task(taskno=5)
def test_read_only_commands_do_not_create_the_file(run) -> None:
    code, out, _ = run("books")
    assert (code, out) == (0, ""), "an empty catalogue prints nothing"
    assert not run.db.exists(), "listing must not write the data file"


CHANGE_UNDER_THE_LOCK = """
import sys
from datetime import date
from pathlib import Path
from library import FixedClock
from library.library_storage import load, locked, save
path = Path(sys.argv[1])
with locked(path):
    library = load(path, FixedClock(date(2026, 1, 5)))
    print("loaded", flush=True)
    sys.stdin.readline()
    library.add_copy("dune")
    save(library, path)
"""


@pytest.mark.task(taskno=5)
def test_two_runs_at_once_do_not_lose_an_update(run, kata_file) -> None:
    setup_shelf(run)
    env = {**os.environ, "PYTHONPATH": os.fspath(kata_file(".")), "PYTHONDONTWRITEBYTECODE": "1"}
    first = [sys.executable, "-c", CHANGE_UNDER_THE_LOCK, str(run.db)]
    second = [sys.executable, "-m", "library", "--db", str(run.db), "add-copy", "dune"]
    with subprocess.Popen(first, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env) as slow:
        assert slow.stdout is not None
        assert slow.stdout.readline() == "loaded\n", "the first process holds the lock and has loaded the file"
        with subprocess.Popen(second, stdout=subprocess.PIPE, text=True, env=env) as cli:
            try:
                cli.communicate(timeout=2)
            except subprocess.TimeoutExpired:
                waited = True
            else:
                waited = False
            slow.communicate("go on\n", timeout=10)
            cli.communicate(timeout=10)
    assert waited, (
        "a command that changes the file takes locked(db) before it loads and keeps it until it has saved: "
        "here it ran while another process held the lock"
    )
    assert (slow.returncode, cli.returncode) == (0, 0)
    _, out, _ = run("books")
    assert "4 of 4 available" in out, f"both new copies of Dune are kept (two before, two now), none lost: {out}"


@pytest.mark.task(taskno=5)
def test_runs_as_a_module(kata_file, tmp_path) -> None:
    root = os.fspath(kata_file("."))
    env = {**os.environ, "PYTHONPATH": root, "LIBRARY_DB": str(tmp_path / "lib.json")}
    command = [sys.executable, "-m", "library"]
    added = subprocess.run(
        [*command, "add-book", "emma", "Emma", "Jane Austen"],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert added.returncode == 0, f"python -m library add-book failed: {added.stderr}"
    listed = subprocess.run(
        [*command, "books"], env=env, cwd=root, capture_output=True, text=True, timeout=20, check=False
    )
    assert "Emma" in listed.stdout, "the database path comes from $LIBRARY_DB when --db is not given"
