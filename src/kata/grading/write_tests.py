"""Grading for "write-tests" katas: the learner's tests must pass on the correct module and fail on each buggy variant.

A kata ships `<slug>.py` (correct), the planted bugs in `variants.toml` beside its solution, out of the learner's
sight (for each, a description that says what the bug is and which task's tests catch it, "(task 2)", and the text
it replaces in the module, `old` -> `new`; the description shows only once the learner's tests miss the bug) and a
grader `test_grade_<slug>.py` that calls `grade()` and makes one pytest test per variant. The learner's test
file runs once per implementation, each copied into a scratch folder under the module's own name so
`from <slug> import ...` picks that one up: in children forked from the check's own process (`kata.grading.pool`:
pytest is loaded there already; as many at a time as there are CPUs), or, where forking is unsafe, in one
`python -m kata.grading.write_tests`.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.manifest import ORIGINALS, unshadow
from kata.workspace import discover, exercise_for, find_root

_TASK = re.compile(r"\((?:task|milestone) (\d+)\)")


@dataclass(frozen=True)
class Variant:
    """The module under test with one bug planted: `source` is its whole text, `module` its file name."""

    name: str
    description: str
    task: int
    module: str
    source: str


@dataclass(frozen=True)
class Run:
    """The outcome of one pytest run of the learner's tests against one implementation."""

    exit_code: int
    test_functions: frozenset[str]
    failures: int
    output: str

    @property
    def passed(self) -> bool:
        return self.exit_code == 0 and self.failures == 0 and bool(self.test_functions)

    @property
    def caught(self) -> bool:
        return self.exit_code == 1 and self.failures > 0


@dataclass(frozen=True)
class Report:
    """The run against the correct module and one run per variant (keyed by variant name; a run in progress is
    waited for when its variant is looked up)."""

    correct: Run
    variants: Mapping[str, Run]

    def caught(self, variant: Variant) -> bool:
        return self.correct.passed and self.variants[variant.name].caught


def planted(here: Path) -> Path:
    """The `variants.toml` of the exercise that holds `here` (a file or folder of it): beside its solution; when
    `here` is in the copy of the original tests (`.kata/originals/`), the original planted bugs beside it."""
    root = find_root(here)
    real = unshadow(here, root)
    exercise = exercise_for(real, discover(root))
    if exercise is None:
        raise LookupError(f"{here} is not inside a kata or project")
    base = root / ORIGINALS if real != here else root
    return base / "solutions" / exercise.relpath / "variants.toml"


def variants_in(variants_file: Path, module: Path) -> list[Variant]:
    """The bugs listed in `variants_file`, each planted in a copy of `module`, sorted by name.

    `module` is the module file, or a package folder whose module each entry names (`module = "..."`).
    An entry's `old` and `new` are a text and its replacement, or two lists of them.
    """
    found = []
    for name, entry in sorted(tomllib.loads(variants_file.read_text(encoding="utf-8")).items()):
        target = module / entry["module"] if module.is_dir() else module
        source = plant(target.read_text(encoding="utf-8"), entry["old"], entry["new"], f"{variants_file} [{name}]")
        task = _TASK.search(entry["description"])
        number = int(task.group(1)) if task else 1
        found.append(Variant(name, entry["description"].strip(), number, target.name, source))
    return found


def plant(source: str, old: str | list[str], new: str | list[str], where: str) -> str:
    """`source` with each `old` text replaced by its `new` one; each `old` must occur exactly once."""
    olds = [old] if isinstance(old, str) else old
    news = [new] if isinstance(new, str) else new
    if isinstance(old, str) != isinstance(new, str) or len(olds) != len(news):
        raise ValueError(f"{where}: `old` and `new` must be two texts or two lists of the same length")
    for before, after in zip(olds, news, strict=True):
        if (count := source.count(before)) != 1:
            raise ValueError(f"{where}: the text to replace must occur once in the module, found it {count} times")
        source = source.replace(before, after)
    return source


def write_variants(variants: Sequence[Variant], folder: Path) -> list[Path]:
    """Each variant's source as `folder/<index>/<module file>`, in order."""
    paths = []
    for index, variant in enumerate(variants):
        path = folder / str(index) / variant.module
        path.parent.mkdir(parents=True)
        path.write_text(variant.source, encoding="utf-8")
        paths.append(path)
    return paths


def run_once(
    test_file: Path, module_name: str, implementation: Path, scratch: Path, *, stop_early: bool, lean: bool = False
) -> Run:
    """Run `test_file` in this process with `implementation` importable as `module_name`; forget both afterwards.

    `lean`: load only the plugins the workspace's pyproject.toml loads (pytest-timeout, hypothesis), as a fork of a
    check must (importing every installed plugin in each fork would cost seconds)."""
    scratch.mkdir(parents=True)
    shutil.copyfile(implementation, scratch / f"{module_name}.py")
    shutil.copyfile(test_file, scratch / test_file.name)
    plugins = LEAN_PLUGINS if lean else ("-p", "no:kata")
    return run_pytest(scratch, scratch / test_file.name, stop_early=stop_early, plugins=plugins)


LEAN_PLUGINS = ("--disable-plugin-autoload", "-p", "pytest_timeout", "-p", "_hypothesis_pytestplugin")


def run_pytest(scratch: Path, target: Path, *, stop_early: bool, plugins: tuple[str, ...] = ("-p", "no:kata")) -> Run:
    """Run pytest on `target` (a file or folder inside `scratch`) in this process, `scratch` first on the path."""
    (scratch / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    report = scratch / "report.xml"
    args = [str(target), "-q", *plugins, "-p", "no:cacheprovider", "--rootdir", str(scratch)]
    args += [
        "--import-mode=importlib",
        "--junitxml",
        str(report),
        "-o",
        "timeout=10",
        "--hypothesis-profile=kata-grade",
    ]
    args += ["-W", "ignore", *(["-x"] if stop_early else [])]
    saved_path, output = list(sys.path), io.StringIO()
    sys.path.insert(0, str(scratch))
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            exit_code = int(pytest.main(args))
    finally:
        sys.path[:] = saved_path
        for name, module in list(sys.modules.items()):
            if str(scratch) in str(getattr(module, "__file__", None) or ""):
                del sys.modules[name]
    functions, failures = set(), 0
    if report.is_file():
        for case in ET.parse(report).getroot().iter("testcase"):
            functions.add(f"{case.get('classname')}.{case.get('name', '').split('[')[0]}")
            failures += any(child.tag in ("failure", "error") for child in case)
    return Run(exit_code, frozenset(functions), failures, output.getvalue())


def grade(test_file: Path, module: Path, variants: list[Variant]) -> Report:
    """Run the learner's tests against the correct module and every variant; cached while the file is unchanged."""
    digest = hashlib.sha256(test_file.read_bytes()).hexdigest()
    return _grade(digest, test_file, module, tuple(variants))


@functools.cache
def _grade(digest: str, test_file: Path, module: Path, variants: tuple[Variant, ...]) -> Report:
    from kata.grading.pool import ForkPool, can_fork

    if can_fork():
        return ForkPool.report(test_file, module, variants)
    try:
        with tempfile.TemporaryDirectory(prefix="kata-variants-") as folder:
            paths = [str(module), *map(str, write_variants(variants, Path(folder)))]
            command = [sys.executable, "-m", "kata.grading.write_tests", str(test_file), module.stem, *paths]
            done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
        runs = [Run(r[0], frozenset(r[1]), r[2], r[3]) for r in json.loads(done.stdout)]
    except (subprocess.SubprocessError, ValueError) as error:
        failed = Run(-1, frozenset(), 0, f"the grader could not run your tests: {error}")
        runs = [failed] * (len(variants) + 1)
    return Report(correct=runs[0], variants={v.name: run for v, run in zip(variants, runs[1:], strict=True)})


def escaped_message(variant: Variant, report: Report) -> str:
    """What to tell a learner whose tests did not catch `variant`."""
    if not report.correct.passed:
        return f"first make your tests pass on the correct module; then they can catch '{variant.name}'"
    return f"your tests all pass on a buggy version ('{variant.name}'):\n{variant.description}"


def failing_message(run: Run) -> str:
    """What to tell a learner whose tests do not pass on the correct module."""
    if not run.test_functions:
        return "no tests ran: write test functions named test_... in your test file\n" + run.output[-1500:]
    tail = "\n".join(run.output.strip().splitlines()[-25:])
    return f"your tests fail on the CORRECT module, so a test (not the code) is wrong:\n{tail}"


def names_used(source: str) -> set[str]:
    """Every dotted name the code uses, imports resolved: `@given` after `from hypothesis import given` gives
    'hypothesis.given'; `self.assertEqual(...)` gives 'self.assertEqual' (and 'self')."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                aliases[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module:
            aliases.update({alias.asname or alias.name: f"{node.module}.{alias.name}" for alias in node.names})
    used: set[str] = set()
    for node in ast.walk(tree):
        parts: list[str] = []
        base = node
        while isinstance(base, ast.Attribute):
            parts.insert(0, base.attr)
            base = base.value
        if isinstance(base, ast.Name):
            used.update(".".join([aliases.get(base.id, base.id), *parts[:i]]) for i in range(len(parts) + 1))
    return used


def ignore_mirrored_tests(collection_path: Path, config: pytest.Config) -> bool | None:
    """`pytest_ignore_collect` for a write-tests kata's conftest.py: under --solutions the grader runs the mirror's
    reference tests, so the learner's copy (same module name: it would clash on import) is not collected."""
    name = collection_path.name
    mine = name.startswith("test_") and not name.startswith("test_grade_") and collection_path.suffix == ".py"
    return True if mine and config.getoption("solutions", default=False) else None


def register_grading_profile() -> None:
    """The hypothesis profile `kata-grade`: lighter and repeatable, as the learner's tests run once per variant."""
    from hypothesis import settings

    settings.register_profile("kata-grade", max_examples=50, derandomize=True, database=None, deadline=None)


def main(argv: list[str]) -> None:
    """`python -m kata.grading.write_tests TEST_FILE MODULE_NAME CORRECT VARIANT...`: print one JSON run per implementation."""
    test_file, module_name, *implementations = argv
    register_grading_profile()
    with tempfile.TemporaryDirectory(prefix="kata-grade-") as scratch:
        runs = [
            run_once(Path(test_file), module_name, Path(impl), Path(scratch, str(i)), stop_early=i > 0)
            for i, impl in enumerate(implementations)
        ]
    print(json.dumps([[r.exit_code, sorted(r.test_functions), r.failures, r.output] for r in runs]))


if __name__ == "__main__":
    main(sys.argv[1:])
