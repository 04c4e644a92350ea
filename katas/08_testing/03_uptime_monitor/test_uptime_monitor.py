"""Your tests for uptime_monitor.py (the grader runs them: see README.md).

They must pass on the correct module and fail on each buggy version the grader plants. No real network, clock,
environment or pager: replace each with monkeypatch, httpx.MockTransport (or respx), time-machine and mocks.
"""

# TODO: write your tests (tasks 1-4).
