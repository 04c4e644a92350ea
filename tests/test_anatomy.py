"""The self-check of what each kata teaches: a lesson before the tasks, a hint ladder per task, prerequisites in order.

A kata's README declares `**Teaches:**` and `**Requires:**` concepts (kebab-case names in backticks) and
opens with a `## Lesson`; its hints live beside the solution in `kata.toml`, one ladder per task. A kata whose
`kata.toml` still says `legacy = true` has not been rewritten this way yet: it keeps its general hints, and
only the checks that hold for every kata apply to it (the README's "Conventions" section says so).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kata.workspace import Exercise, discover
from tests.conftest import workspace_root

EXERCISES = discover(workspace_root())
KATAS = [exercise for exercise in EXERCISES if not exercise.is_project]
IDS = [str(exercise.relpath) for exercise in KATAS]
MIN_RUNGS = 3  # a question, where to read, the idea on other data
MIN_CODE_LINE = 20  # characters (spaces ignored): shorter lines are idioms, not answers
MAX_SHARED_LINES = 2  # whole lines of the answer one hint may share (an API call such as a rollback)
MIN_CODE_PART = 40  # characters: a part of one of the answer's lines this long gives it away
CODE = re.compile(r"```[a-z]*\n(.*?)```|`([^`\n]+)`", re.DOTALL)


def _is_legacy(kata: Exercise) -> bool:
    return bool(kata.meta.get("legacy"))


def _is_quiz(kata: Exercise) -> bool:
    return bool(kata.meta.get("quiz"))


def _code_lines(markdown: str) -> list[str]:
    """The lines of code in a piece of Markdown (fenced blocks and inline spans), without imports."""
    lines = [line for block, span in CODE.findall(markdown) for line in (block or span).splitlines()]
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith(("import ", "from "))]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _lines(folder: Path) -> set[str]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != "kata.toml" and "__pycache__" not in p.parts]
    return {
        _squeeze(line.split("  #")[0])
        for path in files
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    }


def _solution_lines(kata: Exercise) -> set[str]:
    """The lines of the reference answer that the starter does not already give (comments dropped)."""
    return _lines(kata.solution_path) - _lines(kata.path)


def _answers_in(markdown: str, solution: set[str]) -> list[str]:
    """The answer's code in `markdown`: more than a few of its lines, or a long part of one."""
    whole, parts = [], []
    for line in _code_lines(markdown):
        squeezed = _squeeze(line)
        if len(squeezed) >= MIN_CODE_PART and any(squeezed in answer for answer in solution):
            parts.append(line)
        elif len(squeezed) >= MIN_CODE_LINE and squeezed in solution:
            whole.append(line)
    return parts + (whole if len(whole) > MAX_SHARED_LINES else [])


def _lesson(readme: str) -> str:
    match = re.search(r"^## Lesson\n(.*?)(?=^## )", readme, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def _task_markers(test_file: Path) -> dict[str, int | None]:
    """Each test function's `@pytest.mark.task(taskno=N)` number (None when it has none)."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    markers: dict[str, int | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_"):
            markers[node.name] = None
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("mark.task"):
                    numbers = [kw.value for kw in decorator.keywords if kw.arg == "taskno"] + decorator.args
                    markers[node.name] = ast.literal_eval(numbers[0]) if numbers else None
    return markers


@pytest.mark.parametrize("kata", KATAS, ids=IDS)
def test_hints_are_out_of_plain_sight(kata: Exercise) -> None:
    assert "<details>" not in kata.readme, (
        f"{kata.relpath}/README.md shows its hints to anyone who opens it: move them to "
        f"solutions/{kata.relpath}/kata.toml, where `kata hint` reveals them one at a time"
    )
    if _is_quiz(kata):
        assert not kata.hint_ladders, f"{kata.relpath} is a closing quiz: it has no hints"
    else:
        assert len(kata.hints) >= 2, f"{kata.relpath} needs hints in solutions/{kata.relpath}/kata.toml"


@pytest.mark.parametrize("kata", KATAS, ids=IDS)
def test_declares_what_it_teaches_and_requires(kata: Exercise) -> None:
    if _is_legacy(kata):
        return  # not rewritten yet: nothing declared, nothing to check
    readme = kata.readme
    assert kata.teaches, f"{kata.relpath}/README.md needs a '**Teaches:**' line naming its concepts in backticks"
    assert re.search(r"^\*\*Requires:\*\* \S", readme, re.MULTILINE), (
        f"{kata.relpath}/README.md needs a '**Requires:**' line (concepts in backticks, or 'nothing yet')"
    )


@pytest.mark.parametrize("kata", KATAS, ids=IDS)
def test_lesson_comes_before_the_tasks(kata: Exercise) -> None:
    if _is_legacy(kata):
        return
    readme = kata.readme
    lesson = _lesson(readme)
    assert lesson, f"{kata.relpath}/README.md needs a '## Lesson' section that teaches before it asks"
    first_task = re.search(r"^## 1\. ", readme, re.MULTILINE)
    assert first_task, f"{kata.relpath}/README.md needs numbered tasks"
    assert readme.index("## Lesson") < first_task.start(), "the lesson comes before task 1"
    assert "```" in lesson, f"the lesson of {kata.relpath} needs a worked example in a fenced code block"
    leaked = _answers_in(lesson, _solution_lines(kata))
    assert not leaked, f"the lesson of {kata.relpath} shows the solution's own code; use other data:\n{leaked}"


@pytest.mark.parametrize("kata", KATAS, ids=IDS)
def test_every_task_has_its_own_hint_ladder(kata: Exercise) -> None:
    if _is_legacy(kata) or _is_quiz(kata):
        return
    tasks = kata.tasks
    assert tasks == list(range(1, len(tasks) + 1)), f"{kata.relpath}: tasks must be numbered 1, 2, ...: {tasks}"
    ladders = kata.hint_ladders
    expected = {str(task) for task in tasks}
    assert set(ladders) == expected, (
        f"solutions/{kata.relpath}/kata.toml needs one hint ladder per task, [hints] keys {sorted(expected)}; "
        f"has {sorted(ladders)}"
    )
    for task, ladder in ladders.items():
        assert len(ladder) >= MIN_RUNGS, f"{kata.relpath} task {task}: a ladder has {MIN_RUNGS} or more hints"
        assert "?" in ladder[0], (
            f"{kata.relpath} task {task}: the first hint asks a question that points at the concept"
        )


@pytest.mark.parametrize("kata", KATAS, ids=IDS)
def test_no_hint_holds_the_solution(kata: Exercise) -> None:
    if _is_legacy(kata):
        return  # its general hints are rewritten as ladders together with the lesson
    solution = _solution_lines(kata)
    leaked = {
        f"task {task}, hint {rung}": found
        for task, ladder in kata.hint_ladders.items()
        for rung, hint in enumerate(ladder, start=1)
        if (found := _answers_in(hint, solution))
    }
    assert not leaked, (
        f"hints of {kata.relpath} hold lines of the reference solution (show the idea on other data):\n{leaked}"
    )


@pytest.mark.parametrize("kata", KATAS, ids=IDS)
def test_every_test_names_its_task(kata: Exercise) -> None:
    if _is_legacy(kata) or kata.kind == "write-tests":
        return  # a write-tests kata's test file is the learner's own
    tasks = set(kata.tasks)
    markers = {name: task for path in kata.test_files() for name, task in _task_markers(path).items()}
    unmarked = sorted(name for name, task in markers.items() if task not in tasks)
    assert not unmarked, f"tests of {kata.relpath} without @pytest.mark.task(taskno=N) for a README task: {unmarked}"
    untested = sorted(tasks - set(markers.values()))
    assert not untested, f"{kata.relpath}: no test checks task(s) {untested}"


def test_prerequisites_are_taught_first(root: Path) -> None:
    """Each concept a kata requires is taught by an earlier kata; a project's, by a kata of its topic or before."""
    taught: dict[str, Exercise] = {}
    problems = []
    for exercise in discover(root):
        if exercise.is_project:
            continue
        missing = [concept for concept in exercise.requires if concept not in taught]
        if missing:
            problems.append(f"{exercise.relpath} requires {missing}, which no earlier kata teaches")
        for concept in exercise.teaches:
            taught.setdefault(concept, exercise)
    for project in (exercise for exercise in discover(root) if exercise.is_project):
        for number, concepts in _project_requirements(project):
            for concept in concepts:
                teacher = taught.get(concept)
                if teacher is None or teacher.topic[:2] > number:
                    problems.append(
                        f"{project.relpath} requires `{concept}`, which no kata of topics 01-{number} teaches"
                    )
                elif teacher.relpath.as_posix().removeprefix("katas/") not in project.readme:
                    problems.append(
                        f"{project.relpath}/README.md must link {teacher.relpath}, which teaches `{concept}`"
                    )
    assert not problems, "\n".join(problems)


def _project_requirements(project: Exercise) -> list[tuple[str, list[str]]]:
    """(topic number, concepts): `**Requires:**` from its own topic or before; `**Requires after topic NN:**`
    for a milestone that the learner comes back to once topic NN is done (the README says which)."""
    later = re.findall(r"^\*\*Requires after topic (\d\d):\*\*(.*)$", project.readme, re.MULTILINE)
    own = (project.path.name[:2], project.requires)
    return [own, *((number, re.findall(r"`([a-z0-9][a-z0-9-]*)`", line)) for number, line in later)]


@pytest.mark.parametrize("project", [e for e in EXERCISES if e.is_project], ids=lambda e: str(e.relpath))
def test_every_project_declares_what_it_builds_on(project: Exercise) -> None:
    assert project.requires, (
        f"{project.relpath}/README.md needs a '**Requires:**' line: the concepts (taught by katas of its topic or "
        "earlier) that it builds on, each kata linked in a 'Builds on' section"
    )
