"""The pytest plugin that every kata and project run goes through.

- `--solutions` runs the very same tests against the reference answers under
  `solutions/`: a finder placed first on `sys.meta_path` resolves each
  exercise's modules from a copy of the learner's folder with the solution's
  files laid over it (the given files stay where the learner has them).
- The finder also makes a project's package importable from its tests.
- The `kata_file` fixture gives a test the path of a non-Python file it checks
  (a Dockerfile, a compose file), from that reference copy in solution mode.
- A test that runs past its time limit fails with a `TimedOut` error naming the
  line that was still running, instead of pytest-timeout's raw interruption
  (whose half-finished frames can crash pytest's traceback drawing on 3.11).
- `--kata-results PATH` writes a results file in the shape of exercism's
  test-runner `results.json` (version 3): per test its `task_id`, the whole
  `message` (the teaching line, then pytest's evidence: assertion
  introspection, notes such as hypothesis's falsifying example, each member
  of an exception group) and the `output` it printed; the exception type added.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, ModuleType, TracebackType
from typing import Any

import pytest

from kata.manifest import unshadow
from kata.workspace import Exercise, discover, exercise_for, exercises_under, find_root, lay_out_reference

OUTPUT_LIMIT = 4000
"""Characters of a test's printed output kept in the results (exercism's runner keeps 500; print debugging wants more)."""
SOLUTIONS_KEY = pytest.StashKey[bool]()
HOMES_KEY = pytest.StashKey[dict[Path, Path]]()
RESULTS_KEY = pytest.StashKey["Results"]()


class ExerciseFinder(importlib.abc.MetaPathFinder):
    """Finds top-level modules in the exercises' own folders before anywhere else."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [str(folder) for folder in folders]

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if path is not None or not self.folders or fullname == "conftest" or fullname.startswith("test_"):
            return None  # pytest imports test files and conftest.py itself, each from its own folder
        return importlib.machinery.PathFinder.find_spec(fullname, self.folders)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "Backend Katas")
    group.addoption(
        "--solutions",
        action="store_true",
        help="run the tests against the reference answers under solutions/ instead of your files",
    )
    group.addoption(
        "--kata-results",
        metavar="PATH",
        help="write the results of this run to PATH as JSON (exercism results.json, version 3)",
    )


def _exercises_in_args(arguments: Sequence[str]) -> list[Exercise]:
    paths = [Path(arg.split("::")[0]) for arg in arguments if not arg.startswith("-")]
    # only the arguments that name files or folders (not the values of -p, -W, -o...)
    args = [path for path in paths if _names_a_file(path)] or [Path.cwd()]
    try:
        root = find_root(args[0])
    except LookupError:
        return []
    if args == [Path.cwd()] and Path.cwd().resolve() == root:
        return []  # a bare `pytest` at the top runs the workspace's own tests (testpaths), not the exercises
    args = [unshadow(arg, root) for arg in args]  # the original tests under .kata/originals/ test the same exercise
    exercises = discover(root)
    found: dict[Path, Exercise] = {}
    for arg in args:
        for exercise in exercises_under(arg, exercises):
            found[exercise.path] = exercise
    return list(found.values())


def _names_a_file(path: Path) -> bool:
    """Does this argument name a file or folder? (`-k EXPR`'s value may be too long to be a file name.)"""
    try:
        return path.exists()
    except OSError:
        return False


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, args: list[str]) -> None:
    """Put the exercises' folders first on the import path before any conftest.py imports from them."""
    solutions = bool(early_config.known_args_namespace.solutions)
    early_config.stash[SOLUTIONS_KEY] = solutions
    exercises = _exercises_in_args(args)
    if solutions:
        missing = [str(ex.relpath) for ex in exercises if not ex.solution_path.is_dir()]
        if missing:
            raise pytest.UsageError(f"no reference solution for: {', '.join(missing)}")
    early_config.stash[HOMES_KEY] = {}
    finder = ExerciseFinder([_home(early_config, exercise) for exercise in exercises])
    sys.meta_path.insert(0, finder)
    early_config.add_cleanup(lambda: sys.meta_path.remove(finder))


def _home(config: pytest.Config, exercise: Exercise) -> Path:
    """Where this run finds the exercise's files: the learner's folder, or with --solutions a reference copy.

    `solutions/` holds only what a learner writes, so the reference is laid out (once per run, in a temporary
    folder removed at the end) as the learner's folder with the solution's files over it: given modules,
    templates and data files are found beside the answers, as they are in a finished learner's folder.
    """
    if not config.stash.get(SOLUTIONS_KEY, False):
        return exercise.path
    homes = config.stash.setdefault(HOMES_KEY, {})
    if exercise.path not in homes:
        base = Path(tempfile.mkdtemp(prefix="kata-reference-"))
        config.add_cleanup(lambda: shutil.rmtree(base, ignore_errors=True))
        homes[exercise.path] = lay_out_reference(exercise, base / exercise.relpath)
    return homes[exercise.path]


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("pytest_timeout") or config.pluginmanager.hasplugin("timeout"):
        config.pluginmanager.register(TimeoutLocator(), "kata-timeout")
    results_path = config.getoption("kata_results")
    if results_path:
        results = Results(Path(results_path))
        config.stash[RESULTS_KEY] = results
        config.pluginmanager.register(results, "kata-results")


TIMED_OUT = (
    "timed out after {seconds:g} s: your code was still running{where}. "
    "Look for a loop that never ends, a wait for something that never comes, or a slow algorithm "
    "(a loop inside a loop, `x in some_list` in a loop)."
)


def _learner_file(filename: str) -> bool:
    """A file of an exercise that is not a test: what the learner writes (or its reference under solutions/)."""
    path = Path(filename)
    return (
        any(part in ("katas", "projects", "solutions") for part in path.parts)
        and "site-packages" not in path.parts
        and not path.name.startswith("test_")
        and path.name != "conftest.py"
    )


def _frames(traceback: TracebackType | None) -> list[tuple[str, int, str]]:
    found = []
    while traceback is not None:
        code = traceback.tb_frame.f_code
        found.append((code.co_filename, traceback.tb_lineno, code.co_name))
        traceback = traceback.tb_next
    return found


def _stack(frame: FrameType | None) -> list[tuple[str, int, str]]:
    """The frames from the outermost to `frame`."""
    found = []
    while frame is not None:
        found.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
        frame = frame.f_back
    return found[::-1]


def _task_frames() -> list[tuple[str, int, str]]:
    """The frames of the coroutines the running asyncio loop is waiting on (an async hang is there, not on the stack)."""
    import asyncio

    loop = asyncio.events._get_running_loop()
    if loop is None:
        return []
    found = []
    for task in asyncio.all_tasks(loop):
        found += [(frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name) for frame in task.get_stack()]
    return found


def _where(frames: list[tuple[str, int, str]]) -> str:
    """` in NAME at FILE:LINE` for the innermost frame in the learner's files, else in the workspace, else ''."""
    mine = [frame for frame in frames if _learner_file(frame[0])]
    ours = [frame for frame in frames if "site-packages" not in frame[0] and "/lib/python" not in frame[0]]
    for filename, line, name in reversed(mine or ours):
        return f" in {name}() at {os.path.relpath(filename)}:{line}"
    return ""


class TimedOut(BaseException):
    """A test ran past its time limit. Not an Exception, so the learner's `except Exception:` (or an async
    `except TimeoutError:`) cannot swallow it and keep the loop going."""


class TimeoutLocator:
    """pytest-timeout's timer, replaced (on the main thread) by one whose error names the learner's line.

    Registered only when pytest-timeout is loaded (its hooks exist then). The alarm handler runs inside the
    learner's code, so the stack it interrupts, and for async code the coroutines the loop waits on, are still there.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_timeout_set_timer(self, item: pytest.Item, settings: Any) -> bool | None:
        if settings.method != "signal" or threading.current_thread() is not threading.main_thread():
            return None  # pytest-timeout's own thread method (a hard exit) stays in charge
        seconds = float(settings.timeout)

        def handler(signum: int, frame: FrameType | None) -> None:
            where = _where(_task_frames()) or _where(_stack(frame))
            if item.config.getoption("kata_results"):  # a kata's check: the next tests would most likely hang too
                item.session.shouldstop = "a test timed out"
            raise TimedOut(TIMED_OUT.format(seconds=seconds, where=where))

        def cancel() -> None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)

        item.cancel_timeout = cancel  # type: ignore[attr-defined]  # what pytest-timeout's cancel hook calls
        signal.signal(signal.SIGALRM, handler)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        return True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Turn pytest-timeout's own interruption (where it is still in charge) into a TimeoutError that says where."""
    __tracebackhide__ = True
    try:
        return (yield)
    except pytest.fail.Exception as error:
        if not str(error).startswith("Timeout"):
            raise
        limit = re.search(r">([\d.]+)s", str(error))
        where = _where(_frames(error.__traceback__))
        raise TimedOut(TIMED_OUT.format(seconds=float(limit[1]) if limit else 0, where=where)) from None


def evidence(error: BaseException) -> str:
    """The exception as pytest's report shows it (with its notes), then each member of an exception group."""
    if isinstance(error, TimedOut):
        return str(error)
    text = "".join(traceback.format_exception_only(error)).rstrip()
    text = "\n".join(line for line in text.splitlines() if line.strip() and not _PYTEST_ADVICE.match(line))
    if isinstance(error, BaseExceptionGroup):
        members = error.exceptions
        for number, member in enumerate(members, start=1):
            body = evidence(member).replace("\n", "\n    ")
            text += f"\n  failure {number} of {len(members)}: {body}"
    return text


_PYTEST_ADVICE = re.compile(r"^\s*Use -v+ to get more diff\s*$")


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.stash.get(SOLUTIONS_KEY, False):
        return "kata: running against the reference solutions (--solutions)"
    return None


@pytest.fixture
def kata_file(request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """Return a function giving the path of a file of this exercise: yours, or the solution's with --solutions."""
    root = find_root(Path(request.node.path))
    test_path = unshadow(Path(request.node.path), root)
    exercise = exercise_for(test_path, discover(root))
    if exercise is None:
        raise LookupError(f"{test_path} is not inside a kata or project")
    home = _home(request.config, exercise)

    def resolve(name: str) -> Path:
        return home / name

    return resolve


@dataclass(eq=False)  # pluggy registers it, so it must stay hashable
class Results:
    """Collects one run's outcomes and writes them as exercism-style results.json."""

    path: Path
    tests: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    tasks: dict[str, int] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    """Each test's place in its files, so the results keep that order even when the run starts elsewhere."""
    shortened: bool = False
    """Whether hypothesis properties ran with the short `kata-quick` profile (set by `kata.engine.stream.QuickProperties`)."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.order = {item.nodeid: index for index, item in enumerate(items)}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        task = item.get_closest_marker("task")
        if task is not None:
            self.tasks[report.nodeid] = int(task.kwargs.get("taskno", task.args[0] if task.args else 0))
        if call.excinfo is not None and not report.skipped:
            report.user_properties.append(("exception", call.excinfo.typename))
            report.user_properties.append(("evidence", evidence(call.excinfo.value)))
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        failed_here = report.failed and report.when != "call"
        if report.when != "call" and not failed_here and not (report.skipped and report.when == "setup"):
            return
        status = "pass" if report.passed else "skip" if report.skipped else "fail"
        if report.when != "call" and report.failed:
            status = "error"
        crash = getattr(report.longrepr, "reprcrash", None)
        message = crash.message if crash is not None else (str(report.longrepr) if report.longrepr else None)
        if report.skipped and isinstance(report.longrepr, tuple):
            message = str(report.longrepr[2])
        properties = dict(report.user_properties)
        if report.failed and properties.get("evidence"):
            message = str(properties["evidence"])
        output = "".join(text for _, text in report.sections if text and "Captured" in _)
        self.tests.append(
            {
                "name": report.nodeid,
                "status": status,
                "message": message,
                "output": output[-OUTPUT_LIMIT:] or None,
                "task_id": self.tasks.get(report.nodeid),
                "exception": properties.get("exception"),
                "duration": round(report.duration, 4),
            }
        )

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.errors.append(f"{report.nodeid}: {report.longreprtext}")

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.errors or exitstatus in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
            status = "error"
        elif any(test["status"] in ("fail", "error") for test in self.tests):
            status = "fail"
        elif not any(test["status"] == "pass" for test in self.tests):
            status = "error"
        else:
            status = "pass"
        document = {
            "version": 3,
            "status": status,
            "message": "\n".join(self.errors) or None,
            "tests": sorted(self.tests, key=lambda test: self.order.get(str(test["name"]), len(self.order))),
            "duration": round(time.perf_counter() - self.started, 4),
        }
        if self.shortened:
            document["shortened_properties"] = True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document, indent=2), encoding="utf-8")
        tmp.replace(self.path)
