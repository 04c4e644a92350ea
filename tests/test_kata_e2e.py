"""`kata` driven as a learner would, through a pseudo-terminal: watch, save, hint, compare, reset, restore."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest

from tests.test_kata_helpers import ADDER, ADDER_SOLUTION, ADDER_STARTER, ADDER_WRONG, make_workspace

KATA = str(Path(sys.executable).parent / "kata")
SLOW = 90  # seconds: generous, for a loaded 2-core machine


def spawn(root: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "200", "LINES": "60", "TERM": "xterm", "NO_COLOR": "1"}
    env.pop("TERM_PROGRAM", None)
    return pexpect.spawn(KATA, list(args), cwd=str(root), env=env, encoding="utf-8", timeout=SLOW, dimensions=(60, 200))


def save(path: Path, text: str) -> None:
    """Save the way editors do: write a temporary file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


@pytest.mark.timeout(240)
def test_a_learner_session(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws").resolve()
    mine = root / ADDER / "adder.py"

    watch = spawn(root, "watch", "adder")
    try:
        watch.expect_exact("kata: done adder (failed)")
        watch.expect_exact("quit")

        save(mine, ADDER_WRONG)
        watch.expect_exact(f"{ADDER}/test_adder.py:8: test_adds_small_numbers: add(1, 2) should be 3: use +")
        watch.expect_exact("assert -1 == 3")  # the evidence: what add(1, 2) returned
        watch.expect_exact("kata: done adder (failed)")
        watch.send("h")
        watch.expect_exact("Hint 1 of 2 for adder")

        save(mine, ADDER_SOLUTION)
        watch.expect_exact("kata: done adder (passed)")
        assert "🎉 adder passes! Next: press n for greeter" in watch.before

        watch.send("h")
        watch.expect_exact("Every test of adder passes: no hint needed.")
        watch.send("d")
        watch.expect_exact(f"{ADDER}/adder.py is identical to the reference solution.")
        watch.send("n")
        watch.expect_exact("kata: done greeter (failed)")
        watch.send("q")
        watch.expect_exact("Bye!")
        watch.expect(pexpect.EOF)
    finally:
        watch.close(force=True)
    assert watch.exitstatus == 0

    reset = spawn(root, "reset", "adder")
    reset.expect_exact("Restored the starter of adder")
    reset.expect(pexpect.EOF)
    assert mine.read_text() == ADDER_STARTER

    restore = spawn(root, "restore", "adder")
    restore.expect_exact("Brought back your version of adder")
    restore.expect(pexpect.EOF)
    assert mine.read_text() == ADDER_SOLUTION

    compare = spawn(root, "diff", "greeter")
    compare.expect_exact("Reveal the reference solution anyway? [y/N]")
    compare.sendline("y")
    compare.expect_exact('+    return f"Hello, {name}!"')
    compare.expect(pexpect.EOF)
