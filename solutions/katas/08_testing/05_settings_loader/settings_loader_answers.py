"""Answers to tasks 1 and 2: what a loop over the fleet, and the traceback of server 24, showed."""

FIRST_FAILING_HOST = "web-024.internal"
FAILING_TEXT = "500m"
