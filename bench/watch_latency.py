"""Save-to-screen latency of `kata watch`, pytest-watch (`ptw`) and a cold `pytest`, on the same katas.

    .venv/bin/python bench/watch_latency.py [--runs 10] [--slow-runs 4] [--skip-ptw] [--only tool stdlib ...]
                                            [--before GIT_REF]

It builds a throw-away workspace in a temporary folder (this repository's pytest
settings and five katas: a two-test adder that shows the tool's own overhead, a
copy of the stdlib kata types_and_operators with its hypothesis property, a small
Flask kata written here, a copy of the FastAPI kata fastapi_endpoints, and a copy
of the write-tests kata password_policy), then for each tool saves the kata's file
again and again, alternating a failing and a passing version, and times

- save -> first failure on screen (failing saves): the first `path:LINE: test: message` line;
- save -> complete screen (failing and passing saves): `kata: done` (pytest-watch and a
  cold pytest show failures only at the end, so for them both are the same figure);
- a move: saves alternating between two katas, so that each run is the first after moving.

It prints median and p90 per tool and kata, the CPU time each save cost (user +
system, children included: a figure a loaded machine does not inflate the way it
inflates wall time), the load average beside every figure, the ratios to
pytest-watch, the CPU `kata watch` uses while idle, and a Markdown table for the README.
`--before REF` also runs the `kata watch` of an earlier commit (its `src/` from git),
in the same run, for a before/after comparison.

pytest-watch reads its options with ConfigParser from the file pytest uses
(pyproject.toml); the copy used here holds only the `[tool.pytest.ini_options]` table,
with its arrays' closing brackets indented (ConfigParser fails on them otherwise).
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STDLIB_SOURCE = "01_python_basics/04_types_and_operators"
STDLIB = "01_stdlib/01_types_and_operators"
FLASK = "04_flask/01_bench_greeter"
FASTAPI_SOURCE = "07_async/06_fastapi_endpoints"
FASTAPI = "07_async/01_fastapi_endpoints"
WRITE_TESTS_SOURCE = "08_testing/02_password_policy"
WRITE_TESTS = "08_testing/01_password_policy"
MINIMAL = "00_tool_overhead/01_bench_adder"
FAILURE_LINE = re.compile(r"^\S+\.py:\d+: ")
DONE = "kata: done"
ADDER_STARTER = 'def add(a: int, b: int) -> int:\n    raise NotImplementedError("add: write me")\n'
ADDER_SOLUTION = "def add(a: int, b: int) -> int:\n    return a + b\n"
ADDER_TESTS = """from bench_adder import add


def test_adds():
    assert add(1, 2) == 3, "add(1, 2) should be 3"


def test_adds_negatives():
    assert add(-1, -2) == -3
"""
FLASK_STARTER = '''"""A tiny Flask app for the benchmark."""
from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/hello/<name>")
    def hello(name: str) -> dict[str, str]:
        raise NotImplementedError("hello: write me")

    return app
'''
FLASK_SOLUTION = FLASK_STARTER.replace(
    'raise NotImplementedError("hello: write me")', 'return {"greeting": f"Hello, {name}!"}'
)
FLASK_TESTS = '''"""Tests of the benchmark's Flask kata."""
import pytest
from bench_greeter import create_app


@pytest.fixture
def client():
    return create_app().test_client()


@pytest.mark.parametrize("name", ["ada", "grace", "linus"])
def test_greets_by_name(client, name):
    response = client.get(f"/hello/{name}")
    assert response.status_code == 200, "GET /hello/<name> should answer 200"
    assert response.get_json() == {"greeting": f"Hello, {name}!"}


def test_unknown_route_is_404(client):
    assert client.get("/nope").status_code == 404
'''


@dataclass(frozen=True)
class Kata:
    name: str
    label: str
    folder: str
    module: str
    fail: str
    solved: str


def write_kata(target: Path, name: str, folder: str, module: str, texts: tuple[str, str, str], *, label: str) -> Kata:
    """A kata named `name` in `folder`: (starter, solution, tests)."""
    starter, solution, tests = texts
    for base, text in (("katas", starter), ("solutions/katas", solution)):
        (target / base / folder).mkdir(parents=True, exist_ok=True)
        (target / base / folder / module).write_text(text, encoding="utf-8")
    (target / "katas" / folder / "README.md").write_text("# Bench\n\n**Kind:** implement\n", encoding="utf-8")
    (target / "katas" / folder / f"test_{module}").write_text(tests, encoding="utf-8")
    return Kata(name, label, folder, module, starter, solution)


def copied(source: str, module: str) -> tuple[str, str, str]:
    """A real kata's (starter, solution, tests)."""
    starter, solution = (REPO / base / source / module for base in ("katas", "solutions/katas"))
    tests = REPO / "katas" / source / f"test_{module}"
    return starter.read_text("utf-8"), solution.read_text("utf-8"), tests.read_text("utf-8")


def write_tests_kata(target: Path) -> Kata:
    """A copy of the write-tests kata; the failing save is the reference tests with one case left out (so the
    grader finds a planted bug they miss), the passing save the reference tests."""
    for base in ("katas", "solutions/katas"):
        shutil.copytree(REPO / base / WRITE_TESTS_SOURCE, target / base / WRITE_TESTS, ignore=_CACHES)
    module = "test_password_policy.py"
    solved = (REPO / "solutions/katas" / WRITE_TESTS_SOURCE / module).read_text("utf-8")
    fail = solved.replace(', "Password1234", "PASSWORD1234"', "")
    assert fail != solved, "the benchmark's failing save must differ from the reference tests"
    return Kata(
        "write-tests", "write-tests kata `password_policy` (grading 7 planted bugs)", WRITE_TESTS, module, fail, solved
    )


_CACHES = shutil.ignore_patterns("__pycache__", ".hypothesis")


def pytest_settings() -> str:
    """pyproject.toml's `[tool.pytest.ini_options]` table alone, its closing brackets indented for ConfigParser."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    table = text[text.index("[tool.pytest.ini_options]") :]
    following = re.search(r"^\[(?!tool\.pytest)", table[1:], re.MULTILINE)
    table = table[: following.start() + 1] if following else table
    return table.replace("\n]\n", "\n    ]\n")


def build_workspace(target: Path) -> list[Kata]:
    (target / "pyproject.toml").write_text(pytest_settings(), encoding="utf-8")
    adder = (ADDER_STARTER, ADDER_SOLUTION, ADDER_TESTS)
    flask = (FLASK_STARTER, FLASK_SOLUTION, FLASK_TESTS)
    stdlib, fastapi = "types_and_operators.py", "fastapi_endpoints.py"
    return [
        write_kata(target, "tool", MINIMAL, "bench_adder.py", adder, label="two-test kata (the tool's own overhead)"),
        write_kata(
            target, "stdlib", STDLIB, stdlib, copied(STDLIB_SOURCE, stdlib), label="stdlib kata with a property"
        ),
        write_kata(target, "flask", FLASK, "bench_greeter.py", flask, label="Flask app-factory kata"),
        write_kata(target, "fastapi", FASTAPI, fastapi, copied(FASTAPI_SOURCE, fastapi), label="FastAPI kata"),
        write_tests_kata(target),
    ]


class Lines:
    """A process whose output lines are read by a thread, so the benchmark can wait for a marker."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line))

    def drain(self) -> None:
        while not self.lines.empty():
            self.lines.get_nowait()

    def wait_for(self, marker: str, timeout: float = 120.0) -> tuple[float, float | None]:
        """(when `marker` came, when the first failure line before it came: None if none)."""
        deadline = time.monotonic() + timeout
        first = None
        while True:
            when, line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if first is None and FAILURE_LINE.match(line):
                first = when
            if marker in line:
                return when, first

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, of the children it has waited for and of those still running (user + system)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    total = sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(cpu_seconds(int(child)) for child in children)


@dataclass
class Measure:
    """Save-to-screen times (complete screen, and first failure for failing saves), and the CPU seconds per save."""

    done_fail: list[float] = field(default_factory=list)
    done_pass: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    cpu_per_save: float = 0.0
    load: float = 0.0


def time_saves(lines: Lines, saves: list[tuple[Path, str, bool]], marker: str, *, pause: float) -> Measure:
    """Write each (path, text, failing) in turn and time the screen's answer."""
    measure = Measure()
    cpu = 0.0
    loads = []
    for path, text, failing in saves:
        time.sleep(pause)
        lines.drain()
        before = cpu_seconds(lines.process.pid)
        loads.append(os.getloadavg()[0])
        start = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        done, first = lines.wait_for(marker)
        (measure.done_fail if failing else measure.done_pass).append(done - start)
        if failing:
            measure.first.append((first or done) - start)
        time.sleep(0.3)  # let the child be reaped (and the next spare start), so its CPU time is counted
        cpu += cpu_seconds(lines.process.pid) - before
    measure.cpu_per_save = cpu / max(1, len(saves))
    measure.load = statistics.mean(loads) if loads else 0.0
    return measure


def alternating(root: Path, kata: Kata, runs: int) -> list[tuple[Path, str, bool]]:
    path = root / "katas" / kata.folder / kata.module
    return [(path, kata.solved if number % 2 else kata.fail, number % 2 == 0) for number in range(runs)]


def watch_command(before: Path | None) -> list[str]:
    if before is None:
        return [str(BIN / "kata")]
    code = f"import sys; sys.path.insert(0, {str(before)!r}); from kata.cli import main; sys.exit(main())"
    return [sys.executable, "-c", code]


def bench_kata_watch(root: Path, kata: Kata, runs: int, before: Path | None = None) -> tuple[Measure, float]:
    path = root / "katas" / kata.folder / kata.module
    path.write_text(kata.solved, encoding="utf-8")
    lines = Lines([*watch_command(before), "watch", str(Path("katas") / kata.folder)], root)
    try:
        lines.wait_for(DONE, timeout=180)
        measure = time_saves(lines, alternating(root, kata, runs), DONE, pause=0.6)
        time.sleep(1.0)
        before_idle = cpu_seconds(lines.process.pid)
        time.sleep(5.0)
        idle = (cpu_seconds(lines.process.pid) - before_idle) / 5.0 * 100
    finally:
        lines.stop()
    return measure, idle


def bench_move(root: Path, first: Kata, second: Kata, runs: int, before: Path | None = None) -> Measure:
    """Failing saves alternating between two katas: each run is the first after moving to its kata."""
    paths = [root / "katas" / kata.folder / kata.module for kata in (first, second)]
    paths[0].write_text(first.fail, encoding="utf-8")
    lines = Lines([*watch_command(before), "watch", str(Path("katas") / first.folder)], root)
    try:
        lines.wait_for(DONE, timeout=180)
        saves = [(paths[number % 2], (first, second)[number % 2].fail, True) for number in range(1, runs + 1)]
        saves = [(path, text + f"\n# save {number}\n", True) for number, (path, text, _) in enumerate(saves)]
        return time_saves(lines, saves, DONE, pause=0.6)
    finally:
        lines.stop()


def bench_ptw(root: Path, kata: Kata, runs: int) -> Measure:
    path = root / "katas" / kata.folder / kata.module
    path.write_text(kata.solved, encoding="utf-8")
    marker = "BENCH-RESULT"
    folder = str(Path("katas") / kata.folder)
    lines = Lines([str(BIN / "ptw"), folder, "--onpass", f"echo {marker}", "--onfail", f"echo {marker}"], root)
    try:
        lines.wait_for(marker, timeout=180)
        return time_saves(lines, alternating(root, kata, runs), marker, pause=0.8)
    finally:
        lines.stop()


def bench_cold(root: Path, kata: Kata, runs: int) -> Measure:
    measure = Measure()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    loads = []
    for path, text, failing in alternating(root, kata, runs):
        path.write_text(text, encoding="utf-8")
        loads.append(os.getloadavg()[0])
        start = time.perf_counter()
        args = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", str(Path("katas") / kata.folder)]
        subprocess.run(args, cwd=path.parents[3], capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        (measure.done_fail if failing else measure.done_pass).append(elapsed)
        if failing:
            measure.first.append(elapsed)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    measure.cpu_per_save = (after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime) / runs
    measure.load = statistics.mean(loads)
    return measure


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))] if ordered else float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


ROWS: list[str] = []
"""The Markdown table rows, printed at the end for the README."""


def report(kata: Kata, tool: str, measure: Measure, ptw: Measure | None) -> None:
    first, fail, done = measure.first, measure.done_fail, measure.done_pass
    print(
        f"  {tool:<20} first failure {ms(median(first)):>8} (p90 {ms(p90(first)):>8})   "
        f"complete, failing {ms(median(fail)):>8} (p90 {ms(p90(fail)):>8})   "
        f"complete, passing {ms(median(done)):>8} (p90 {ms(p90(done)):>8})   "
        f"CPU/save {ms(measure.cpu_per_save):>7}   load {measure.load:.1f}   (n={len(first) + len(done)})"
    )
    REPEATS[tool, kata.name] = median(fail)
    ratio = ""
    if ptw is not None and measure is not ptw and done:
        ratio = f"{median(ptw.done_pass) / median(done):.1f}x"
        print(
            f"    vs pytest-watch: complete passing screen {ratio} faster, first failure "
            f"{median(ptw.first) / median(first):.1f}x faster, {ptw.cpu_per_save / measure.cpu_per_save:.1f}x less CPU"
        )
    ROWS.append(
        f"| {kata.label} | {tool} | {ms(median(first))} / {ms(p90(first))} | {ms(median(fail))} | "
        f"{ms(median(done))} / {ms(p90(done))} | {ratio or '-'} | {ms(measure.cpu_per_save)} | {measure.load:.1f} |"
    )


TARGETS = {"tool": 0.100, "stdlib": 0.120, "flask": 0.150, "fastapi": 0.150, "write-tests": 1.0}
"""Issue 22's targets for save -> first failure on screen (the write-tests kata: the first missed bug)."""


def check_targets(kata: Kata, watch: Measure, ptw: Measure | None) -> None:
    first = median(watch.first)
    target = TARGETS[kata.name]
    verdict = "met" if first <= target else f"MISSED by {ms(first - target)}"
    spread = p90(watch.first) / first if first else float("nan")
    print(f"  target first failure <= {ms(target)}: {ms(first)} {verdict}; p90/median {spread:.2f} (target <= 1.5)")
    if kata.name == "write-tests":
        done = median(watch.done_fail)
        print(f"  target complete grading <= 1500 ms: {ms(done)} {'met' if done <= 1.5 else 'MISSED'}")
    if ptw is not None and watch.done_pass:
        ratio = median(ptw.done_pass) / median(watch.done_pass)
        print(
            f"  target passing screen >= 10x faster than pytest-watch: {ratio:.1f}x {'met' if ratio >= 10 else 'MISSED'}"
        )


REPEATS: dict[tuple[str, str], float] = {}
"""Median complete screen of failing saves per (tool, kata), to compare the first run after a move with."""


def bench_moves(root: Path, katas: list[Kata], runs: int, tools: list[tuple[str, Path | None]]) -> None:
    stdlib, flask = katas[1], katas[2]
    print("\nmoving between the stdlib and Flask katas (each save is in the other kata: the first run after a move)")
    for label, source in tools:
        move = bench_move(root, stdlib, flask, runs, source)
        repeat = [REPEATS[label, kata.name] for kata in (stdlib, flask) if (label, kata.name) in REPEATS]
        ratio = median(move.done_fail) / statistics.mean(repeat) if repeat else float("nan")
        print(
            f"  {label:<20} complete {ms(median(move.done_fail))} (p90 {ms(p90(move.done_fail))}), first failure "
            f"{ms(median(move.first))}, CPU/save {ms(move.cpu_per_save)}, load {move.load:.1f}; "
            f"{ratio:.1f}x a repeat run (target <= 2x)"
        )
        ROWS.append(
            f"| first run after a move (stdlib <-> Flask) | {label} | {ms(median(move.first))} | "
            f"{ms(median(move.done_fail))} ({ratio:.1f}x a repeat run) | - | - | {ms(move.cpu_per_save)} | "
            f"{move.load:.1f} |"
        )


def source_of(ref: str, target: Path) -> Path:
    """The `src/` folder of commit `ref`, extracted into `target`."""
    target.mkdir()
    archive = subprocess.run(["git", "archive", ref, "src"], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=10, help="saves timed for kata watch (half failing)")
    options.add_argument("--slow-runs", type=int, default=4, help="saves timed for ptw and cold pytest")
    options.add_argument("--skip-ptw", action="store_true")
    options.add_argument("--skip-cold", action="store_true")
    options.add_argument("--only", nargs="+", choices=[*TARGETS, "move"], help="bench these katas only")
    options.add_argument("--before", metavar="GIT_REF", help="also bench the kata watch of this commit")
    options.add_argument("--ref", metavar="GIT_REF", help="bench the kata watch of this commit, not the working tree's")
    args = options.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (wall-clock figures grow with the load)")
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as folder:
        root = Path(folder) / "ws"
        root.mkdir()
        before = source_of(args.before, Path(folder) / "before") if args.before else None
        current = source_of(args.ref, Path(folder) / "current") if args.ref else None
        katas = build_workspace(root)
        for kata in katas:
            if args.only and kata.name not in args.only:
                continue
            print(f"\n{kata.label} ({kata.folder})")
            watch, idle = bench_kata_watch(root, kata, args.runs, current)
            ptw = None if args.skip_ptw else bench_ptw(root, kata, args.slow_runs)
            report(kata, "kata watch", watch, ptw)
            if before is not None:
                old, _ = bench_kata_watch(root, kata, args.runs, before)
                report(kata, f"kata watch {args.before}", old, ptw)
            if not args.skip_cold:
                report(kata, "cold pytest", bench_cold(root, kata, args.slow_runs), ptw)
            if ptw is not None:
                report(kata, "pytest-watch", ptw, ptw)
            check_targets(kata, watch, ptw)
            print(f"  kata watch CPU while idle: {idle:.1f}%")
        if not args.only or "move" in args.only:
            bench_moves(
                root,
                katas,
                args.runs,
                [("kata watch", None)] + ([(f"kata watch {args.before}", before)] if before else []),
            )
    print(
        "\n| kata | tool | first failure median / p90 | complete (failing) | complete (passing) median / p90 "
        "| pytest-watch / this (passing) | CPU per save | load |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(ROWS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
