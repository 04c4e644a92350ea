"""Self-check of project 08_test_suite's grader (kata.grading.suite): the planted bugs are real, small and subtle.

The reference suite catching every variant is proven by test_exercises (solution mode runs the milestones).
Here: an empty suite catches none, a suite that only imports libsys and builds a library passes on every variant
(so no variant is caught by an import error or a crash on start-up), and each variant is a small change to one
module of the package.

Mistakes these tests catch: a variant that does not import (every suite would "catch" it), a variant counted as
caught when the suite fails on the correct package too, a variant that rewrites half a module, a variant whose
text to replace is missing or ambiguous, too few variants per milestone.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from kata.grading.suite import grade_suite, suite_variants
from kata.grading.write_tests import Variant, plant, planted
from tests.conftest import workspace_root

PROJECT = workspace_root() / "projects" / "08_test_suite"
PACKAGE = PROJECT / "libsys"
VARIANTS = suite_variants(planted(PROJECT), PACKAGE)
MAX_CHANGED_LINES = 12

SMOKE_SUITE = """\
from datetime import date

from libsys import FixedClock, Library, StandardMember


def test_a_library_can_be_built() -> None:
    library = Library(FixedClock(date(2026, 1, 5)))
    library.add_book("emma", "Emma", "Jane Austen")
    library.add_member(StandardMember("ann", "Ann"))
    assert library.add_copy("emma") == "emma-c1"
"""


@pytest.mark.timeout(300)
def test_the_empty_starter_suite_catches_no_variant() -> None:
    report = grade_suite(PROJECT / "learner_tests", PACKAGE, VARIANTS)
    assert not report.correct.passed, "the starter suite has no tests, so it cannot pass"
    assert report.coverage == 0.0
    assert not [v.name for v in VARIANTS if report.caught(v)]


@pytest.mark.timeout(300)
def test_a_suite_that_only_builds_a_library_lets_every_variant_through(tmp_path: Path) -> None:
    (tmp_path / "test_libsys_smoke.py").write_text(SMOKE_SUITE, encoding="utf-8")
    report = grade_suite(tmp_path, PACKAGE, VARIANTS)
    assert report.correct.passed, report.correct.output
    assert 0 < report.coverage < 85, "a one-test suite must not reach milestone 1's coverage"
    crashed = {name: run.output[-500:] for name, run in report.variants.items() if not run.passed}
    assert not crashed, f"variants that break even a smoke test (import errors, crashes):\n{crashed}"


def test_every_milestone_plants_at_least_five_bugs() -> None:
    per_milestone = {m: [v.name for v in VARIANTS if v.task == m] for m in (2, 3, 4)}
    assert all(len(names) >= 5 for names in per_milestone.values()), per_milestone
    assert len(VARIANTS) >= 15
    assert {v.task for v in VARIANTS} == {2, 3, 4}, "every variant's docstring says '(milestone N)', N in 2..4"


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_each_variant_is_a_small_change_to_one_module(variant: Variant) -> None:
    module = (PACKAGE / variant.module).read_text(encoding="utf-8").splitlines()
    diff = difflib.unified_diff(module, variant.source.splitlines(), n=0, lineterm="")
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert 0 < len(changed) <= MAX_CHANGED_LINES, f"{variant.name} changes {len(changed)} lines:\n" + "\n".join(changed)
    assert "The rule not tested:" in variant.description, "the description names the rule a suite must test"


@pytest.mark.parametrize("old", ["no such line\n", "\n"], ids=["missing", "ambiguous"])
def test_the_text_a_variant_replaces_must_occur_exactly_once(old: str) -> None:
    source = (PACKAGE / "libsys_service.py").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="must occur once"):
        plant(source, old, "", "variants.toml [broken]")
