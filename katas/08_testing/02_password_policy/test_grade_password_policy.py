"""The grader: it checks that test_password_policy.py is now pytest style and still catches every planted bug.

Mistakes this grader catches: a unittest.TestCase class left over, `self.assert...` calls or `unittest` imports
left in, `subTest` loops not turned into parametrize, setUp not turned into a fixture, assertRaises not turned
into pytest.raises, a test lost in the conversion (fewer test functions, or a planted bug no longer caught),
and a conversion that breaks on the correct module.
"""

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
TESTS = "test_password_policy.py"
VARIANTS = variants_in(planted(HERE), HERE / "password_policy.py")
MIN_TESTS = 8

pytestmark = pytest.mark.timeout(60)  # grading runs your tests once per variant


@pytest.fixture
def report(kata_file: Callable[[str], Path]) -> Report:
    """Your tests run against the correct module and every variant (cached while the file is unchanged)."""
    return grade(kata_file(TESTS), HERE / "password_policy.py", VARIANTS)


@pytest.fixture
def used(kata_file: Callable[[str], Path]) -> set[str]:
    """Every name your test file uses, with imports resolved (`TestCase` -> `unittest.TestCase`)."""
    return names_used(kata_file(TESTS).read_text(encoding="utf-8"))


@pytest.mark.task(taskno=1)
def test_no_unittest_left(used: set[str]) -> None:
    leftovers = sorted(name for name in used if name.startswith("unittest") or name.startswith("self.assert"))
    assert not leftovers, f"still unittest style: {leftovers}; use plain functions and plain `assert`"


@pytest.mark.task(taskno=1)
def test_set_up_became_a_fixture(used: set[str]) -> None:
    assert "pytest.fixture" in used, "turn setUp's sample password into a @pytest.fixture"
    assert "self.good" not in used, "tests get the sample from the fixture argument, not self.good"


@pytest.mark.task(taskno=2)
def test_sub_test_loops_became_parametrize(used: set[str]) -> None:
    assert "pytest.mark.parametrize" in used, (
        "turn each `for ...: with self.subTest(...)` loop into @pytest.mark.parametrize"
    )
    assert "self.subTest" not in used, "no subTest left: one parametrized case per row"


@pytest.mark.task(taskno=3)
def test_assert_raises_became_pytest_raises(used: set[str]) -> None:
    assert "pytest.raises" in used, "turn `with self.assertRaises(TypeError):` into `with pytest.raises(TypeError):`"


@pytest.mark.task(taskno=1)
def test_your_tests_pass_on_the_correct_module(report: Report) -> None:
    assert report.correct.passed, failing_message(report.correct)


@pytest.mark.task(taskno=1)
def test_no_test_was_lost(report: Report) -> None:
    count = len(report.correct.test_functions)
    assert count >= MIN_TESTS, f"the unittest file had {MIN_TESTS} test methods; yours has {count} test functions"


@pytest.mark.parametrize(
    "variant", [pytest.param(v, id=v.name, marks=pytest.mark.task(taskno=v.task)) for v in VARIANTS]
)
def test_your_tests_still_catch_the_bug(variant: Variant, report: Report) -> None:
    assert report.caught(variant), escaped_message(variant, report)
