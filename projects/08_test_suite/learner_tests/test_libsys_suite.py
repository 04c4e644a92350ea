"""Your test suite for libsys (see ../README.md). The grader runs this folder against the correct libsys and
against buggy copies of it: every test must pass on the first, and some test must fail on each copy.

Run it on its own:   pytest projects/08_test_suite/learner_tests
Grade it:            pytest projects/08_test_suite   (or: kata check)

You may add more test_*.py files and a conftest.py here.
"""

# TODO: import pytest and what you test from libsys, then write your suite (milestones 1-4).
