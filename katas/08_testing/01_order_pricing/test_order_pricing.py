"""Your tests for order_pricing.py (the grader runs them: see README.md).

They must pass on the correct module and fail on each buggy version the grader plants.
"""

# TODO: import pytest and the functions from order_pricing, then write your tests (tasks 1-4).
