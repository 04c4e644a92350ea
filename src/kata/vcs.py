"""The starter files as git knows them: the source of truth for reset, and for spotting edited tests."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from kata.state import AppState, KataError


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


def edited_tests(state: AppState, paths: list[Path]) -> list[Path]:
    """Test files the learner changed: compared with git, or else with the hash seen the first time."""
    changed = changed_from_head(state.root, paths)
    if changed is not None:
        return changed
    known = state.progress.test_hashes()
    edited = []
    for path in paths:
        key = path.relative_to(state.root).as_posix()
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        if key not in known:
            state.progress.set_test_hash(key, digest)
        elif known[key] != digest:
            edited.append(path)
    return edited
