"""Fixtures for the deploy project: your files (the reference ones under --solutions), and real processes.

Nothing here needs a Docker engine. The app code is the blog from project 4, always its reference solution
(see deploy_support.py), so an unfinished blog of yours cannot fail a deploy test. Each app runs in a process of
its own, as on a server: the environment is read fresh, and `blog` is never imported into the test process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from deploy_support import BLOG_ROOT, SECRET, Instruction
from dockerfile_parse import DockerfileParser

from kata.grading.configure import BIN


@pytest.fixture
def project_dir(kata_file: Callable[[str], Path]) -> Path:
    """This project's folder: yours, or the reference one with --solutions. Commands run here (the image's /app)."""
    return kata_file(".")


@pytest.fixture
def prod_env(project_dir: Path, tmp_path: Path) -> dict[str, str]:
    """A production-like environment: SECRET_KEY set, DATABASE_URL unset (so SQLite in the temp dir `tmp_path`)."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "PYTHONPATH", "PORT")}
    env.update(
        SECRET_KEY=SECRET,
        TMPDIR=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(project_dir), str(BLOG_ROOT)]),
        PYTHONDONTWRITEBYTECODE="1",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        GUNICORN_CMD_ARGS="--no-control-socket",  # parallel runs would otherwise share ~/.gunicorn/gunicorn.ctl
    )
    return env


@pytest.fixture
def dockerfile(kata_file: Callable[[str], Path]) -> Path:
    """Your Dockerfile (the reference one under --solutions)."""
    return kata_file("Dockerfile")


@pytest.fixture
def stages(dockerfile: Path) -> list[list[Instruction]]:
    """The Dockerfile cut into build stages, each starting with its FROM (comments left out)."""
    found: list[list[Instruction]] = []
    for item in DockerfileParser(str(dockerfile)).structure:
        if item["instruction"] == "COMMENT":
            continue
        if item["instruction"] == "FROM" or not found:
            found.append([])
        found[-1].append(Instruction(item["instruction"], item["value"]))
    assert found, "the Dockerfile is empty"
    return found
