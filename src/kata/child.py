"""What runs inside the child process of one check: pytest on one exercise, quietly.

The child is either forked from a warm parent (`kata.runner`) or started as
`python -m kata.child JOB.json` where fork is unavailable. Either way it never
reads or writes cached bytecode, so two saves within the same second cannot
run stale code, and all of pytest's own output goes to a log file.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_FILE_LINE = re.compile(r'File "([^"]+)", line (\d+)|^(\S+\.py):(\d+): ', re.MULTILINE)
_ERROR_LINE = re.compile(r"^E\s+(\S.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Job:
    """One check: which tests to run, and where the child writes what happened."""

    root: str
    slug: str
    targets: list[str]
    results: str
    locations: str
    log: str
    plugins: list[str] = field(default_factory=list)
    extra_args: list[str] = field(default_factory=list)

    def pytest_args(self) -> list[str]:
        autoload = ["--disable-plugin-autoload"] if self.plugins else []
        return [
            *autoload,
            *self.targets,
            "-q",
            "--no-header",
            "--color=no",
            "--tb=line",
            "-p",
            "no:cacheprovider",
            f"--kata-results={self.results}",
            *self.extra_args,
        ]


class Locator:
    """A pytest plugin noting where each failure happened (file and line), for `path:LINE: message` output."""

    def __init__(self) -> None:
        self.failures: dict[str, dict[str, Any]] = {}
        self.collect_errors: list[dict[str, Any]] = []

    def pytest_runtest_logreport(self, report: Any) -> None:
        crash = getattr(report.longrepr, "reprcrash", None)
        if report.failed and crash is not None:
            self.failures.setdefault(report.nodeid, {"path": str(crash.path), "line": int(crash.lineno)})

    def pytest_collectreport(self, report: Any) -> None:
        if not report.failed:
            return
        text = str(report.longreprtext)
        places = [(m[1] or m[3], int(m[2] or m[4])) for m in _FILE_LINE.finditer(text)]
        errors = _ERROR_LINE.findall(text)
        path, line = places[-1] if places else (str(report.fspath), 1)
        self.collect_errors.append({"path": path, "line": line, "message": errors[-1] if errors else text.strip()})

    def write(self, target: Path) -> None:
        document = {"failures": self.failures, "collect_errors": self.collect_errors}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, indent=2), encoding="utf-8")


def load_plugins(modules: list[str]) -> list[object]:
    """The installed pytest plugins, handed to pytest as objects.

    The warm parent has imported them already; pytest would warn that it cannot
    rewrite their assertions if it loaded them by name, and scanning every
    installed distribution for entry points on each run costs time.
    """
    loaded: list[object] = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except Exception:  # pytest would skip a broken plugin with a warning too
            continue
    return loaded


def _redirect_output(log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    # the streams of the process's own fds (a parent may have replaced sys.stdout, as pytest's capture does)
    if sys.__stdout__ is not None and sys.__stderr__ is not None:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


def execute(job: Job) -> int:
    """Run the job's tests in this (fresh) process and return pytest's exit code."""
    import pytest

    sys.dont_write_bytecode = True
    prefix = tempfile.mkdtemp(prefix="kata-pyc-")
    sys.pycache_prefix = prefix  # an empty cache: nothing stale can be read
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    os.chdir(job.root)
    _redirect_output(Path(job.log))
    locator = Locator()
    code = 3
    try:
        code = int(pytest.main(job.pytest_args(), plugins=[*load_plugins(job.plugins), locator]))
    except SystemExit as exit_:
        # sys.exit() while pytest collected the tests: report it like any other error
        locator.collect_errors.append(
            {"path": job.targets[0], "line": 1, "message": f"SystemExit: {exit_.code!r} (sys.exit() at import time)"}
        )
        code = 2
    except BaseException:  # the child must always leave a trace for the parent
        traceback.print_exc()
    finally:
        locator.write(Path(job.locations))
        sys.stdout.flush()
        sys.stderr.flush()
        shutil.rmtree(prefix, ignore_errors=True)
    return code


def write_job(job: Job, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(job)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`python -B -m kata.child JOB.json`: the subprocess fallback where fork is unavailable."""
    args = sys.argv[1:] if argv is None else argv
    job = Job(**json.loads(Path(args[0]).read_text(encoding="utf-8")))
    return execute(job)


if __name__ == "__main__":
    sys.exit(main())
