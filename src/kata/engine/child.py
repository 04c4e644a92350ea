"""What runs inside the child process of one check: pytest on one exercise, quietly.

The child is either forked from a warm parent (`kata.engine.runner`) or started as
`python -m kata.engine.child JOB.json` where fork is unavailable. Either way it first
deletes the cached bytecode of the exercise's own files and writes none (nor do
the processes its tests start), so two saves within the same second cannot run
stale code; libraries keep their bytecode. All of pytest's own output goes to a log file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import sysconfig
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kata.engine.preload import preloadable


@dataclass(frozen=True)
class Job:
    """One check: which tests to run, and where the child writes what happened."""

    root: str
    slug: str
    targets: list[str]
    results: str
    locations: str
    log: str
    current: str = ""
    """Where the child writes the id of the test it is running (so a hard kill can name it); "" for nowhere."""
    folder: str = ""
    """The exercise's folder, relative to `root` (where its cached bytecode is deleted); "" means the targets' own."""
    extra_args: list[str] = field(default_factory=list)
    preload: list[str] = field(default_factory=list)
    """What a subprocess child imports before it runs pytest (a forked one has it all)."""
    failed_first: list[str] = field(default_factory=list)
    """The tests that failed last time (their node ids): they run first, so their failure shows up first."""
    quick: bool = False
    """Run hypothesis properties with the short `kata-quick` profile (a kata that still fails, in `kata watch`)."""

    def pytest_args(self) -> list[str]:
        """pytest's arguments: the plugins it loads are the project's choice, exactly as in a cold run.

        The warm parent has imported the plugin modules already, so pytest cannot rewrite
        their asserts (they are not test code) and would say so, as an error under
        `filterwarnings = error`: that one warning is silenced.
        """
        return [
            *self.targets,
            "-q",
            "--no-header",
            "--color=no",
            "--tb=line",
            "-p",
            "no:cacheprovider",
            f"--kata-results={self.results}",
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
            *self.extra_args,
        ]


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


def execute(job: Job, channel: socket.socket | None = None, *, spare: bool = False) -> int:
    """Run the job's tests in this (fresh) process and return pytest's exit code.

    With a `channel` (a forked child's end of a socket pair) each test's result is also sent to the parent as
    it ends (`kata.engine.stream`); a `spare` child first waits there for the parent's `go` (`kata.engine.spare`).
    """
    import pytest

    from kata.engine.locate import Locator
    from kata.engine.spare import Gate
    from kata.engine.stream import FailedFirst, QuickProperties, Streamer

    loaded_before = set(sys.modules)
    sys.dont_write_bytecode = True
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # for the processes the tests start, too
    root = Path(job.root)
    folders = [job.folder] if job.folder else job.targets

    def forget() -> None:
        forget_bytecode(root, folders)

    forget()
    os.chdir(job.root)
    _redirect_output(Path(job.log))
    locator = Locator(root, Path(job.current) if job.current else None)
    plugins: list[object] = [locator]
    if job.failed_first:
        plugins.append(FailedFirst(job.failed_first))
    if job.quick:
        plugins.append(QuickProperties())
    if channel is not None:
        plugins.append(Streamer(channel, locator))
        if spare:
            plugins.append(Gate(channel, root, root / (job.folder or job.targets[0]), forget))
    code = 3
    try:
        code = int(pytest.main(job.pytest_args(), plugins=plugins))
    except SystemExit as exit_:
        # sys.exit() while pytest collected the tests: report it like any other error
        locator.collect_errors.append(
            {"path": job.targets[0], "line": 1, "message": f"SystemExit: {exit_.code!r} (sys.exit() at import time)"}
        )
        code = 2
    except BaseException:  # the child must always leave a trace for the parent
        traceback.print_exc()
    finally:
        locator.imported = library_modules(set(sys.modules) - loaded_before, Path(job.root))
        locator.write(Path(job.locations))
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def forget_bytecode(root: Path, targets: list[str]) -> None:
    """Delete the cached bytecode under each target folder (a file: its folder), in its solution mirror, and
    in the folders above it (a topic's conftest.py): the exercise's own files are always read from source.

    Python trusts a `.pyc` whose source has the same size and modification second, so a
    quick second save could run the first one's code; with no `.pyc` there, it cannot.
    """
    for target in targets:
        folder = Path(target) if (root / target).is_dir() else Path(target).parent
        for base in (root / folder, root / "solutions" / folder):
            caches = [*base.rglob("__pycache__"), *(parent / "__pycache__" for parent in base.parents)]
            for cache in caches:
                if root in cache.parents:
                    shutil.rmtree(cache, ignore_errors=True)


NEVER_PRELOAD = frozenset({"__main__", "__mp_main__", "this", "antigravity", "readline", "__hello__", "__phello__"})
"""Modules with side effects on import (printing, opening a browser, taking over the terminal)."""


def library_modules(names: set[str], root: Path) -> list[str]:
    """The modules among `names` that come from Python's own library or site-packages, never from `root`.

    The warm parent imports these after a run (from cached bytecode), so later children find them loaded
    instead of compiling them from source: a kata that uses, say, alembic pays for it once.
    """
    libraries = {Path(sysconfig.get_path(key)).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    workspace = root.resolve()
    found = []
    for name in sorted(name for name in names - NEVER_PRELOAD if preloadable(name)):
        origin = getattr(sys.modules.get(name), "__file__", None)
        if not origin:
            continue
        path = Path(origin).resolve()
        if workspace not in path.parents and any(library in path.parents for library in libraries):
            found.append(name)
    return found


def write_job(job: Job, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(job)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`python -B -m kata.engine.child JOB.json`: the subprocess fallback where fork is unavailable."""
    from kata.engine.preload import warm

    args = sys.argv[1:] if argv is None else argv
    job = Job(**json.loads(Path(args[0]).read_text(encoding="utf-8")))
    warm(tuple(job.preload))
    return execute(job)


if __name__ == "__main__":
    sys.exit(main())
