"""`kata reset KATA|--all` and `kata restore [KATA]`: start over, or take it back. Nothing is ever lost.

Reset writes the starter files from git (`git show HEAD:path`) after copying
the learner's versions to `.kata/backups/<timestamp>/<same path>`. Restore
copies the latest backup of a kata back, after backing up what it replaces.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text

from kata import manifest, messages
from kata.state import AppState, KataError
from kata.vcs import starter
from kata.workspace import Exercise


def backup(state: AppState, files: list[Path]) -> Path:
    """Copy `files` (those that exist) into a new timestamped folder under `.kata/backups/`."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    folder = state.state_dir / "backups" / stamp
    for path in files:
        if path.is_file():
            target = folder / path.relative_to(state.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return folder


def reset_files(exercise: Exercise) -> list[Path]:
    return sorted({*exercise.learner_files(), *exercise.test_files()})


def shipped_contents(state: AppState, exercise: Exercise, *, tests_only: bool = False) -> dict[Path, bytes]:
    """The exercise's files as shipped: its tests from the manifest (whatever was committed since), and, unless
    `tests_only`, its starters from git."""
    contents: dict[Path, bytes] = {}
    for relpath, blob in manifest.shipped(state.root, exercise).items():
        try:
            contents[state.root / relpath] = manifest.original(state.root, relpath, blob)
        except manifest.OriginalMissingError as error:
            raise KataError(messages.NOT_IN_GIT.format(path=relpath, error=error)) from error
    files = exercise.test_files() if tests_only else reset_files(exercise)
    for path in files:
        if path in contents:
            continue
        try:
            contents[path] = starter(state.root, path)
        except KataError as error:
            raise KataError(messages.NOT_IN_GIT.format(path=path.relative_to(state.root), error=error)) from error
    return contents


def reset(state: AppState, exercise: Exercise, *, tests_only: bool = False) -> tuple[Path, list[Path]] | None:
    """Put the starter (or only the tests) back; return the backup folder and the files rewritten, or None when
    nothing differed."""
    originals = shipped_contents(state, exercise, tests_only=tests_only)
    changed = [path for path, content in originals.items() if not path.is_file() or path.read_bytes() != content]
    if not changed:
        return None
    folder = backup(state, changed)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(originals[path])
    return folder, changed


def _report_reset(state: AppState, exercise: Exercise, done: tuple[Path, list[Path]] | None) -> None:
    if done is None:
        state.console.print(Text(messages.RESET_NOTHING.format(slug=exercise.slug)))
        return
    folder, rewritten = done
    names = ", ".join(str(path.relative_to(state.root)) for path in rewritten)
    if not folder.is_dir():  # every file was missing: nothing of the learner's to keep
        text = messages.RESET_DONE_NO_BACKUP.format(slug=exercise.slug, files=names)
    else:
        text = messages.RESET_DONE.format(slug=exercise.slug, files=names, backup=folder.relative_to(state.root))
    state.console.print(Text(text, style="green"))


def main_reset(
    state: AppState, name: str | None, *, everything: bool = False, yes: bool = False, tests: bool = False
) -> int:
    if not everything:
        exercise = state.pick(name)
        _report_reset(state, exercise, reset(state, exercise, tests_only=tests))
        return 0
    if not yes and not confirm(messages.RESET_ALL_CONFIRM.format(count=len(state.exercises))):
        state.console.print(messages.RESET_ABORTED)
        return 1
    for exercise in state.exercises:
        _report_reset(state, exercise, reset(state, exercise))
    return 0


def latest_backup(state: AppState, exercise: Exercise) -> Path | None:
    """The newest backup folder holding files of this exercise."""
    backups = state.state_dir / "backups"
    if not backups.is_dir():
        return None
    for folder in sorted(backups.iterdir(), reverse=True):
        if (folder / exercise.relpath).is_dir():
            return folder
    return None


def restore(state: AppState, exercise: Exercise) -> tuple[Path, Path]:
    """Copy the latest backup back; return (the backup used, the backup of what it replaced)."""
    folder = latest_backup(state, exercise)
    if folder is None:
        raise KataError(messages.NO_BACKUP.format(slug=exercise.slug))
    saved_files = [p for p in (folder / exercise.relpath).rglob("*") if p.is_file()]
    targets = [state.root / path.relative_to(folder) for path in saved_files]
    saved = backup(state, targets)
    for source, target in zip(saved_files, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return folder, saved


def main_restore(state: AppState, name: str | None) -> int:
    exercise = state.pick(name)
    folder, saved = restore(state, exercise)
    text = messages.RESTORE_DONE.format(
        slug=exercise.slug, backup=folder.relative_to(state.root), saved=saved.relative_to(state.root)
    )
    state.console.print(Text(text, style="green"))
    return 0


def confirm(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        print()
        return False
