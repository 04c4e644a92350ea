"""Run one exercise's tests in a subprocess and read back its results file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kata.workspace import Exercise

RUN_TIMEOUT_S = 600


@dataclass(frozen=True)
class Run:
    """What one pytest run of an exercise produced."""

    returncode: int
    results: dict[str, Any]
    output: str

    @property
    def tests(self) -> list[dict[str, Any]]:
        return list(self.results.get("tests", []))

    def summary(self) -> str:
        lines = [f"exit code {self.returncode}, status {self.results.get('status')}"]
        lines += [f"  {t['status']:5} {t['exception'] or '':22} {t['name']}" for t in self.tests]
        if self.results.get("message"):
            lines.append(str(self.results["message"]))
        lines.append(self.output[-3000:])
        return "\n".join(lines)


def run_exercise(exercise: Exercise, *, solutions: bool) -> Run:
    """Run `pytest` on the exercise (against its solution when `solutions`) in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix="kata-selfcheck-") as tmp:
        results_file = Path(tmp) / "results.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            str(exercise.path),
            "-q",
            "--no-header",
            "--tb=line",  # the self-check reads the crash line; long tracebacks only cost time
            "-p",
            "no:xdist",
            f"--kata-results={results_file}",
        ]
        if solutions:
            command.append("--solutions")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run(
            command, cwd=exercise.root, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env, check=False
        )
        output = proc.stdout + proc.stderr
        results = json.loads(results_file.read_text()) if results_file.exists() else {"status": "error", "tests": []}
        return Run(proc.returncode, results, output)
