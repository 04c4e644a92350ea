"""Fixtures for the calculator's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(kata_file: Callable[[str], os.PathLike[str]]) -> RunCli:
    """Run `python -m calculator ARGS...` as a real process (yours, or the solution's with --solutions)."""
    package_root = os.fspath(kata_file("."))

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": package_root, "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.run(
            [sys.executable, "-m", "calculator", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=package_root,
            env=env,
            timeout=20,
            check=False,
        )

    return run
