"""Save-to-result latency of `kata watch`, pytest-watch (`ptw`) and a cold `pytest`, on the same katas.

    .venv/bin/python bench/watch_latency.py [--runs 15] [--slow-runs 5] [--skip-ptw] [--only tool|stdlib|flask]

It builds a throw-away workspace in a temporary folder (this repository's
pyproject.toml and three katas: a two-test adder that shows the tool's own
overhead, a copy of the stdlib kata 01_types_and_operators with its hypothesis
property, and a small Flask kata written here), then for each tool saves the
kata file again and again, alternating a failing and a passing version, and
times from the write to the line that reports the result. It prints median and
p90 per tool and kata, the CPU time each save cost (user + system, children
included: a figure a loaded machine does not inflate the way it inflates wall
time), the ratios, and the CPU `kata watch` uses while idle.

pytest-watch reads its options with ConfigParser from the file pytest uses
(pyproject.toml), which fails on TOML arrays whose closing bracket starts a
line; the copy used here has those brackets indented.
"""

from __future__ import annotations

import argparse
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STDLIB_SOURCE = "01_python_basics/04_types_and_operators"
STDLIB = "01_stdlib/01_types_and_operators"
FLASK = "04_flask/01_bench_greeter"
MINIMAL = "00_tool_overhead/01_bench_adder"
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
    folder: str
    module: str
    fail: str
    solved: str


def write_kata(target: Path, name: str, folder: str, module: str, texts: tuple[str, str, str]) -> Kata:
    """A kata named `name` in `folder`: (starter, solution, tests)."""
    starter, solution, tests = texts
    for base, text in (("katas", starter), ("solutions/katas", solution)):
        (target / base / folder).mkdir(parents=True)
        (target / base / folder / module).write_text(text, encoding="utf-8")
    (target / "katas" / folder / "README.md").write_text("# Bench\n\n**Kind:** implement\n", encoding="utf-8")
    (target / "katas" / folder / f"test_{module}").write_text(tests, encoding="utf-8")
    return Kata(name, folder, module, starter, solution)


def build_workspace(target: Path) -> list[Kata]:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    (target / "pyproject.toml").write_text(pyproject.replace("\n]\n", "\n    ]\n"), encoding="utf-8")
    stdlib = "types_and_operators.py"
    starter, solution = (REPO / base / STDLIB_SOURCE / stdlib for base in ("katas", "solutions/katas"))
    tests = REPO / "katas" / STDLIB_SOURCE / f"test_{stdlib}"
    read = (
        starter.read_text(encoding="utf-8"),
        solution.read_text(encoding="utf-8"),
        tests.read_text(encoding="utf-8"),
    )
    return [
        write_kata(target, "tool", MINIMAL, "bench_adder.py", (ADDER_STARTER, ADDER_SOLUTION, ADDER_TESTS)),
        write_kata(target, "stdlib", STDLIB, stdlib, read),
        write_kata(target, "flask", FLASK, "bench_greeter.py", (FLASK_STARTER, FLASK_SOLUTION, FLASK_TESTS)),
    ]


class Lines:
    """A process whose output lines are read by a thread, so the benchmark can wait for a marker."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def drain(self) -> None:
        while not self.lines.empty():
            self.lines.get_nowait()

    def wait_for(self, marker: str, timeout: float = 120.0) -> float:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if marker in line:
                return time.perf_counter()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and of the children it has waited for (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


@dataclass
class Measure:
    """Save-to-result times, and the CPU seconds each save cost (a figure that load does not inflate)."""

    timings: list[float]
    cpu_per_save: float


def time_saves(lines: Lines, path: Path, kata: Kata, marker: str, *, runs: int, pause: float) -> Measure:
    timings = []
    cpu = 0.0
    for number in range(runs):
        time.sleep(pause)
        lines.drain()
        before = cpu_seconds(lines.process.pid)
        start = time.perf_counter()
        path.write_text(kata.solved if number % 2 == 0 else kata.fail, encoding="utf-8")
        timings.append(lines.wait_for(marker) - start)
        time.sleep(0.2)  # let the child be reaped, so its CPU time is counted
        cpu += cpu_seconds(lines.process.pid) - before
    return Measure(timings, cpu / runs)


def bench_kata_watch(root: Path, kata: Kata, runs: int) -> tuple[Measure, float]:
    path = root / "katas" / kata.folder / kata.module
    path.write_text(kata.fail, encoding="utf-8")
    lines = Lines([str(BIN / "kata"), "watch", str(Path("katas") / kata.folder)], root)
    try:
        lines.wait_for("kata: done", timeout=180)
        measure = time_saves(lines, path, kata, "kata: done", runs=runs, pause=0.4)
        time.sleep(1.0)
        before = cpu_seconds(lines.process.pid)
        time.sleep(5.0)
        idle = (cpu_seconds(lines.process.pid) - before) / 5.0 * 100
    finally:
        lines.stop()
    return measure, idle


def bench_ptw(root: Path, kata: Kata, runs: int) -> Measure:
    path = root / "katas" / kata.folder / kata.module
    path.write_text(kata.fail, encoding="utf-8")
    marker = "BENCH-RESULT"
    folder = str(Path("katas") / kata.folder)
    lines = Lines([str(BIN / "ptw"), folder, "--onpass", f"echo {marker}", "--onfail", f"echo {marker}"], root)
    try:
        lines.wait_for(marker, timeout=180)
        return time_saves(lines, path, kata, marker, runs=runs, pause=0.6)
    finally:
        lines.stop()


def bench_cold(root: Path, kata: Kata, runs: int) -> Measure:
    path = root / "katas" / kata.folder / kata.module
    timings = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for number in range(runs):
        path.write_text(kata.solved if number % 2 == 0 else kata.fail, encoding="utf-8")
        start = time.perf_counter()
        args = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", str(Path("katas") / kata.folder)]
        subprocess.run(args, cwd=root, capture_output=True, check=False)
        timings.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Measure(timings, cpu / runs)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def report(name: str, measure: Measure) -> float:
    values = measure.timings
    median = statistics.median(values)
    print(
        f"  {name:<14} median {median * 1000:6.0f} ms   p90 {p90(values) * 1000:6.0f} ms   "
        f"CPU per save {measure.cpu_per_save * 1000:6.0f} ms   (n={len(values)})"
    )
    return median


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=15, help="saves timed for kata watch")
    options.add_argument("--slow-runs", type=int, default=5, help="saves timed for ptw and cold pytest")
    options.add_argument("--skip-ptw", action="store_true")
    options.add_argument("--only", choices=["tool", "stdlib", "flask"], help="bench one kata only")
    args = options.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (wall-clock figures grow with the load)")
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as folder:
        root = Path(folder)
        for kata in build_workspace(root):
            if args.only and kata.name != args.only:
                continue
            print(f"\n{kata.name} kata ({kata.folder})")
            watch, idle = bench_kata_watch(root, kata, args.runs)
            medians = {"kata watch": (report("kata watch", watch), watch.cpu_per_save)}
            tools: dict[str, Callable[[Path, Kata, int], Measure]] = {"cold pytest": bench_cold}
            if not args.skip_ptw:
                tools["pytest-watch"] = bench_ptw
            for name, bench in tools.items():
                measure = bench(root, kata, args.slow_runs)
                medians[name] = (report(name, measure), measure.cpu_per_save)
            fast, fast_cpu = medians["kata watch"]
            for name, (median, cpu) in medians.items():
                if name != "kata watch":
                    print(
                        f"  kata watch vs {name}: {median / fast:.1f}x faster, {cpu / fast_cpu:.1f}x less CPU per save"
                    )
            print(f"  kata watch CPU while idle: {idle:.1f}%")
            print(f"  load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
