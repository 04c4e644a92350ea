"""The learner's state: the workspace, its exercises and the progress kept in `.kata/`.

`AppState` is built once in `kata.cli.main` and handed to every command.
`.kata/` lives inside the workspace (ignored by git), so it survives a
container rebuild:

    .kata/progress.json        current kata, hints revealed, solved katas, cached results
    .kata/results/<slug>.json  the last run of each exercise (exercism results.json, version 3)
    .kata/runs/                logs and failure locations of the last runs
    .kata/backups/<stamp>/     learner files saved before a reset or restore
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from kata import messages
from kata.workspace import Exercise, discover, exercise_for

STATE_DIR = ".kata"


class KataError(Exception):
    """A problem to show the learner as one clear message (never a traceback)."""


def fingerprint(exercise: Exercise) -> str:
    """A hash of everything that decides the exercise's result: the learner's files, and every module there (the
    tests, conftests and the modules the kata gives)."""
    modules = [path for path in exercise.path.rglob("*.py") if "__pycache__" not in path.parts]
    files = {*exercise.learner_files(), *modules}
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(exercise.path)).encode())
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


@dataclass
class Progress:
    """`.kata/progress.json`: read before and written after every change, so concurrent `kata` commands agree."""

    path: Path

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _update(self, key: str, name: str, value: Any) -> None:
        data = self.load()
        data.setdefault(key, {})[name] = value
        self.save(data)

    def save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)

    @property
    def current(self) -> str | None:
        value = self.load().get("current")
        return value if isinstance(value, str) else None

    def set_current(self, slug: str) -> None:
        data = self.load()
        data["current"] = slug
        self.save(data)

    def hints_seen(self, slug: str, ladder: str = "general") -> int:
        """How many hints of `ladder` (a task number as text, or "general") the learner has seen."""
        seen = self.load().get("hints", {}).get(slug, {})
        if isinstance(seen, int):  # before ladders per task, one count per kata
            seen = {"general": seen}
        return int(seen.get(ladder, 0)) if isinstance(seen, dict) else 0

    def set_hints_seen(self, slug: str, count: int, ladder: str = "general") -> None:
        data = self.load()
        hints = data.setdefault("hints", {})
        seen = hints.get(slug)
        seen = {"general": seen} if isinstance(seen, int) else seen if isinstance(seen, dict) else {}
        seen[ladder] = count
        hints[slug] = seen
        self.save(data)

    def solved(self) -> set[str]:
        return set(self.load().get("solved", {}))

    def cached(self, slug: str, digest: str) -> dict[str, Any] | None:
        """The cached summary of the last run of `slug`, if its files have not changed since."""
        entry = self.load().get("results", {}).get(slug)
        return entry if isinstance(entry, dict) and entry.get("fingerprint") == digest else None

    def last(self, slug: str) -> dict[str, Any] | None:
        entry = self.load().get("results", {}).get(slug)
        return entry if isinstance(entry, dict) else None

    def record(self, slug: str, digest: str, status: str, passed: int, total: int) -> None:
        data = self.load()
        data.setdefault("results", {})[slug] = {
            "fingerprint": digest,
            "status": status,
            "passed": passed,
            "total": total,
        }
        if status == "pass":
            data.setdefault("solved", {})[slug] = True
        self.save(data)

    def milestones(self, slug: str) -> dict[str, str]:
        """A project's test files (relative to the root) and whether each passed when it last ran."""
        value = self.load().get("milestones", {}).get(slug, {})
        return value if isinstance(value, dict) else {}

    def record_milestones(self, slug: str, statuses: dict[str, str]) -> None:
        data = self.load()
        data.setdefault("milestones", {}).setdefault(slug, {}).update(statuses)
        self.save(data)


@dataclass
class AppState:
    """Everything a command needs: where the workspace is, what is in it and what the learner has done."""

    root: Path
    console: Console
    exercises: list[Exercise] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path, console: Console) -> AppState:
        return cls(root=root, console=console, exercises=discover(root))

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def progress(self) -> Progress:
        return Progress(self.state_dir / "progress.json")

    def results_path(self, exercise: Exercise) -> Path:
        return self.state_dir / "results" / f"{exercise.slug}.json"

    def refresh(self) -> None:
        """Look at the folders again (a kata was added, renamed or deleted)."""
        self.exercises = discover(self.root)

    def find(self, name: str) -> Exercise:
        """The exercise called `name`: a slug, a folder name (`01_types_and_operators`), a path, or a unique prefix."""
        for exercise in self.exercises:
            if name in (exercise.slug, exercise.path.name, str(exercise.relpath)):
                return exercise
        candidate = Path(name)
        if candidate.exists():
            found = exercise_for(candidate, self.exercises)
            if found is not None:
                return found
        starting = [ex for ex in self.exercises if ex.slug.startswith(name)]
        if len(starting) == 1:
            return starting[0]
        close = difflib.get_close_matches(name, [ex.slug for ex in self.exercises], n=3)
        close += [ex.slug for ex in starting if ex.slug not in close]
        suggestion = messages.DID_YOU_MEAN.format(names=", ".join(close)) if close else ""
        raise KataError(messages.UNKNOWN_KATA.format(name=name, suggestion=suggestion))

    def next_unsolved(self, after: Exercise | None = None) -> Exercise | None:
        """The first exercise (after `after`, wrapping around) whose last run did not pass."""
        progress = self.progress.load().get("results", {})
        order = self.exercises
        if after is not None and after in order:
            index = order.index(after)
            order = order[index + 1 :] + order[: index + 1]
        for exercise in order:
            if progress.get(exercise.slug, {}).get("status") != "pass":
                return exercise
        return None

    def current(self) -> Exercise | None:
        """The kata the learner is on: the last one worked on, else the first not yet solved."""
        slug = self.progress.current
        for exercise in self.exercises:
            if exercise.slug == slug:
                return exercise
        return self.next_unsolved()

    def pick(self, name: str | None) -> Exercise:
        """The exercise a command acts on: the one named, or the current one."""
        if name:
            return self.find(name)
        exercise = self.current()
        if exercise is None:
            if not self.exercises:
                raise KataError(messages.UNKNOWN_KATA.format(name="(any)", suggestion=""))
            raise KataError(messages.ALL_SOLVED)
        return exercise
