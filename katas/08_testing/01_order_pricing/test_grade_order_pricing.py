"""The grader: it runs YOUR tests (test_order_pricing.py) against order_pricing.py and the planted bugs.

Mistakes this grader catches: a test whose expected value is wrong (it fails on the correct module), an empty or
too-small test file, no fixture / parametrize / pytest.raises / hypothesis property, and every planted bug that
your tests let through: one test per bug, named after it, so the report lists the bugs still to catch.
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
TESTS = "test_order_pricing.py"
VARIANTS = variants_in(planted(HERE), HERE / "order_pricing.py")
MIN_TESTS = 5

pytestmark = pytest.mark.timeout(60)  # grading runs your tests once per variant


@pytest.fixture
def report(kata_file: Callable[[str], Path]) -> Report:
    """Your tests run against the correct module and every variant (cached while the file is unchanged)."""
    return grade(kata_file(TESTS), HERE / "order_pricing.py", VARIANTS)


@pytest.fixture
def used(kata_file: Callable[[str], Path]) -> set[str]:
    """Every name your test file uses, with imports resolved (`given` -> `hypothesis.given`)."""
    return names_used(kata_file(TESTS).read_text(encoding="utf-8"))


@pytest.mark.task(taskno=1)
def test_your_tests_pass_on_the_correct_module(report: Report) -> None:
    assert report.correct.passed, failing_message(report.correct)


@pytest.mark.task(taskno=1)
def test_you_wrote_at_least_five_tests(report: Report) -> None:
    count = len(report.correct.test_functions)
    assert count >= MIN_TESTS, f"found {count} test functions; write at least {MIN_TESTS}, one rule each"


@pytest.mark.task(taskno=1)
def test_your_tests_use_a_fixture(used: set[str]) -> None:
    assert "pytest.fixture" in used, "give the shared sample order a @pytest.fixture and take it as an argument"


@pytest.mark.task(taskno=2)
def test_your_tests_use_parametrize(used: set[str]) -> None:
    assert "pytest.mark.parametrize" in used, "check boundaries with @pytest.mark.parametrize, one case per row"


@pytest.mark.task(taskno=3)
def test_your_tests_use_pytest_raises(used: set[str]) -> None:
    assert "pytest.raises" in used, "check the ValueErrors with `with pytest.raises(ValueError, match=...):`"


@pytest.mark.task(taskno=4)
def test_your_tests_have_a_hypothesis_property(used: set[str]) -> None:
    assert "hypothesis.given" in used, "write one property test with @given(...) from hypothesis"


@pytest.mark.parametrize(
    "variant", [pytest.param(v, id=v.name, marks=pytest.mark.task(taskno=v.task)) for v in VARIANTS]
)
def test_your_tests_catch_the_bug(variant: Variant, report: Report) -> None:
    assert report.caught(variant), escaped_message(variant, report)
