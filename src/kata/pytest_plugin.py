"""The pytest plugin that every kata and project run goes through.

- `--solutions` runs the very same tests against the reference answers under
  `solutions/`: a finder placed first on `sys.meta_path` resolves each
  exercise's modules from its mirror instead of the learner's folder.
- The finder also makes a project's package importable from its tests.
- The `kata_file` fixture gives a test the path of a non-Python file it checks
  (a Dockerfile, a compose file), from the mirror in solution mode.
- A test that runs past its time limit fails with a `TimeoutError` naming the
  line that was still running, instead of pytest-timeout's raw interruption
  (whose half-finished frames can crash pytest's traceback drawing on 3.11).
- `--kata-results PATH` writes a results file in the shape of exercism's
  test-runner `results.json` (version 3), with the exception type added.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import sys
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import pytest

from kata.workspace import Exercise, discover, exercise_for, exercises_under, find_root

SOLUTIONS_KEY = pytest.StashKey[bool]()
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
    args = [Path(arg.split("::")[0]) for arg in arguments if not arg.startswith("-")] or [Path.cwd()]
    try:
        root = find_root(args[0] if args[0].exists() else Path.cwd())
    except LookupError:
        return []
    exercises = discover(root)
    found: dict[Path, Exercise] = {}
    for arg in args:
        for exercise in exercises_under(arg, exercises):
            found[exercise.path] = exercise
    return list(found.values())


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
    finder = ExerciseFinder([ex.solution_path if solutions else ex.path for ex in exercises])
    sys.meta_path.insert(0, finder)
    early_config.add_cleanup(lambda: sys.meta_path.remove(finder))


def pytest_configure(config: pytest.Config) -> None:
    results_path = config.getoption("kata_results")
    if results_path:
        results = Results(Path(results_path))
        config.stash[RESULTS_KEY] = results
        config.pluginmanager.register(results, "kata-results")


TIMED_OUT = (
    "timed out: your code was still running{where} when the test's time limit ran out. "
    "Look for a loop that never ends, or a slow algorithm (a loop inside a loop, `x in some_list` in a loop)."
)


def _innermost_line(traceback: TracebackType | None) -> str:
    """`file:line` of the deepest frame with a known line outside the test machinery, or ''."""
    where = ""
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if traceback.tb_lineno is not None and "site-packages" not in filename:
            where = f" at {os.path.relpath(filename)}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return where


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Turn pytest-timeout's interruption into a plain TimeoutError that says where the code was."""
    __tracebackhide__ = True
    try:
        return (yield)
    except pytest.fail.Exception as error:
        if not str(error).startswith("Timeout"):
            raise
        raise TimeoutError(TIMED_OUT.format(where=_innermost_line(error.__traceback__))) from None


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.stash.get(SOLUTIONS_KEY, False):
        return "kata: running against the reference solutions (--solutions)"
    return None


@pytest.fixture
def kata_file(request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """Return a function giving the path of a file of this exercise: yours, or the solution's with --solutions."""
    test_path = Path(request.node.path)
    exercise = exercise_for(test_path, discover(find_root(test_path)))
    if exercise is None:
        raise LookupError(f"{test_path} is not inside a kata or project")
    home = exercise.solution_path if request.config.stash.get(SOLUTIONS_KEY, False) else exercise.path

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

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if call.excinfo is not None and not report.skipped:
            report.user_properties.append(("exception", call.excinfo.typename))
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
        exception = dict(report.user_properties).get("exception")
        self.tests.append(
            {
                "name": report.nodeid,
                "status": status,
                "message": message,
                "exception": exception,
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
            "tests": self.tests,
            "duration": round(time.perf_counter() - self.started, 4),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(document, indent=2), encoding="utf-8")
        tmp.replace(self.path)
