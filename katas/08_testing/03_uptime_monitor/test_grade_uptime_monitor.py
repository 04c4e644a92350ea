"""The grader: it runs YOUR tests (test_uptime_monitor.py) against uptime_monitor.py and the planted bugs.

Mistakes this grader catches: tests that need the real environment, network, clock or pager (they fail or hang
here), a mock patched in the wrong place, a plain Mock that accepts a call the real Pager would reject, too few
tests, and every planted bug your tests let through: one test per bug, named after it.
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
TESTS = "test_uptime_monitor.py"
VARIANTS = variants_in(planted(HERE), HERE / "uptime_monitor.py")
MIN_TESTS = 6

pytestmark = pytest.mark.timeout(60)  # grading runs your tests once per variant


@pytest.fixture
def report(kata_file: Callable[[str], Path]) -> Report:
    """Your tests run against the correct module and every variant (cached while the file is unchanged)."""
    return grade(kata_file(TESTS), HERE / "uptime_monitor.py", VARIANTS)


@pytest.fixture
def source(kata_file: Callable[[str], Path]) -> str:
    """The text of your test file."""
    return kata_file(TESTS).read_text(encoding="utf-8")


@pytest.mark.task(taskno=1)
def test_your_tests_set_the_environment_with_monkeypatch(source: str) -> None:
    assert {"monkeypatch.setenv", "monkeypatch.delenv"} & names_used(source), (
        "set and remove UPTIME_TOKEN with the monkeypatch fixture: it undoes the change after each test"
    )


@pytest.mark.task(taskno=2)
def test_your_tests_fake_the_http_server(source: str) -> None:
    used = names_used(source)
    assert "httpx.MockTransport" in used or "respx" in used, (
        "give check_site an httpx.Client(transport=httpx.MockTransport(handler)), or route it with respx"
    )


@pytest.mark.task(taskno=3)
def test_your_tests_freeze_time_with_time_machine(source: str) -> None:
    assert "time_machine.travel" in names_used(source), "move the clock with time_machine.travel(datetime(...))"


@pytest.mark.task(taskno=4)
def test_your_tests_use_an_autospec_mock_and_patch(source: str) -> None:
    used = names_used(source)
    assert "unittest.mock.create_autospec" in used or "autospec=True" in source, (
        "build the Pager mock with create_autospec(Pager, instance=True) so a wrong call fails"
    )
    assert "unittest.mock.patch" in used or "monkeypatch.setattr" in used, "patch gethostname where it is looked up"


@pytest.mark.task(taskno=1)
def test_your_tests_pass_on_the_correct_module(report: Report) -> None:
    assert report.correct.passed, failing_message(report.correct)


@pytest.mark.task(taskno=1)
def test_you_wrote_at_least_six_tests(report: Report) -> None:
    count = len(report.correct.test_functions)
    assert count >= MIN_TESTS, f"found {count} test functions; write at least {MIN_TESTS}, one rule each"


@pytest.mark.parametrize(
    "variant", [pytest.param(v, id=v.name, marks=pytest.mark.task(taskno=v.task)) for v in VARIANTS]
)
def test_your_tests_catch_the_bug(variant: Variant, report: Report) -> None:
    assert report.caught(variant), escaped_message(variant, report)
