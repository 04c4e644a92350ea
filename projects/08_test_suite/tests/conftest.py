"""The grader's fixtures: your suite's report (run once per session, cached while no file changes) and the names
your suite uses. Nothing here imports libsys: the grader runs your suite in child processes, on copies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kata.grading.suite import SuiteReport, grade_suite, suite_variants
from kata.grading.write_tests import names_used, planted

PROJECT = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT / "libsys"
VARIANTS = suite_variants(planted(PROJECT), PACKAGE)  # beside the solution, out of sight


@pytest.fixture
def suite(kata_file: Callable[[str], Path]) -> Path:
    """Your suite's folder, learner_tests/ (the reference one under --solutions)."""
    return kata_file("learner_tests")


@pytest.fixture
def report(suite: Path) -> SuiteReport:
    """Your suite run on libsys (with branch coverage) and on every planted bug."""
    return grade_suite(suite, PACKAGE, VARIANTS)


@pytest.fixture
def used(suite: Path) -> set[str]:
    """Every dotted name your suite's files use, imports resolved (`given` -> `hypothesis.given`)."""
    names: set[str] = set()
    for path in suite.rglob("*.py"):
        names |= names_used(path.read_text(encoding="utf-8"))
    return names
