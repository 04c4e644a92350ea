"""The starter files as git knows them: the source of truth for `kata reset` and `kata list`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kata.state import KataError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise KataError(str(error)) from error


def starter(root: Path, path: Path) -> bytes:
    """The committed version of `path` (`git show HEAD:path`); KataError when git cannot give it."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    result = _git(root, "show", f"HEAD:{relative}")
    if result.returncode != 0:
        raise KataError(result.stderr.decode(errors="replace").strip() or "git show failed")
    return result.stdout


def changed_from_head(root: Path, paths: list[Path]) -> list[Path] | None:
    """Which of `paths` differ from HEAD; None when this is not a git checkout."""
    if not paths:
        return []
    try:
        result = _git(root, "diff", "--name-only", "HEAD", "--", *(str(path) for path in paths))
    except KataError:
        return None
    if result.returncode != 0:
        return None
    names = {line.strip() for line in result.stdout.decode().splitlines() if line.strip()}
    return [path for path in paths if path.resolve().relative_to(root.resolve()).as_posix() in names]
