"""Write-tests grading in forks of the check: the learner's tests against the correct module and each planted bug.

The check that runs a write-tests kata's grader has pytest and hypothesis loaded, so each run of the learner's
tests (one per implementation, see `kata.grading.write_tests`) is a child forked from it, as many at a time as there are
CPUs. The correct module's run is waited for at once; a planted bug's run only when its grader test looks it up,
the others going on meanwhile. So the first missed bug is on screen as soon as its run ends (and the tests that
failed last time run first), and the report completes as the grader's tests go on.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NoReturn

from kata.grading.write_tests import Report, Run, Variant, register_grading_profile, run_once, write_variants


def can_fork() -> bool:
    """Forking is safe here: the platform has it and this process runs one thread (a check's child does; a pytest-xdist
    worker, whose other threads may hold locks a fork would copy locked, does not)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ForkPool:
    """One child per implementation (index 0: the correct module), started in order, `os.cpu_count()` at a time."""

    def __init__(self, test_file: Path, module_name: str, implementations: list[str], folder: Path) -> None:
        self.test_file = test_file
        self.module_name = module_name
        self.implementations = implementations
        self.folder = folder
        self.scratch = folder / "runs"
        self.scratch.mkdir()
        self.running: dict[int, int] = {}  # index -> pid
        self.runs: dict[int, Run] = {}
        self.next = 0

    @classmethod
    def report(cls, test_file: Path, module: Path, variants: tuple[Variant, ...]) -> Report:
        """Start the runs; return once the correct module's has ended (the variants' fill in when looked up)."""
        register_grading_profile()
        gc.freeze()  # pytest's closing gc.collect() calls in each child would otherwise walk every object held here
        folder = Path(tempfile.mkdtemp(prefix="kata-variants-"))
        pool = cls(test_file, module.stem, [str(module), *map(str, write_variants(variants, folder))], folder)
        pool.fill()
        names = {variant.name: index for index, variant in enumerate(variants, start=1)}
        return Report(correct=pool.result(0), variants=Pending(pool, names))

    def fill(self) -> None:
        """Start the next runs in order while fewer than one per CPU are running."""
        while self.next < len(self.implementations) and len(self.running) < (os.cpu_count() or 2):
            self.start(self.next)

    def start(self, index: int) -> None:
        if index in self.running or index in self.runs:
            return
        pid = os.fork()
        if pid == 0:
            _grade_child(self.test_file, self.module_name, self.implementations[index], self.scratch, index)
        self.running[index] = pid
        while self.next in self.running or self.next in self.runs:
            self.next += 1

    def result(self, index: int) -> Run:
        """The run of implementation `index`, waiting for it (started now if it was not yet)."""
        if index not in self.runs:
            self.start(index)
            os.waitpid(self.running.pop(index), 0)
            self.runs[index] = _read(self.scratch / f"{index}.json")
            self.fill()
            if len(self.runs) == len(self.implementations):
                shutil.rmtree(self.folder, ignore_errors=True)
        return self.runs[index]


class Pending(Mapping[str, Run]):
    """The variants' runs by name, each waited for when looked up."""

    def __init__(self, pool: ForkPool, names: dict[str, int]) -> None:
        self.pool = pool
        self.names = names

    def __getitem__(self, name: str) -> Run:
        return self.pool.result(self.names[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"<the runs against {len(self.names)} planted bugs>"


def _read(path: Path) -> Run:
    try:
        code, functions, failures, output = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Run(-1, frozenset(), 0, "the grader's run of your tests crashed")
    return Run(int(code), frozenset(functions), int(failures), str(output))


def _grade_child(test_file: Path, module_name: str, implementation: str, scratch: Path, index: int) -> NoReturn:
    """In a forked child: one run, written to `scratch/<index>.json`; never returns.

    The check that forked it imports the exercise's modules through the kata plugin's finder, and holds some (the
    learner's test file and the module it imported): both are dropped here, so that the scratch copy of the test file
    is imported afresh and its `from <module> import ...` finds the implementation in the scratch folder."""
    from kata.engine.pytest_plugin import ExerciseFinder

    try:
        sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, ExerciseFinder)]
        home = str(test_file.resolve().parent)
        for name, module in list(sys.modules.items()):
            origin = str(getattr(module, "__file__", None) or "")
            if name in (module_name, test_file.stem) or origin.startswith(home + os.sep):
                del sys.modules[name]
        implementation_path, folder = Path(implementation), scratch / str(index)
        run = run_once(test_file, module_name, implementation_path, folder, stop_early=index > 0, lean=True)
        document = [run.exit_code, sorted(run.test_functions), run.failures, run.output]
        (scratch / f"{index}.json").write_text(json.dumps(document), encoding="utf-8")
    finally:
        os._exit(0)
