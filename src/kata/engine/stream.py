"""The child's live report: each test's result sent to the parent the moment the test ends.

The results file (`--kata-results`) is written once, when the run is over; a learner
wants the first failure before that. So a forked child also gets one end of a socket
pair, and this plugin writes one JSON line per finished test on it: the record the
results file will hold, and where the failure happened. The parent reads the lines in
a thread (`read_reports`) and draws the first failure at once.

`FailedFirst` runs first the tests that failed last time, so the failure the learner is
working on shows up before the ones that passed; `QuickProperties` shortens hypothesis
properties while the kata still fails.
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Callable
from typing import Any

import pytest

from kata.engine.locate import Locator
from kata.engine.pytest_plugin import RESULTS_KEY


class Streamer:
    """Sends each test's record (and the place of its failure) as one JSON line as soon as it is known."""

    def __init__(self, channel: socket.socket, locator: Locator) -> None:
        self.channel = channel
        self.locator = locator
        self.config: pytest.Config | None = None
        self.sent = 0

    def pytest_configure(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(trylast=True)  # after the results plugin and the locator have noted this report
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        results = self.config.stash.get(RESULTS_KEY, None) if self.config is not None else None
        if results is None or len(results.tests) <= self.sent:
            return
        for record in results.tests[self.sent :]:
            place = self.locator.failures.get(str(record["name"]))
            send(self.channel, {"test": record, "place": place})
        self.sent = len(results.tests)


def send(channel: socket.socket, message: dict[str, Any]) -> None:
    """One JSON line to the parent; a parent that stopped listening is no reason to fail the run."""
    with contextlib.suppress(OSError):
        channel.sendall(json.dumps(message).encode() + b"\n")


def read_reports(channel: socket.socket, on_report: Callable[[dict[str, Any]], None]) -> None:
    """Call `on_report` with each line the child sends, until it closes its end (the parent's reader thread);
    then close the parent's end."""
    with channel, channel.makefile("rb") as lines:
        try:
            for line in lines:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if isinstance(message, dict) and "test" in message:
                    on_report(message)
        except OSError:
            return


class FailedFirst:
    """Runs the tests that failed last time before the others (each group in its own order)."""

    def __init__(self, failed: list[str]) -> None:
        self.failed = set(failed)

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=lambda item: item.nodeid not in self.failed)


QUICK_EXAMPLES = 10
"""Examples per hypothesis property while a kata still fails (the full profile runs before it counts as solved)."""


class QuickProperties:
    """Loads the hypothesis profile `kata-quick` (QUICK_EXAMPLES examples) once the hypothesis plugin has loaded its
    own: while a kata fails, a property's first answer comes sooner. A property's own `@settings` still wins."""

    @pytest.hookimpl(trylast=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        try:
            from hypothesis import settings
        except ImportError:
            return
        settings.register_profile("kata-quick", max_examples=QUICK_EXAMPLES)
        settings.load_profile("kata-quick")

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        """Note in the results whether a property ran short (then a green run is confirmed with the full profile)."""
        results = config.stash.get(RESULTS_KEY, None)
        if results is not None:
            results.shortened = any(getattr(getattr(item, "obj", None), "is_hypothesis_test", False) for item in items)
