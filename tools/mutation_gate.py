"""The mutation-score gate: prove each kata's tests catch wrong answers.

For every "implement" and "fix" kata and every project, mutmut plants small bugs
(mutants) in the reference solution and runs the exercise's own tests against
each one. A mutant the tests fail on is killed; one they pass is a survivor,
a wrong answer a learner could hand in unnoticed. The score is the share of
mutants killed (a mutant that hangs until the timeout counts as killed).

    python tools/mutation_gate.py                      # every kata and project
    python tools/mutation_gate.py types_and_operators  # some, by slug or path
    python tools/mutation_gate.py --changed-since HEAD~1
    python tools/mutation_gate.py --stale              # those whose solution or tests differ from the record
    python tools/mutation_gate.py --record             # also write the scores to tools/mutation_scores.json
    python tools/mutation_gate.py calculator --keep /tmp/m  # keep the sandbox: `cd /tmp/m/calculator; mutmut show NAME`

Each exercise runs in its own temporary sandbox (so `mutants/` never lands in
the repository), two at a time. Exits 1 when any exercise scores under the bar.
Mutants that no behaviour can tell apart may be listed, with a one-line reason,
in tools/mutation_allow.toml; they are left out of the score.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kata.docs import distribution
from kata.workspace import Exercise, discover, exercise_for, find_root, lay_out_reference

BAR = 0.90
MEDIAN_BAR = 0.98
GATED_KINDS = ("implement", "fix", "project")
# Exercises the gate cannot measure yet, each with the reason; keep this short.
NOT_MEASURABLE = {
    "alembic_migrations": "Alembic loads migration scripts by file path under its own module names, "
    "so mutmut cannot link their mutants to the tests that run them",
}
# Projects not gated here: graded another way.
NOT_GATED = {
    "test_suite": "its answer is a test suite, graded by the planted bugs it must catch (kata.grading.suite)",
}
# A project's domain logic, which the gate holds to the bar: the solution's files that are mutated (the rest of
# a project, its command line, app wiring and settings, is still tested, but not gated). Not listed: every file
# the learner writes (files the starter gives unchanged are never mutated).
DOMAIN = {
    "calculator": ("calc_tokens.py", "calc_parser.py", "calc_evaluator.py"),
    "library": ("library_service.py", "library_members.py", "library_storage.py"),
    "blog": ("content.py", "markup.py", "security.py", "models.py", "core.py"),
    "inventory": ("catalogue.py", "stock.py", "reports.py", "csv_io.py", "repository.py", "models.py"),
    "ecommerce_api": (
        "shop_orders.py", "shop_carts.py", "shop_payments.py", "shop_states.py", "shop_security.py", "shop_catalog.py",
    ),
    "chat": ("chat_auth.py", "chat_limits.py", "chat_rooms.py", "chat_hub.py", "chat_server.py", "chat_store.py"),
}  # fmt: skip
TOOLS = Path(__file__).resolve().parent
SCORES_FILE = TOOLS / "mutation_scores.json"
ALLOW_FILE = TOOLS / "mutation_allow.toml"
MUTMUT_TIMEOUT_S = int(os.environ.get("KATA_MUTATION_TIMEOUT_S", "1800"))  # one exercise's whole mutmut run
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
EXIT_STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout"}
EXIT_STATUS |= dict.fromkeys((-24, 24, 152, 255), "timeout") | {-11: "segfault", -9: "segfault"}

# Test support for the sandbox, appended to its root conftest.py:
# - a kata's `@pytest.mark.timeout(N)` speed limit is for learners: mutmut's trampolines make every call slower,
#   so the limit would fail the clean run. Under mutmut its own timeout (timeout_multiplier) judges a slow mutant.
# - the `kata_file` fixture (from kata.engine.pytest_plugin, not loaded here) gives the mutated solution's files in src/.
SANDBOX_SUPPORT = """
import pathlib as _pathlib

import pytest as _pytest


def pytest_collection_modifyitems(items):
    for node in {node for item in items for node in item.listchain()}:
        node.own_markers[:] = [mark for mark in node.own_markers if mark.name != "timeout"]


@_pytest.fixture
def kata_file(request):
    return lambda name: _pathlib.Path(request.config.rootpath) / "src" / name
"""


@dataclass(frozen=True)
class Score:
    """One exercise's mutation result."""

    slug: str
    statuses: dict[str, str]
    allowed: frozenset[str]
    error: str = ""

    @property
    def counted(self) -> dict[str, str]:
        return {name: status for name, status in self.statuses.items() if name not in self.allowed}

    @property
    def killed(self) -> int:
        return sum(status in KILLED - {"timeout"} for status in self.counted.values())

    @property
    def timeouts(self) -> int:
        return sum(status == "timeout" for status in self.counted.values())

    @property
    def survivors(self) -> list[str]:
        return sorted(name for name, status in self.counted.items() if status not in KILLED)

    @property
    def score(self) -> float:
        counted = len(self.counted)
        return (self.killed + self.timeouts) / counted if counted else 0.0


def fingerprint(exercise: Exercise) -> str:
    """A hash of what decides the score: the solution (only what the learner writes), the tests, their conftests."""
    files = [p for p in exercise.solution_path.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in exercise.path.rglob("*.py") if _is_test_support(p, exercise)]
    files += [exercise.path.parent / "conftest.py"] if not exercise.is_project else []
    digest = hashlib.sha256()
    for path in sorted(p for p in files if p.is_file()):
        digest.update(str(path.relative_to(exercise.root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _is_test_support(path: Path, exercise: Exercise) -> bool:
    """A test file, a conftest.py, or any module in a project's tests/ folder (a helper the tests import)."""
    in_tests = exercise.is_project and path.parent == exercise.path / "tests"
    return in_tests or path.name.startswith("test_") or path.name == "conftest.py"


def _pytest_settings(root: Path) -> str:
    """The repository's pytest settings for the sandbox, minus what only makes sense here."""
    settings = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    settings.pop("testpaths", None)
    settings["timeout"] = 60  # mutmut's own per-mutant timeout catches hangs; this only guards the first full run
    settings["addopts"] = [
        "--disable-plugin-autoload",
        "-p",
        "pytest_timeout",
        "-p",
        "_hypothesis_pytestplugin",
        "-p",
        "kata.fixtures",
        "-p",
        "no:cacheprovider",
    ]
    lines = ["[tool.pytest.ini_options]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    return "\n".join(lines)


def build_sandbox(exercise: Exercise, sandbox: Path) -> None:
    """Lay out the solution as src/ and the exercise's tests as tests/, the shape mutmut expects."""
    src, tests = sandbox / "src", sandbox / "tests"
    lay_out_reference(exercise, src)
    tests.mkdir()
    test_home = exercise.path / "tests" if exercise.is_project else exercise.path
    for path in test_home.glob("*.py"):
        if _is_test_support(path, exercise):
            shutil.copy(path, tests / path.name)
    topic_conftest = exercise.path.parent / "conftest.py"
    shared = topic_conftest.read_text() if not exercise.is_project and topic_conftest.is_file() else ""
    (sandbox / "conftest.py").write_text(shared + "\n\n" + SANDBOX_SUPPORT)
    also_copy = ["conftest.py"]
    # Files only the starter has (a benchmark script, a given helper), or that the solution has unchanged (a given
    # module the learner never edits), are not the answer: leave them unmutated.
    solution_files = {
        path.relative_to(exercise.solution_path)
        for path in exercise.solution_path.rglob("*.py")
        if not _same_file(path, exercise.path / path.relative_to(exercise.solution_path))
    }
    domain = DOMAIN.get(exercise.slug)
    given = sorted(
        f"src/{path.relative_to(src).as_posix()}"
        for path in src.rglob("*.py")
        if path.relative_to(src) not in solution_files
        or "migrations" in path.parts  # Alembic scripts: see above
        or (domain is not None and path.name not in domain)
    )
    mutmut = {
        "source_paths": ["src"],
        "do_not_mutate": given,
        "pytest_add_cli_args_test_selection": ["tests"],
        "timeout_multiplier": 3.0,
        "also_copy": also_copy,
    }
    config = "[tool.mutmut]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in mutmut.items())
    (sandbox / "pyproject.toml").write_text(config + "\n" + _pytest_settings(exercise.root) + "\n")
    # A CLI test runs `python -m pkg` with the package's folder as cwd; under mutmut that child reads the
    # config from its cwd, so src/ gets a copy (pytest's root stays the sandbox: src/ holds no tests).
    shutil.copy(sandbox / "pyproject.toml", src / "pyproject.toml")


def _same_file(answer: Path, starter: Path) -> bool:
    return starter.is_file() and answer.read_bytes() == starter.read_bytes()


def read_statuses(sandbox: Path) -> dict[str, str]:
    """Every mutant's status, from the .meta files mutmut leaves beside each mutated file."""
    statuses = {}
    for meta in (sandbox / "mutants").rglob("*.meta"):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            statuses[name] = EXIT_STATUS.get(code, "suspicious") if code is not None else "not checked"
    return statuses


def mutate(
    exercise: Exercise, allowed: frozenset[str], hypothesis_dir: Path, keep: Path | None = None, children: int = 1
) -> Score:
    """Run mutmut (`children` mutants at a time) on one exercise in a throwaway sandbox (or in `keep`/SLUG)."""
    with tempfile.TemporaryDirectory(prefix=f"mutate-{exercise.slug}-") as tmp:
        sandbox = keep / exercise.slug if keep else Path(tmp)
        if keep:
            shutil.rmtree(sandbox, ignore_errors=True)
            sandbox.mkdir(parents=True)
        build_sandbox(exercise, sandbox)
        command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)]
        # One hypothesis folder for the whole run: its Unicode tables are built once, not once per sandbox.
        env = {**os.environ, "HYPOTHESIS_STORAGE_DIRECTORY": str(hypothesis_dir)}
        try:
            proc = subprocess.run(
                command, cwd=sandbox, env=env, capture_output=True, text=True, timeout=MUTMUT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            statuses = read_statuses(sandbox)
            unchecked = sum(status == "not checked" for status in statuses.values())
            error = f"mutmut did not finish in {MUTMUT_TIMEOUT_S} s: {unchecked} of {len(statuses)} mutants unchecked"
            return Score(exercise.slug, statuses, allowed, error)
        statuses = read_statuses(sandbox)
        error = (
            ""
            if statuses
            else f"mutmut produced no mutants (exit {proc.returncode}):\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}"
        )
        return Score(exercise.slug, statuses, allowed, error)


def select(
    root: Path, names: list[str], changed_since: str | None, stale: bool, *, katas_only: bool = False
) -> list[Exercise]:
    """The gated exercises named (by slug or path), changed since a revision or the record, or all of them."""
    exercises = [
        exercise
        for exercise in discover(root)
        if exercise.kind in GATED_KINDS
        and exercise.slug not in NOT_MEASURABLE
        and exercise.slug not in NOT_GATED
        and not (katas_only and exercise.is_project)
    ]
    if stale:
        recorded = json.loads(SCORES_FILE.read_text()) if SCORES_FILE.exists() else {}
        return [ex for ex in exercises if recorded.get(ex.slug, {}).get("fingerprint") != fingerprint(ex)]
    if changed_since:
        diff = subprocess.run(
            ["git", "diff", "--name-only", changed_since, "--", "katas", "projects", "solutions"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        owners = {exercise_for(root / line, exercises) for line in diff.stdout.splitlines()}
        return [exercise for exercise in exercises if exercise in owners]
    if not names:
        return exercises
    by_slug = {exercise.slug: exercise for exercise in exercises}
    chosen = []
    for name in names:
        exercise = by_slug.get(name) or exercise_for(Path(name), exercises)
        if exercise is None:
            raise SystemExit(f"no gated kata or project called {name!r}")
        chosen.append(exercise)
    return chosen


def print_table(scores: list[Score]) -> None:
    print(f"{'exercise':34} {'mutants':>7} {'killed':>6} {'survived':>8} {'timeout':>7} {'score':>7}")
    for s in sorted(scores, key=lambda s: s.score):
        mark = "" if s.score >= BAR else "  <- under the bar"
        print(f"{s.slug:34} {len(s.counted):7} {s.killed:6} {len(s.survivors):8} {s.timeouts:7} {s.score:7.1%}{mark}")
    if scores:
        print(f"\n{len(scores)} exercises: {distribution([s.score for s in scores])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="*", help="slugs or paths (default: every gated kata and project)")
    parser.add_argument("--changed-since", metavar="REV", help="only exercises with files changed since REV")
    parser.add_argument("--stale", action="store_true", help=f"only exercises changed since {SCORES_FILE.name}")
    parser.add_argument("--katas-only", action="store_true", help="leave the projects out")
    parser.add_argument("--root", type=Path, help="the workspace (default: the one around the current folder)")
    parser.add_argument("--jobs", type=int, default=2, help="exercises mutated at once (default 2)")
    parser.add_argument("--record", action="store_true", help=f"write the scores to {SCORES_FILE.name}")
    parser.add_argument("--show-survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each sandbox in DIR/SLUG (for `mutmut show`)")
    args = parser.parse_args(argv)

    root = (args.root or find_root()).resolve()
    chosen = select(root, args.exercises, args.changed_since, args.stale, katas_only=args.katas_only)
    measured = {exercise.slug: fingerprint(exercise) for exercise in chosen}  # the files as the run starts
    if not chosen:
        print("mutation gate: no gated kata or project to check")
        return 0
    allow = tomllib.loads(ALLOW_FILE.read_text()) if ALLOW_FILE.exists() else {}
    # The cores go to the exercises first; a kata left alone (the usual CI case) gets them all. A project's tests
    # share servers and ports across its milestones, so its mutants always run one at a time.
    spare = max(1, (os.cpu_count() or 2) // min(args.jobs, len(chosen)))
    with (
        tempfile.TemporaryDirectory(prefix="mutate-hypothesis-") as hypothesis_dir,
        ThreadPoolExecutor(args.jobs) as pool,
    ):
        scores = list(
            pool.map(
                lambda ex: mutate(
                    ex,
                    frozenset(allow.get(ex.slug, {})),
                    Path(hypothesis_dir),
                    args.keep,
                    1 if ex.is_project else spare,
                ),
                chosen,
            )
        )

    print_table(scores)
    for s in scores:
        if s.error:
            print(f"\n{s.slug}: {s.error}")
        if s.survivors and (args.show_survivors or s.score < BAR):
            print(
                f"\n{s.slug} survivors (see them with `mutmut show NAME` in a sandbox):\n  " + "\n  ".join(s.survivors)
            )
    if args.record:
        recorded = json.loads(SCORES_FILE.read_text()) if SCORES_FILE.exists() else {}
        recorded |= {
            s.slug: {"score": round(s.score, 4), "mutants": len(s.counted), "fingerprint": measured[s.slug]}
            for s in scores
            if not s.error
        }
        SCORES_FILE.write_text(json.dumps(dict(sorted(recorded.items())), indent=2) + "\n")
    failing = [s.slug for s in scores if s.error or s.score < BAR]
    every = not (args.exercises or args.changed_since or args.stale or args.katas_only)
    median = statistics.median(s.score for s in scores)
    if every and median < MEDIAN_BAR:
        print(f"\nmutation gate FAILED: the median is {median:.1%}, under {MEDIAN_BAR:.0%}")
        return 1
    if failing:
        print(f"\nmutation gate FAILED: under {BAR:.0%}: {', '.join(failing)}")
        return 1
    print(
        f"\nmutation gate passed: every exercise at or above {BAR:.0%}"
        + (f", the median {median:.1%}" if every else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
