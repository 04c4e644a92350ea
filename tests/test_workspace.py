"""The self-check, workspace-wide: names are unique, numbering has no gaps, the README tells the truth."""

from __future__ import annotations

import configparser
import os
import re
import tomllib
from collections import Counter
from pathlib import Path

from kata import classroom, manifest
from kata.docs import render
from kata.workspace import discover, numbered

IGNORED_DIRS = {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}
NOT_MODULES = {"conftest.py", "__init__.py", "__main__.py"}


def _numbers(folders: list[Path]) -> list[int]:
    return [int(folder.name[:2]) for folder in folders]


def test_numbering_has_no_gaps(root: Path) -> None:
    groups = {"katas/": numbered(root / "katas"), "projects/": numbered(root / "projects")}
    groups |= {f"katas/{topic.name}/": numbered(topic) for topic in numbered(root / "katas")}
    for where, folders in groups.items():
        numbers = _numbers(folders)
        assert numbers == list(range(1, len(numbers) + 1)), (
            f"{where} numbering must run 01, 02, ... with no gaps: {numbers}"
        )


def test_no_stray_folders_among_katas(root: Path) -> None:
    for topic in numbered(root / "katas"):
        expected = {folder.name for folder in numbered(topic)}
        stray = [p.name for p in topic.iterdir() if p.is_dir() and p.name not in expected | IGNORED_DIRS]
        assert not stray, f"katas/{topic.name} has folders that are not NN_slug katas: {stray}"


def test_slugs_are_unique(root: Path) -> None:
    counts = Counter(exercise.slug for exercise in discover(root))
    duplicates = sorted(slug for slug, n in counts.items() if n > 1)
    assert not duplicates, f"slugs must be unique across the workspace: {duplicates}"


def top_level_modules(folder: Path) -> list[str]:
    """Names importable from the top of an exercise folder: modules outside packages, and packages."""
    names = []
    for path in folder.rglob("*.py"):
        if IGNORED_DIRS & set(path.parts) or path.name in NOT_MODULES:
            continue
        if (path.parent / "__init__.py").exists():
            continue
        names.append(path.stem)
    names += [
        init.parent.name for init in folder.rglob("__init__.py") if not (init.parent.parent / "__init__.py").exists()
    ]
    return names


def test_module_names_are_unique(root: Path) -> None:
    counts = Counter(top_level_modules(root / "katas") + top_level_modules(root / "projects"))
    duplicates = sorted(name for name, n in counts.items() if n > 1)
    assert not duplicates, f"module and test file names must be unique across katas/ and projects/: {duplicates}"


def test_every_solution_belongs_to_an_exercise(root: Path) -> None:
    homes = {exercise.solution_path for exercise in discover(root)}
    for where in ("katas", "projects"):
        base = root / "solutions" / where
        candidates = (
            [kata for topic in numbered(base) for kata in numbered(topic)] if where == "katas" else numbered(base)
        )
        orphans = [str(p.relative_to(root)) for p in candidates if p not in homes]
        assert not orphans, f"solutions without a kata or project: {orphans}"


def test_solutions_hold_only_what_the_learner_writes(root: Path) -> None:
    """A file under solutions/ that is the same as the learner's copy as shipped is given code, not an answer: it
    belongs in the learner's folder only (solution mode lays the solution over that folder), or a fix to it is
    made twice. Compared with the shipped starter (kata-manifest.json), so a learner's solved copy passes."""
    recorded = manifest.load(root)
    shipped = recorded["starters"] | recorded["protected"]
    copies = []
    for answer in (root / "solutions").rglob("*"):
        relpath = answer.relative_to(root / "solutions")
        if answer.is_file() and "__pycache__" not in relpath.parts:
            given = shipped.get(relpath.as_posix()) or manifest.file_id(root / relpath)
            if given == manifest.file_id(answer):
                copies.append(str(answer.relative_to(root)))
    assert not copies, f"these solution files are unchanged copies of what the starter gives; delete them: {copies}"


def test_ruff_knows_each_solution_package(root: Path) -> None:
    """A project's solution may lack its package's __init__.py (given, in projects/ only): pyproject.toml names the
    folder a package for ruff, so a solution sorts its imports as the starter does (its package's own last)."""
    listed = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["ruff"]["namespace-packages"]
    packages = [
        init.parent.relative_to(root)
        for project in numbered(root / "projects")
        for init in project.glob("*/__init__.py")
    ]
    wanted = [f"solutions/{package.as_posix()}" for package in packages if (root / "solutions" / package).is_dir()]
    missing = sorted(set(wanted) - set(listed))
    assert not missing, f"list each project's package under solutions/ in [tool.ruff] namespace-packages: {missing}"
    # an entry whose project is here but which is not one of its packages is left over (a copy may lack projects)
    projects = {project.name for project in numbered(root / "projects")}
    stale = [entry for entry in listed if entry not in wanted and Path(entry).parts[2] in projects]
    assert not stale, f"[tool.ruff] namespace-packages names folders that are no project's package: {stale}"


def test_readme_topic_table_is_current(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert render(readme, root) == readme, "the README's generated blocks are out of date: run `python -m kata.docs`"


def test_manifest_records_the_tests_as_shipped(root: Path) -> None:
    """kata-manifest.json holds every test file as shipped. Starters change as a learner works, so only their list is
    compared, except in CI (the workspace itself), where they must be exactly the shipped ones too."""
    wanted, recorded = manifest.build(root), manifest.load(root)
    changed = sorted(set(wanted["protected"].items()) ^ set(recorded["protected"].items()))
    advice = "run `python -m kata.docs` (or, in your copy, `./kata reset --tests SLUG` to bring a test file back)"
    assert not changed, f"kata-manifest.json differs for {sorted({path for path, _ in changed})}: {advice}"
    if os.environ.get("CI"):
        assert recorded["starters"] == wanted["starters"], "a starter changed: run `python -m kata.docs`"
    else:
        assert recorded["starters"].keys() == wanted["starters"].keys(), "run `python -m kata.docs`"


def test_classroom_workflow_is_current(root: Path) -> None:
    path = root / classroom.WORKFLOW
    assert path.is_file(), f"{classroom.WORKFLOW} is missing: run `python -m kata.docs`"
    assert path.read_text(encoding="utf-8") == classroom.render(root), "run `python -m kata.docs`"


CURRICULUM = (
    "python_basics",
    "oop",
    "data_structures",
    "flask",
    "databases",
    "rest_apis",
    "async",
    "testing",
    "devops",
    "advanced",
)


def test_topic_folders_follow_the_curriculum(root: Path) -> None:
    topics = tuple(re.sub(r"^\d\d_", "", topic.name) for topic in numbered(root / "katas"))
    assert topics == CURRICULUM[: len(topics)], f"katas/ must hold the curriculum's topics in order: {CURRICULUM}"


def test_pyproject_stays_readable_by_pytest_watch(root: Path) -> None:
    """pytest-watch reads pytest's config file with ConfigParser: a `]` alone at the start of a line breaks `ptw`."""
    parser = configparser.ConfigParser()
    try:
        parser.read(root / "pyproject.toml", encoding="utf-8")
    except configparser.Error as error:
        raise AssertionError(f"ptw cannot read pyproject.toml (indent closing brackets): {error}") from None
