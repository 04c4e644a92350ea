"""Milestone 1: your suite passes on the correct libsys, covers at least 85% of its branches, and uses the tools.

Mistakes this grader catches: a test whose expected value is wrong (it fails on correct code), an empty or tiny
suite, whole modules never exercised (storage, the webhook notifier, the system clock), and a suite that never
uses a fixture, parametrize, pytest.raises, a mock, time travel or a hypothesis property.
"""

import pytest

from kata.grading.suite import SuiteReport
from kata.grading.write_tests import failing_message

MIN_TESTS = 15
MIN_COVERAGE = 85.0

pytestmark = [pytest.mark.timeout(300), pytest.mark.task(taskno=1)]  # grading runs your suite 18 times


def test_your_suite_passes_on_the_correct_libsys(report: SuiteReport) -> None:
    assert report.correct.passed, failing_message(report.correct)


def test_your_suite_has_at_least_fifteen_tests(report: SuiteReport) -> None:
    count = len(report.correct.test_functions)
    assert count >= MIN_TESTS, f"found {count} test functions; write at least {MIN_TESTS}, one rule each"


def test_your_suite_covers_85_percent_of_the_branches(report: SuiteReport) -> None:
    assert report.correct.passed, "coverage counts once your suite passes on the correct libsys"
    assert report.coverage >= MIN_COVERAGE, (
        f"branch coverage of libsys is {report.coverage:.1f}%, below {MIN_COVERAGE:.0f}%. "
        f"Lines and branches your suite never runs (partial branches as 'line->line'):\n{report.missing}"
    )


@pytest.mark.parametrize(
    ("names", "advice"),
    [
        (["pytest.fixture"], "build the library in a @pytest.fixture (a factory fixture for variations)"),
        (["pytest.mark.parametrize"], "check boundaries with @pytest.mark.parametrize, one row per case"),
        (["pytest.raises"], "check each refusal with `with pytest.raises(SomeLibraryError):`"),
        (["hypothesis.given"], "write a hypothesis property with @given (e.g. any history survives a JSON round trip)"),
        (
            ["unittest.mock.Mock", "unittest.mock.MagicMock", "unittest.mock.create_autospec", "unittest.mock.patch"],
            "replace the notifier with a mock (`create_autospec(Notifier, instance=True)`) and assert on its calls",
        ),
        (["time_machine.travel"], "test SystemClock by travelling in time: `with time_machine.travel(date(...)):`"),
    ],
    ids=["fixture", "parametrize", "raises", "hypothesis", "mock", "time-travel"],
)
def test_your_suite_uses_the_tool(used: set[str], names: list[str], advice: str) -> None:
    assert used & set(names), advice
