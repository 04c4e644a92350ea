"""The grader: it runs YOUR unittest suite (test_unittest_suite.py) against unittest_suite.py and the planted bugs.

Mistakes this grader catches: a suite written with pytest instead of unittest, a suite that does not run under
`python -m unittest`, no setUp (or nothing that cleans up after it), assertRaises not used as a context manager,
no subTest table, no unittest.mock.patch (or a patch on the module the name came from, not where it is looked
up), too few tests, and every planted bug your tests let through: one test per bug, named after it.
"""

import ast
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kata.grading.write_tests import (
    Report,
    Variant,
    escaped_message,
    failing_message,
    grade,
    names_used,
    planted,
    variants_in,
)

HERE = Path(__file__).parent
MODULE = HERE / "unittest_suite.py"
TESTS = "test_unittest_suite.py"
VARIANTS = variants_in(planted(HERE), MODULE)
MIN_TESTS = 8
WRONG_PLACES = ("time.time", "urllib.request.urlopen")  # where the names come from, not where they are looked up

pytestmark = pytest.mark.timeout(60)  # grading runs your tests once per variant


@pytest.fixture
def report(kata_file: Callable[[str], Path]) -> Report:
    """Your tests run against the correct module and every variant (cached while the file is unchanged)."""
    return grade(kata_file(TESTS), MODULE, VARIANTS)


@pytest.fixture
def source(kata_file: Callable[[str], Path]) -> str:
    """The text of your test file."""
    return kata_file(TESTS).read_text(encoding="utf-8")


@pytest.fixture
def used(source: str) -> set[str]:
    """Every name your test file uses, with imports resolved (`TestCase` -> `unittest.TestCase`)."""
    return names_used(source)


def methods_defined(source: str) -> set[str]:
    """The names of the methods defined in the classes of `source`."""
    return {
        item.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef)
        for item in node.body
        if isinstance(item, ast.FunctionDef)
    }


def with_calls(source: str) -> set[str]:
    """The `self.<method>` calls that open a `with` block in `source`: {'assertRaises', 'subTest', ...}."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
                    found.add(call.func.attr)
    return found


@functools.cache
def run_unittest(digest: str, test_file: Path) -> subprocess.CompletedProcess[str]:
    """`python -m unittest -v test_unittest_suite` in a folder holding only your tests and the correct module."""
    del digest  # part of the cache key: a changed file runs again
    with tempfile.TemporaryDirectory(prefix="kata-unittest-") as folder:
        shutil.copyfile(MODULE, Path(folder) / MODULE.name)
        shutil.copyfile(test_file, Path(folder) / TESTS)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": folder}
        command = [sys.executable, "-m", "unittest", "-v", Path(TESTS).stem]
        try:
            return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=50, check=False)
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(command, -1, "", "still running after 50 s: is a test waiting forever?")


@pytest.fixture
def unittest_run(kata_file: Callable[[str], Path]) -> subprocess.CompletedProcess[str]:
    """Your suite, run the way the README says: `python -m unittest -v test_unittest_suite`."""
    test_file = kata_file(TESTS)
    return run_unittest(hashlib.sha256(test_file.read_bytes()).hexdigest(), test_file)


@pytest.mark.task(taskno=1)
def test_your_suite_is_unittest_not_pytest(used: set[str]) -> None:
    assert "unittest.TestCase" in used, "write your tests as methods of a class that inherits unittest.TestCase"
    pytest_names = sorted(name for name in used if name == "pytest" or name.startswith("pytest."))
    assert not pytest_names, f"this kata is about unittest alone: no pytest in your file, found {pytest_names}"


@pytest.mark.task(taskno=1)
def test_your_suite_sets_up_and_cleans_up(source: str, used: set[str]) -> None:
    methods = methods_defined(source)
    assert "setUp" in methods, "give your TestCase a setUp method that makes each test's temporary folder"
    cleans = "tearDown" in methods or {"self.addCleanup", "self.enterContext"} & used
    assert cleans, "remove what setUp made: a tearDown method, or self.addCleanup(...) in setUp"


@pytest.mark.task(taskno=1)
def test_your_suite_runs_under_python_m_unittest(unittest_run: subprocess.CompletedProcess[str]) -> None:
    tail = "\n".join(unittest_run.stderr.strip().splitlines()[-25:])
    assert unittest_run.returncode == 0, (
        f"`python -m unittest -v test_unittest_suite` failed on the CORRECT module (exit {unittest_run.returncode}):\n"
        f"{tail}"
    )
    ran = re.search(r"^Ran (\d+) tests?", unittest_run.stderr, re.MULTILINE)
    count = int(ran.group(1)) if ran else 0
    assert count >= MIN_TESTS, f"`python -m unittest` ran {count} tests; write at least {MIN_TESTS}, one rule each"


@pytest.mark.task(taskno=2)
def test_your_suite_checks_errors_with_assert_raises_in_a_with_block(source: str) -> None:
    assert {"assertRaises", "assertRaisesRegex"} & with_calls(source), (
        "check each refusal inside `with self.assertRaises(ValueError) as caught:` (then str(caught.exception)), "
        "or `with self.assertRaisesRegex(ValueError, '...'):`"
    )


@pytest.mark.task(taskno=3)
def test_your_suite_runs_a_table_with_sub_test(source: str) -> None:
    assert "subTest" in with_calls(source), "loop over a table of cases, each inside `with self.subTest(...):`"


@pytest.mark.task(taskno=4)
def test_your_suite_patches_where_the_name_is_looked_up(source: str, used: set[str]) -> None:
    assert "unittest.mock.patch" in used, (
        "replace the clock and the collaborators with unittest.mock.patch (a decorator or a `with` block)"
    )
    strings = {node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)}
    wrong = sorted(set(WRONG_PLACES) & strings)
    assert not wrong, (
        f"you patch {wrong}: unittest_suite did `from ... import ...`, so it looks the name up in its own "
        "namespace; patch 'unittest_suite.time' / 'unittest_suite.urlopen' instead"
    )


@pytest.mark.task(taskno=1)
def test_your_tests_pass_on_the_correct_module(report: Report) -> None:
    assert report.correct.passed, failing_message(report.correct)


@pytest.mark.parametrize(
    "variant", [pytest.param(v, id=v.name, marks=pytest.mark.task(taskno=v.task)) for v in VARIANTS]
)
def test_your_tests_catch_the_bug(variant: Variant, report: Report) -> None:
    assert report.caught(variant), escaped_message(variant, report)
