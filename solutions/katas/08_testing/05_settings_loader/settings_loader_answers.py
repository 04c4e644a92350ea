"""Answers to tasks 1 and 2: what a loop over the fleet, and the traceback of server 8, showed."""

FIRST_FAILING_HOST = "web-008.internal"
FAILING_TEXT = "250m"
