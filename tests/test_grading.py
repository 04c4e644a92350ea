"""Tests for kata.grading.write_tests, the grader of the write-tests katas.

Mistakes these tests catch: an empty or test-less file counted as passing, a variant counted as caught when the
tests also fail on the correct module, variant names or tasks parsed wrongly, imports not resolved by names_used.
"""

from pathlib import Path

import pytest

from kata.grading.write_tests import (
    Report,
    Run,
    escaped_message,
    failing_message,
    grade,
    names_used,
    planted,
    variants_in,
)

KATA = Path(__file__).resolve().parents[1] / "katas" / "08_testing" / "01_order_pricing"
MODULE = "order_pricing.py"


@pytest.fixture
def module_file(tmp_path: Path) -> Path:
    """A tiny correct module and one variant of it, in their kata layout."""
    (tmp_path / "tiny.py").write_text("def double(x: int) -> int:\n    return 2 * x\n", encoding="utf-8")
    (tmp_path / "variants.toml").write_text(
        "[adds]\ndescription = 'Bug: adds instead of multiplying (task 2).'\nold = 'return 2 * x'\nnew = 'return x + 2'\n",
        encoding="utf-8",
    )
    return tmp_path / "tiny.py"


def write_tests(folder: Path, body: str) -> Path:
    path = folder / "test_tiny.py"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.timeout(60)
def test_an_empty_test_file_fails_the_grader(module_file: Path) -> None:
    tests = write_tests(module_file.parent, '"""My tests."""\n# TODO\n')
    variants = variants_in(module_file.parent / "variants.toml", module_file)
    report = grade(tests, module_file, variants)
    assert not report.correct.passed
    assert not report.caught(variants[0])
    assert "no tests ran" in failing_message(report.correct)


@pytest.mark.timeout(60)
def test_good_tests_pass_and_catch_the_variant(module_file: Path) -> None:
    body = "from tiny import double\n\ndef test_double() -> None:\n    assert double(3) == 6\n"
    tests = write_tests(module_file.parent, body)
    variants = variants_in(module_file.parent / "variants.toml", module_file)
    report = grade(tests, module_file, variants)
    assert report.correct.passed, report.correct.output
    assert report.correct.test_functions == {"test_tiny.test_double"}
    assert report.caught(variants[0])


@pytest.mark.timeout(60)
def test_tests_that_fail_everywhere_catch_nothing(module_file: Path) -> None:
    tests = write_tests(module_file.parent, "def test_wrong() -> None:\n    assert False\n")
    variants = variants_in(module_file.parent / "variants.toml", module_file)
    report = grade(tests, module_file, variants)
    assert not report.correct.passed
    assert not report.caught(variants[0]), "failing on the correct module too is not catching a bug"
    assert "correct module" in escaped_message(variants[0], report)


def test_variants_are_named_after_their_bug_with_the_task_from_the_description(module_file: Path) -> None:
    (variant,) = variants_in(module_file.parent / "variants.toml", module_file)
    assert (variant.name, variant.task, variant.module) == ("adds", 2, "tiny.py")
    assert variant.source == "def double(x: int) -> int:\n    return x + 2\n"


def test_the_first_kata_ships_at_least_five_variants() -> None:
    assert len(variants_in(planted(KATA), KATA / MODULE)) >= 5


def test_planted_bugs_live_beside_the_solution_out_of_the_learners_folder() -> None:
    assert planted(KATA) == KATA.parents[2] / "solutions" / KATA.relative_to(KATA.parents[2]) / "variants.toml"
    assert not (KATA / "variants.toml").exists(), "the learner must not read the planted bugs before missing them"


@pytest.mark.timeout(60)
def test_a_bug_is_described_once_the_tests_miss_it(module_file: Path) -> None:
    (variant,) = variants_in(module_file.parent / "variants.toml", module_file)
    tests = write_tests(
        module_file.parent, "from tiny import double\n\ndef test_two() -> None:\n    assert double(2) == 4\n"
    )
    missed = grade(tests, module_file, [variant])
    assert missed.correct.passed
    assert not missed.caught(variant), "2 * 2 == 2 + 2: this test cannot tell them apart"
    assert escaped_message(variant, missed).endswith(variant.description), "the whole description, never cut"


def test_run_counts_as_caught_only_on_failing_tests() -> None:
    assert Run(1, frozenset({"t.test_a"}), 1, "").caught
    assert not Run(5, frozenset(), 0, "").caught, "exit code 5 means no tests ran"
    assert not Run(2, frozenset(), 0, "").caught, "exit code 2 is an interrupted run (e.g. import error)"
    assert not Report(Run(0, frozenset(), 0, ""), {}).correct.passed, "no tests is not passing"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pytest\n@pytest.fixture\ndef f(): ...", "pytest.fixture"),
        ("from hypothesis import given as g\n@g()\ndef t(): ...", "hypothesis.given"),
        ("import unittest.mock as um\num.patch('x')", "unittest.mock.patch"),
        ("from unittest import TestCase\nclass T(TestCase): ...", "unittest.TestCase"),
        ("def t(self):\n    self.assertEqual(1, 1)", "self.assertEqual"),
    ],
)
def test_names_used_resolves_imports(source: str, expected: str) -> None:
    assert expected in names_used(source)
