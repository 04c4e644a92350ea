"""Grading for a project where the learner writes a test SUITE for a given package (project 08_test_suite).

The project ships a correct package `<pkg>/`, planted bugs in `variants.toml` beside its solution (each names
the module it changes, the text it replaces there, and in its description the rule left untested and
"(milestone N)"), and milestone tests that call `grade_suite()`. The suite is a folder (test files, maybe a conftest.py). Each run
copies the package, with a variant's module swapped in, and the suite into a scratch folder and runs pytest there
in-process (kata.grading.write_tests.run_pytest); the run on the correct package also measures branch coverage. The runs are
shared between two child processes (`python -m kata.grading.suite`), so they use both cores.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.grading.write_tests import (
    Run,
    Variant,
    planted,
    register_grading_profile,
    run_pytest,
    variants_in,
    write_variants,
)

CORRECT = "-"  # stands for the unchanged package on the child's command line
WORKERS = 2
PLUGINS = ("--disable-plugin-autoload", "-p", "pytest_timeout", "-p", "_hypothesis_pytestplugin")
_SKIP = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".hypothesis", "*.pyc")


@dataclass(frozen=True)
class SuiteReport:
    """The run on the correct package (with its branch coverage, in percent) and one run per variant."""

    correct: Run
    coverage: float
    missing: str  # coverage's table of the lines and branches the suite never ran
    variants: dict[str, Run]

    def caught(self, variant: Variant) -> bool:
        return self.correct.passed and self.variants[variant.name].caught


def suite_variants(variants_file: Path, package: Path) -> list[Variant]:
    """The bugs in `variants_file`, each planted in its module of `package`, sorted by name."""
    return variants_in(variants_file, package)


def milestone_cases(project: Path, package: str, milestone: int) -> list[object]:
    """One pytest case per variant of `milestone` ("(milestone N)" in its docstring), named after the bug, so a
    report lists the bugs that survive."""
    variants = suite_variants(planted(project), project / package)
    mark = pytest.mark.task(taskno=milestone)
    return [pytest.param(v, id=v.name, marks=mark) for v in variants if v.task == milestone]


def survived_message(variant: Variant, report: SuiteReport) -> str:
    """What to tell a learner whose suite let `variant` through."""
    if not report.correct.passed:
        return f"first make your suite pass on the correct libsys (milestone 1); then it can catch '{variant.name}'"
    return (
        f"your suite passes on a buggy libsys ('{variant.name}'), so it does not test this rule:\n{variant.description}"
    )


def grade_suite(suite: Path, package: Path, variants: list[Variant]) -> SuiteReport:
    """Run the suite on the correct package and on every variant; cached while no file involved changes."""
    digest = hashlib.sha256()
    for folder in (suite, package):
        for path in sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes())
    for variant in variants:
        digest.update(variant.source.encode())
    return _grade_suite(digest.hexdigest(), suite, package, tuple(variants))


@functools.cache
def _grade_suite(digest: str, suite: Path, package: Path, variants: tuple[Variant, ...]) -> SuiteReport:
    with tempfile.TemporaryDirectory(prefix="kata-variants-") as folder:
        jobs = [CORRECT, *map(str, write_variants(variants, Path(folder)))]
        shares = [[f"{i}={job}" for i, job in enumerate(jobs) if i % WORKERS == w] for w in range(WORKERS)]
        with ThreadPoolExecutor(WORKERS) as pool:
            answers = list(pool.map(lambda share: _child(suite, package, share), shares))
    runs: dict[int, tuple[Run, float, str]] = {}
    for answer in answers:
        runs.update(answer)
    failed = (Run(-1, frozenset(), 0, "the grader could not run your suite"), 0.0, "")
    correct, coverage, missing = runs.get(0, failed)
    by_name = {v.name: runs.get(i, failed)[0] for i, v in enumerate(variants, start=1)}
    return SuiteReport(correct, coverage, missing, by_name)


def _child(suite: Path, package: Path, share: list[str]) -> dict[int, tuple[Run, float, str]]:
    command = [sys.executable, "-m", "kata.grading.suite", str(suite), str(package), *share]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
        rows = json.loads(done.stdout)
    except (subprocess.SubprocessError, ValueError) as error:
        detail = getattr(error, "stderr", "") or ""
        run = Run(-1, frozenset(), 0, f"the grader could not run your suite: {error}\n{detail[-1500:]}")
        return {int(job.split("=", 1)[0]): (run, 0.0, "") for job in share}
    return {row[0]: (Run(row[1], frozenset(row[2]), row[3], row[4]), row[5], row[6]) for row in rows}


def run_suite(suite: Path, package: Path, implementation: str, scratch: Path) -> tuple[Run, float, str]:
    """One run of the suite in `scratch`: on the package, with `implementation` (a variant's module) swapped in.

    On the correct package (`implementation` is CORRECT) it measures branch coverage of the package too.
    """
    shutil.copytree(package, scratch / package.name, ignore=_SKIP)
    shutil.copytree(suite, scratch / "suite", ignore=_SKIP)
    if implementation != CORRECT:
        variant = Path(implementation)
        shutil.copyfile(variant, scratch / package.name / variant.name)
        return run_pytest(scratch, scratch / "suite", stop_early=True, plugins=PLUGINS), 0.0, ""
    import coverage

    measure = coverage.Coverage(data_file=None, branch=True, source=[str(scratch / package.name)], config_file=False)
    measure.start()
    try:
        run = run_pytest(scratch, scratch / "suite", stop_early=False, plugins=PLUGINS)
    finally:
        measure.stop()
    table = io.StringIO()
    try:
        percent = measure.report(file=table, show_missing=True, skip_covered=True)
    except coverage.exceptions.NoDataError:
        percent = 0.0
    return run, percent, table.getvalue().replace(str(scratch / package.name), package.name)


def main(argv: list[str]) -> None:
    """`python -m kata.grading.suite SUITE PACKAGE INDEX=IMPLEMENTATION...`: print one JSON row per run."""
    suite, package, *jobs = argv
    register_grading_profile()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kata-suite-") as scratch:
        for job in jobs:
            index, implementation = job.split("=", 1)
            run, percent, missing = run_suite(Path(suite), Path(package), implementation, Path(scratch, index))
            rows.append(
                [int(index), run.exit_code, sorted(run.test_functions), run.failures, run.output, percent, missing]
            )
    print(json.dumps(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
