"""Given code lives in given modules, not in the learner's file: no mutation allow-list entry may excuse it.

Code the learner is given but never writes (an app factory, a parser, a helper) is the same in the starter and
the solution. Left inside the learner's file it is mutated like the answer, and its survivors end up excused in
tools/mutation_allow.toml. Moved to a given module (one the solution does not change), it is never mutated.
"""

from __future__ import annotations

import ast
import copy
import re
import tomllib
from pathlib import Path

import pytest

from kata.workspace import discover

ALLOW_FILE = Path(__file__).parents[1] / "tools" / "mutation_allow.toml"
# `pkg.module.x_function__mutmut_3` or `pkg.module.xǁClassǁmethod__mutmut_7` (names may hold double underscores).
MUTANT = re.compile(r"^(?P<module>[\w.]+?)\.(?:x_(?P<function>\w+)|xǁ(?P<cls>\w+)ǁ(?P<method>\w+))__mutmut_\d+$")


def _without_docstring(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The code of a function, its docstring left out (a starter's may add "written for you")."""
    bare = copy.copy(node)
    if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
        bare.body = node.body[1:]
    return ast.dump(bare)


def _function(source: Path, cls: str | None, name: str) -> str | None:
    """The code of a module-level function, or of a method of a module-level class; None if there is none."""
    if not source.is_file():
        return None
    scope: list[ast.stmt] = ast.parse(source.read_text(encoding="utf-8")).body
    if cls is not None:
        classes = [node for node in scope if isinstance(node, ast.ClassDef) and node.name == cls]
        scope = classes[0].body if classes else []
    for node in scope:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return _without_docstring(node)
    return None


def given_code_entries(root: Path, allow: dict[str, dict[str, str]]) -> list[str]:
    """The allow-list entries whose mutant lives in a function the starter already holds, unchanged."""
    exercises = {ex.slug: ex for ex in discover(root)}
    found = []
    for slug, entries in allow.items():
        exercise = exercises.get(slug)
        if exercise is None:
            continue
        for mutant in entries:
            match = MUTANT.match(mutant)
            assert match, f"[{slug}] {mutant!r} is not a mutant name mutmut gives"
            relative = Path(*match["module"].split(".")).with_suffix(".py")
            cls, name = match["cls"], match["function"] or match["method"]
            answer = _function(exercise.solution_path / relative, cls, name)
            if answer is not None and answer == _function(exercise.path / relative, cls, name):
                found.append(f"[{slug}] {mutant}: {'.'.join(filter(None, (cls, name)))} is given")
    return found


def test_no_allow_list_entry_excuses_given_code(root: Path) -> None:
    allow = tomllib.loads(ALLOW_FILE.read_text(encoding="utf-8"))
    found = given_code_entries(root, allow)
    assert not found, (
        "these mutants are in code the starter already gives, unchanged: move that code into a given module beside "
        "the learner's file (the solution does not copy it, so it is never mutated) and drop the entries:\n  "
        + "\n  ".join(found)
    )


STARTER = '''
import functools


@functools.cache
def parse(line: str) -> list[str]:
    """Split a line. Written for you."""
    return line.split(",")


class Tally:
    def add(self, item: str) -> None:
        raise NotImplementedError("add: write me (task 1)")

    def reset(self) -> None:
        self.items: list[str] = []
'''
SOLUTION = '''
import functools


@functools.cache
def parse(line: str) -> list[str]:
    """Split a line."""
    return line.split(",")


class Tally:
    def add(self, item: str) -> None:
        self.items.append(item)

    def reset(self) -> None:
        self.items: list[str] = []
'''


@pytest.mark.parametrize(
    ("mutant", "given"),
    [
        ("tally.x_parse__mutmut_1", True),  # the same code, only the docstring differs
        ("tally.xǁTallyǁreset__mutmut_2", True),
        ("tally.xǁTallyǁadd__mutmut_1", False),  # the learner's answer
        ("tally.x_missing__mutmut_1", False),
    ],
)
def test_the_check_catches_given_code(tmp_path: Path, mutant: str, given: bool) -> None:
    kata = Path("katas/01_topic/01_tally")
    for home, text in ((tmp_path / kata, STARTER), (tmp_path / "solutions" / kata, SOLUTION)):
        home.mkdir(parents=True)
        (home / "tally.py").write_text(text)
    found = given_code_entries(tmp_path, {"tally": {mutant: "a reason"}})
    assert bool(found) == given, f"{mutant}: expected {'a' if given else 'no'} report, got {found}"
