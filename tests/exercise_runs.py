"""Run one exercise's tests in a process of its own and read back its results file.

Each run is a child forked from a warm server: one `python -m tests.exercise_runs`
per xdist worker, which has imported pytest, its plugins and the frameworks once
(`kata.engine.preload`), exactly as `kata watch` does for the learner. The child imports
the exercise's own files afresh and reads no cached bytecode, so nothing of one
run reaches the next; only the cost of starting an interpreter and importing
pytest, Flask, SQLAlchemy, FastAPI... is paid once per worker instead of once per run.
`KATA_COLD_RUNS=1` starts a fresh `python -m pytest` per run instead.

Hypothesis draws the same examples on every run of the self-check (`--hypothesis-seed`, 0 unless
`KATA_HYPOTHESIS_SEED` says otherwise), so a green self-check stays green and a red one is red again on
the next machine. Hunting for new failures is a separate command, `make hunt`: it sets
`KATA_HYPOTHESIS_SEED=random`, each run draws a seed of its own and a failing run names it, so that
`KATA_HYPOTHESIS_SEED=<seed>` replays it. A case found that way becomes an explicit `@example`.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from kata.engine.child import Job
from kata.workspace import Exercise

RUN_TIMEOUT_S = 600


@dataclass(frozen=True)
class Run:
    """What one pytest run of an exercise produced."""

    returncode: int
    results: dict[str, Any]
    output: str
    seed: str = "0"

    @property
    def tests(self) -> list[dict[str, Any]]:
        return list(self.results.get("tests", []))

    def summary(self) -> str:
        lines = [
            f"exit code {self.returncode}, status {self.results.get('status')}, hypothesis seed {self.seed} "
            f"(replay: KATA_HYPOTHESIS_SEED={self.seed})"
        ]
        lines += [f"  {t['status']:5} {t['exception'] or '':22} {t['name']}" for t in self.tests]
        if self.results.get("message"):
            lines.append(str(self.results["message"]))
        lines.append(self.output[-3000:])
        return "\n".join(lines)


def hypothesis_seed() -> str:
    """The seed of this run's hypothesis examples: fixed (0) unless `KATA_HYPOTHESIS_SEED` sets one or says `random`."""
    seed = os.environ.get("KATA_HYPOTHESIS_SEED", "0")
    return str(random.randrange(2**32)) if seed == "random" else seed


def run_exercise(exercise: Exercise, *, solutions: bool, tests: list[str] | None = None) -> Run:
    """Run `pytest` on the exercise (against its solution when `solutions`) in a process of its own.

    `tests`: only these test files of the exercise (paths inside its folder), not all of them.
    """
    seed = hypothesis_seed()
    with tempfile.TemporaryDirectory(prefix="kata-selfcheck-") as tmp:
        job = Job(
            root=str(exercise.root),
            slug=exercise.slug,
            targets=[str(exercise.relpath / test) for test in tests] if tests else [str(exercise.relpath)],
            folder=str(exercise.relpath),
            results=str(Path(tmp) / "results.json"),
            locations=str(Path(tmp) / "locations.json"),
            log=str(Path(tmp) / "pytest.log"),
            extra_args=[*(["--solutions"] if solutions else []), f"--hypothesis-seed={seed}"],
        )
        returncode = _cold_run(job) if os.environ.get("KATA_COLD_RUNS") == "1" else _server().run(job)
        log = Path(job.log)
        output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        results_file = Path(job.results)
        results = json.loads(results_file.read_text()) if results_file.exists() else {"status": "error", "tests": []}
        return Run(returncode, results, output, seed)


def _cold_run(job: Job) -> int:
    """The same run in a fresh interpreter: `python -m pytest ...`."""
    command = [sys.executable, "-m", "pytest", *job.pytest_args()]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with open(job.log, "w", encoding="utf-8") as log:
        proc = subprocess.run(
            command, cwd=job.root, stdout=log, stderr=subprocess.STDOUT, timeout=RUN_TIMEOUT_S, env=env, check=False
        )
    return proc.returncode


class WarmServer:
    """The client side: one server process, one job at a time (an xdist worker runs one test at a time)."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.exercise_runs"],
            cwd=Path(__file__).parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._jobs, self._replies = self._process.stdin, self._process.stdout
        atexit.register(self.close)

    def run(self, job: Job) -> int:
        self._jobs.write(json.dumps(asdict(job)) + "\n")
        self._jobs.flush()
        reply = self._replies.readline()
        if not reply:
            raise RuntimeError(f"the warm test server died (exit code {self._process.poll()})")
        return int(json.loads(reply)["returncode"])

    def close(self) -> None:
        self._jobs.close()
        self._process.wait(timeout=30)


_SERVERS: list[WarmServer] = []


def _server() -> WarmServer:
    if not _SERVERS:
        _SERVERS.append(WarmServer())
    return _SERVERS[0]


def serve(jobs: IO[str], replies: IO[str]) -> None:
    """The server side: warm up, then fork one child per job line and answer with its exit code."""
    from kata.engine.preload import warm
    from kata.engine.runner import Runner

    warm()
    for line in jobs:
        job = Job(**json.loads(line))
        runner = Runner(Path(job.root), fork=True, hard_timeout=RUN_TIMEOUT_S)
        handle = runner.start(job)
        if not handle.wait(RUN_TIMEOUT_S):
            handle.kill("timeout")
            handle.wait()
        _learn(job)
        replies.write(json.dumps({"returncode": handle.returncode}) + "\n")
        replies.flush()


def _learn(job: Job) -> None:
    """Import here the library modules the child had to import, so later children find them loaded."""
    from kata.engine.preload import warm

    try:
        names = json.loads(Path(job.locations).read_text(encoding="utf-8")).get("imported", [])
    except (OSError, ValueError, AttributeError):
        return
    missing = tuple(str(name) for name in names if name not in sys.modules)
    if missing:
        warm(missing, plugins=False)


if __name__ == "__main__":
    # Replies go to a private copy of stdout; anything else printed here goes to stderr.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    serve(sys.stdin, replies)
