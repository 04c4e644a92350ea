"""Run an exercise's tests in a fresh child process, fast.

The parent process imports pytest, its plugins and the heavy frameworks the
katas use once (`Runner.warm`), never the learner's code. Each check then
runs in a child forked from that warm parent, so it starts in milliseconds
and always imports the learner's files afresh. Where `os.fork` is missing
(Windows) the child is a `python -m kata.engine.child` subprocess instead.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kata.engine.child import Job, execute, write_job
from kata.engine.outcome import Outcome, read_outcome
from kata.engine.preload import FRAMEWORKS, remember, warm, warm_for
from kata.engine.spare import handshake
from kata.engine.stream import read_reports
from kata.workspace import Exercise

HARD_TIMEOUT = 30.0
"""Seconds after which a check is killed, whatever pytest-timeout did."""
WATCH_TEST_TIMEOUT = 5.0
"""Seconds one test may run in `kata watch` and under `ptw` (a test marked `@pytest.mark.timeout(N)` gets N);
elsewhere pyproject.toml's `timeout` applies."""
HANDSHAKE_TIMEOUT = 2.0
"""Seconds a spare child may take to answer `go` before a fresh child replaces it."""

Report = dict[str, Any]
"""One test's result as the child streams it: {"test": its results.json record, "place": {"path", "line"} | None}."""


@dataclass
class Spare:
    """A child forked for `job` that waits, its start-up done, for the parent's `go` (see `kata.engine.spare`)."""

    job: Job
    pid: int
    channel: socket.socket


@dataclass
class RunHandle:
    """A running check. `on_exit(handle)` is called from a waiter thread when the child ends."""

    job: Job
    pid: int
    started: float
    returncode: int | None = None
    killed: str | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def kill(self, reason: str) -> None:
        """Stop the child and everything it started (it leads its own process group)."""
        if self.done.is_set():
            return
        self.killed = reason
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)


class Runner:
    """Starts checks as children of this process. One Runner serves a whole `kata` session."""

    def __init__(
        self,
        root: Path,
        *,
        fork: bool | None = None,
        hard_timeout: float = HARD_TIMEOUT,
        preload: tuple[str, ...] = FRAMEWORKS,
        test_timeout: float | None = None,
        extra_args: tuple[str, ...] = (),
        quick_properties: bool = False,
    ) -> None:
        self.root = root
        self.extra_args = [*(["-o", f"timeout={test_timeout:g}"] if test_timeout else []), *extra_args]
        self.fork = hasattr(os, "fork") if fork is None else fork
        self.hard_timeout = hard_timeout
        self.preload = preload
        self.spare: Spare | None = None
        self.quick_properties = quick_properties
        """While an exercise fails, run its hypothesis properties short (`kata watch`; never `kata check`)."""

    def job(self, exercise: Exercise, targets: list[Path] | None = None) -> Job:
        runs = self.root / ".kata" / "runs"
        files = targets or [exercise.path]
        failed = failed_last_time(self.root / ".kata" / "results" / f"{exercise.slug}.json")
        return Job(
            root=str(self.root),
            slug=exercise.slug,
            targets=[str(path.relative_to(self.root)) for path in files],
            folder=str(exercise.path.relative_to(self.root)),
            results=str(self.root / ".kata" / "results" / f"{exercise.slug}.json"),
            locations=str(runs / f"{exercise.slug}.locations.json"),
            log=str(runs / f"{exercise.slug}.log"),
            current=str(runs / f"{exercise.slug}.current"),
            extra_args=list(self.extra_args),
            preload=[] if self.fork else list(self.preload),
            failed_first=failed,
            quick=self.quick_properties and bool(failed),
        )

    def start(
        self,
        job: Job,
        on_exit: Callable[[RunHandle], None] | None = None,
        on_report: Callable[[Report], None] | None = None,
    ) -> RunHandle:
        """Start a check: the spare child when it was forked for this very job, else a fresh child.

        `on_exit(handle)` is called when the child ends, `on_report(report)` as each test ends (both from threads).
        """
        for stale in filter(None, (job.results, job.locations, job.current)):
            Path(stale).unlink(missing_ok=True)
        if self.fork:
            pid, channel = self._take_spare(job) or self._fork(job)
            handle = RunHandle(job=job, pid=pid, started=time.monotonic())
            waiter: Callable[[], int] = lambda: _wait_pid(pid)  # noqa: E731
            reader = threading.Thread(
                target=read_reports, args=(channel, on_report or _ignore), name=f"kata-reports-{job.slug}", daemon=True
            )
            reader.start()
        else:
            process = self._spawn(job)
            handle = RunHandle(job=job, pid=process.pid, started=time.monotonic())
            waiter = process.wait

        def wait_for_exit() -> None:
            handle.returncode = waiter()
            handle.done.set()
            if on_exit is not None:
                on_exit(handle)

        threading.Thread(target=wait_for_exit, name=f"kata-wait-{job.slug}", daemon=True).start()
        return handle

    def standby(self, job: Job) -> None:
        """Fork a spare child for `job` now, so that the next `start(job)` skips pytest's start-up."""
        if not self.fork:
            return
        self.discard_spare()
        pid, channel = self._fork(job, spare=True)
        self.spare = Spare(job, pid, channel)

    def discard_spare(self) -> None:
        """Stop the spare child, if any (quitting, or the next job is another one)."""
        spare, self.spare = self.spare, None
        if spare is None:
            return
        with contextlib.suppress(OSError):
            os.killpg(spare.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(spare.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(spare.pid, 0)
        spare.channel.close()

    def _take_spare(self, job: Job) -> tuple[int, socket.socket] | None:
        """The spare's pid and channel once it agreed to run `job`; None when there is none fit for it."""
        spare = self.spare
        if spare is None:
            return None
        if spare.job != job or not handshake(spare.channel, HANDSHAKE_TIMEOUT):
            self.discard_spare()
            return None
        self.spare = None
        return spare.pid, spare.channel

    def _fork(self, job: Job, *, spare: bool = False) -> tuple[int, socket.socket]:
        """A child running `job`, and the parent's end of the socket it reports on."""
        sys.stdout.flush()
        sys.stderr.flush()
        # The child's garbage collector would walk (and so copy) every object the warm parent
        # holds: pytest collects twice per session, which cost more than the tests themselves.
        gc.freeze()
        mine, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 70
            try:
                mine.close()
                os.setpgid(0, 0)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                code = execute(job, theirs, spare=spare)
            finally:
                os._exit(code)
        theirs.close()
        with contextlib.suppress(OSError):  # the child does it too: whichever runs first, a kill finds the group
            os.setpgid(pid, pid)
        return pid, mine

    def _spawn(self, job: Job) -> subprocess.Popen[bytes]:
        job_file = Path(job.locations).with_suffix(".job.json")
        write_job(job, job_file)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.Popen(
            [sys.executable, "-B", "-m", "kata.engine.child", str(job_file)],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def outcome(self, handle: RunHandle) -> Outcome:
        return read_outcome(handle.job, handle.returncode, handle.killed, self.hard_timeout, self.root)

    def learn(self, handle: RunHandle) -> None:
        """Import (in this warm parent) the library modules the finished child had to load itself."""
        if not self.fork:
            return
        try:
            names = json.loads(Path(handle.job.locations).read_text(encoding="utf-8")).get("imported", [])
        except (OSError, ValueError, AttributeError):
            return
        missing = tuple(str(name) for name in names if name not in sys.modules)
        if missing:
            warm(missing, plugins=False)
            remember(self.root, missing)

    def warm_for(self, exercise: Exercise) -> None:
        """Import the libraries `exercise`'s tests, conftests and files import, before its first check."""
        if not self.fork:
            return
        conftests = [folder / "conftest.py" for folder in (exercise.path, *exercise.path.parents)]
        files = [*exercise.test_files(), *exercise.learner_files(), *(path for path in conftests if path.is_file())]
        warm_for(files, self.root)

    def run(self, exercise: Exercise, targets: list[Path] | None = None) -> Outcome:
        """Run one check to the end (killing it after the hard timeout) and return what happened."""
        handle = self.start(self.job(exercise, targets))
        if not handle.wait(self.hard_timeout):
            handle.kill("timeout")
            handle.wait()
        self.learn(handle)
        return self.outcome(handle)


def failed_last_time(results: Path) -> list[str]:
    """The node ids of the tests that failed in the last run recorded in `results` (none when unreadable)."""
    try:
        tests = json.loads(results.read_text(encoding="utf-8")).get("tests", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [
        str(test.get("name")) for test in tests if isinstance(test, dict) and test.get("status") in ("fail", "error")
    ]


def _ignore(report: Report) -> None:
    return None


def _wait_pid(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
