"""The workspace on disk: where katas, projects and their solutions live.

Everything the `kata` tool and the self-check know about the curriculum is
discovered here from the folder layout described in the README's "Layout"
section; nothing is registered by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("implement", "fix", "write-tests", "configure", "project")
_NUMBERED = re.compile(r"^(\d\d)_([a-z0-9_]+)$")
_KIND_LINE = re.compile(r"^\*\*Kind:\*\*\s*([a-z-]+)", re.MULTILINE)
_HINT = re.compile(r"<details>\s*<summary>\s*Hint \d+\s*</summary>(.*?)</details>", re.DOTALL)
_TASK = re.compile(r"^## (\d+)\. ", re.MULTILINE)
_CONCEPT = re.compile(r"`([a-z0-9][a-z0-9-]*)`")
# Files beside a solution that describe the kata (hints, wrong answers, planted bugs) rather than answer it.
META_FILES = frozenset({"kata.toml", "variants.toml"})
# What a reference copy leaves out: caches, and the learner's tests (a project's tests/, a kata's test_*.py and
# conftest.py). A write-tests kata's answer is a test file: it comes from the solution, which is copied whole.
_NOT_REFERENCE = ("__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", "*.pyc")


@dataclass(frozen=True)
class Exercise:
    """One kata (`katas/NN_topic/NN_slug/`) or project (`projects/NN_slug/`)."""

    root: Path
    path: Path
    topic: str
    slug: str

    @property
    def name(self) -> str:
        return self.slug

    @property
    def is_project(self) -> bool:
        return self.topic == "projects"

    @property
    def relpath(self) -> Path:
        return self.path.relative_to(self.root)

    @property
    def solution_path(self) -> Path:
        return self.root / "solutions" / self.relpath

    @property
    def readme(self) -> str:
        try:
            return (self.path / "README.md").read_text(encoding="utf-8")
        except OSError:
            return ""

    @property
    def kind(self) -> str:
        if self.is_project:
            return "project"
        match = _KIND_LINE.search(self.readme)
        return match.group(1) if match else "implement"

    @property
    def meta(self) -> dict[str, Any]:
        """`kata.toml` beside the solution: hint ladders per task, the wrong-answer gallery; {} if absent."""
        try:
            with (self.solution_path / "kata.toml").open("rb") as file:
                return tomllib.load(file)
        except OSError:
            return {}

    @property
    def tasks(self) -> list[int]:
        """The numbers of the README's tasks (`## 1. ...`), in order."""
        return [int(number) for number in _TASK.findall(self.readme)]

    @property
    def teaches(self) -> list[str]:
        return self._concepts("Teaches")

    @property
    def requires(self) -> list[str]:
        return self._concepts("Requires")

    def _concepts(self, label: str) -> list[str]:
        match = re.search(rf"^\*\*{label}:\*\*(.*)$", self.readme, re.MULTILINE)
        return _CONCEPT.findall(match.group(1)) if match else []

    @property
    def hint_ladders(self) -> dict[str, list[str]]:
        """Hints by task number (`"1"`, `"2"`, ...), or `"general"` for a kata not yet laddered per task."""
        ladders = self.meta.get("hints", {})
        if not ladders:  # projects still keep theirs in the README
            hints = [hint.strip() for hint in _HINT.findall(self.readme)]
            return {"general": hints} if hints else {}
        return {str(key): [str(hint).strip() for hint in hints] for key, hints in ladders.items()}

    def hints_for(self, task: int | None) -> list[str]:
        """The ladder for `task`, else the general hints."""
        ladders = self.hint_ladders
        return ladders.get(str(task)) or ladders.get("general") or []

    @property
    def hints(self) -> list[str]:
        """Every hint, task by task."""
        return [hint for ladder in self.hint_ladders.values() for hint in ladder]

    def test_files(self) -> list[Path]:
        return sorted(self.path.rglob("test_*.py"))

    def learner_files(self) -> list[Path]:
        """The files a learner edits: everything here that has a mirror under solutions/."""
        mirror = self.solution_path
        if not mirror.is_dir():
            return []
        return sorted(
            self.path / answer.relative_to(mirror)
            for answer in mirror.rglob("*")
            if answer.is_file() and "__pycache__" not in answer.parts and answer.name not in META_FILES
        )


def lay_out_reference(exercise: Exercise, folder: Path) -> Path:
    """Copy the reference answer into `folder`, as a finished learner's folder holds it; return `folder`.

    `solutions/` holds only the files a learner writes; the files the starter gives (modules, templates, data)
    are only in the learner's folder. So the copy is the starter's folder without its tests, with the
    solution's files laid over it, minus the starter files the tasks move away (`removes` in the solution's
    `kata.toml`).
    """
    tests = shutil.ignore_patterns(*_NOT_REFERENCE, "tests", "test_*.py", "conftest.py")
    shutil.copytree(exercise.path, folder, ignore=tests, dirs_exist_ok=True)
    answers = shutil.ignore_patterns(*_NOT_REFERENCE, *META_FILES)
    shutil.copytree(exercise.solution_path, folder, ignore=answers, dirs_exist_ok=True)
    for moved in exercise.meta.get("removes", []):  # starter files the tasks move or delete
        (folder / moved).unlink()
    return folder


def find_root(start: Path | None = None) -> Path:
    """The workspace root: the nearest folder at or above `start` holding `katas/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "katas").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    raise LookupError(f"no Backend Katas workspace (a folder with katas/ and pyproject.toml) at or above {here}")


def numbered(folder: Path) -> list[Path]:
    """Sub-folders named `NN_slug`, in order."""
    if not folder.is_dir():
        return []
    return sorted(child for child in folder.iterdir() if child.is_dir() and _NUMBERED.match(child.name))


def slug_of(folder: Path) -> str:
    match = _NUMBERED.match(folder.name)
    return match.group(2) if match else folder.name


def discover(root: Path) -> list[Exercise]:
    """Every kata in curriculum order, then every project."""
    exercises = [
        Exercise(root=root, path=kata, topic=topic.name, slug=slug_of(kata))
        for topic in numbered(root / "katas")
        for kata in numbered(topic)
    ]
    exercises += [
        Exercise(root=root, path=project, topic="projects", slug=slug_of(project))
        for project in numbered(root / "projects")
    ]
    return exercises


def exercise_for(path: Path, exercises: list[Exercise]) -> Exercise | None:
    """The exercise a file or folder belongs to, whether it is the learner's copy or the solution."""
    place = str(path.resolve())
    for exercise in exercises:
        for home in (exercise.path, exercise.solution_path):
            if _within(place, str(home)):
                return exercise
    return None


def _within(place: str, folder: str) -> bool:
    """Is `place` the folder itself or inside it? (Strings, not pathlib: this runs at the start of every check.)"""
    return place == folder or place.startswith(folder.rstrip(os.sep) + os.sep)


def exercises_under(path: Path, exercises: list[Exercise]) -> list[Exercise]:
    """The exercises inside `path`, or the one exercise that contains it."""
    path = path.resolve()
    inside = [ex for ex in exercises if _within(str(ex.path), str(path))]
    if inside:
        return inside
    owner = exercise_for(path, exercises)
    return [owner] if owner else []
