"""Milestone 2: your suite catches the planted bugs of milestone 2 (due dates limits fines and errors).

One test per planted bug marked "(milestone 2)", named after it: a failure here names a bug your suite lets
through and the rule it does not test yet.
"""

from pathlib import Path

import pytest

from kata.grading.suite import SuiteReport, milestone_cases, survived_message
from kata.grading.write_tests import Variant

pytestmark = pytest.mark.timeout(300)  # grading runs your suite once per variant


@pytest.mark.parametrize("variant", milestone_cases(Path(__file__).resolve().parents[1], "libsys", 2))
def test_your_suite_catches_the_bug(variant: Variant, report: SuiteReport) -> None:
    assert report.caught(variant), survived_message(variant, report)
