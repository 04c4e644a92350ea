"""Where a check's milliseconds go: each phase of one run in a child forked from the warm parent, fresh and spare.

    .venv/bin/python bench/phases.py [--runs 5] [SLUG ...]     (default: types_and_operators flask_app_factory
                                                                fastapi_endpoints password_policy)

For each kata of this workspace (its starter, so the run fails) it runs the check as `kata watch` does, in two
ways, alternately: a fresh child forked at the save, and a spare child forked beforehand that waits at collection
(`kata.engine.spare`). A timing plugin in the child notes when each phase starts: fork, pytest's configuration
(`_prepareconfig`: plugins, pyproject.toml, the topic's conftest.py), `pytest_configure`, the session's start,
collection (importing the learner's module and the tests), the first failure, the end. It prints the median of
each phase, save to first failure, save to the end, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
KATAS = ("types_and_operators", "flask_app_factory", "fastapi_endpoints", "password_policy")
COLUMNS = ("fork", "start-up", "configure", "session start", "collection", "tests to 1st failure", "rest")
"""Phases in order: each lasts from its mark to the next one's (`fork` from the save to pytest.main)."""
MARKS = ("main", "configure", "session start", "collection", "collected", "first failure", "end")


class Timer:
    """Notes, in the child, when each phase begins (seconds since the epoch, comparable with the parent's clock)."""

    def __init__(self, channel: socket.socket) -> None:
        self.channel = channel
        self.marks: dict[str, float] = {"main": time.time()}

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.time())

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self) -> None:
        self.mark("configure")

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self) -> None:
        self.mark("session start")

    def pytest_collectstart(self) -> None:  # the first one: the session's (after a spare's gate opened)
        self.mark("collection")

    def pytest_collection_finish(self) -> None:
        self.mark("collected")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.mark("first failure")

    def pytest_unconfigure(self) -> None:
        self.mark("end")
        self.channel.sendall(json.dumps(self.marks).encode() + b"\n")


def measure(runner: Any, exercise: Any, *, spare: bool) -> dict[str, float]:
    """One run; the phases' durations in seconds, from the save (the moment the parent starts the run)."""
    import kata.engine.child

    original = kata.engine.child.execute
    mine, theirs = socket.socketpair()

    def timed(job: Any, channel: Any = None, *, spare: bool = False) -> int:
        timer = Timer(theirs)
        main = pytest.main
        vars(pytest)["main"] = lambda args, plugins: main(args, plugins=[*plugins, timer])
        return original(job, channel, spare=spare)

    import kata.engine.runner

    vars(kata.engine.runner)["execute"] = timed  # the fork calls it there
    job = runner.job(exercise)
    if spare:
        runner.standby(job)
        time.sleep(1.5)
    saved = time.time()
    handle = runner.start(job)
    handle.wait(60)
    theirs.close()
    marks = json.loads(mine.makefile("rb").readline() or b"{}")
    mine.close()
    vars(kata.engine.runner)["execute"] = original
    # a spare did everything before collection ahead of the save: those phases count as nothing
    times = [saved, *(max(saved, marks.get(name, saved)) for name in MARKS)]
    durations = {name: times[index + 1] - times[index] for index, name in enumerate(COLUMNS)}
    durations["to first failure"] = times[MARKS.index("first failure") + 1] - saved
    durations["to the end"] = times[-1] - saved
    return durations


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("slugs", nargs="*", default=list(KATAS))
    args = options.parse_args()
    from kata.engine.preload import warm_workspace
    from kata.engine.runner import WATCH_TEST_TIMEOUT, Runner
    from kata.workspace import discover

    os.chdir(REPO)
    warm_workspace(REPO)
    runner = Runner(REPO, test_timeout=WATCH_TEST_TIMEOUT)
    exercises = {exercise.slug: exercise for exercise in discover(REPO)}
    columns = (*COLUMNS, "to first failure", "to the end")
    print(f"{os.cpu_count()} CPUs; medians in ms; load average at the start {os.getloadavg()[0]:.1f}")
    print(f"| kata | child | {' | '.join(columns)} | load |")
    print(f"|---|---|{'---|' * len(columns)}---|")
    for slug in args.slugs:
        exercise = exercises[slug]
        runner.warm_for(exercise)
        runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
        for _ in range(args.runs):
            for spare in (False, True):
                runs[spare].append(measure(runner, exercise, spare=spare))
        for spare in (False, True):
            cells = [f"{statistics.median(run[name] for run in runs[spare]) * 1000:.0f}" for name in columns]
            kind = "spare" if spare else "fresh"
            print(f"| {slug} | {kind} | {' | '.join(cells)} | {os.getloadavg()[0]:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
