"""Your tests for unittest_suite.py, with unittest alone (the grader runs them: see README.md).

Run them yourself from this folder: python -m unittest test_unittest_suite -v
They must pass on the correct module and fail on each buggy version the grader plants. No real clock or chat
server: patch them with unittest.mock.patch.
"""

# TODO: import unittest and the functions from unittest_suite, then write your TestCase classes (tasks 1-4).
