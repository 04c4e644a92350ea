"""Under --solutions the grader runs the reference tests from solutions/, so your test file is not collected then."""

from kata.grading.write_tests import ignore_mirrored_tests as pytest_ignore_collect

__all__ = ["pytest_ignore_collect"]
