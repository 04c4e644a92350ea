"""A learner's mistakes give one clear message and never a crash of the tool (real child processes)."""

from __future__ import annotations

import os
import py_compile
import sys
from pathlib import Path

import pytest

from kata import manifest, messages
from kata.commands.check import run_check
from kata.engine.child import forget_bytecode
from kata.engine.outcome import Outcome
from kata.engine.preload import remembered
from kata.engine.runner import Runner
from tests.test_kata_helpers import ADDER, ADDER_SOLUTION, ADDER_STARTER, app_state, make_workspace, write


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_workspace(tmp_path / "ws", git=False, timeout=1).resolve()
    monkeypatch.chdir(root)
    return root


def check(root: Path, source: str | None = None, *, runner: Runner | None = None) -> Outcome:
    if source is not None:
        write(root / ADDER / "adder.py", source)
    state, _ = app_state(root)
    return run_check(state, runner or Runner(root), state.find("adder"))


def lines(outcome: Outcome) -> list[str]:
    return [failure.line_text() for failure in outcome.failures]


def test_a_syntax_error_points_at_the_line(workspace: Path) -> None:
    outcome = check(workspace, "def add(a, b):\n    return (a +\n")
    assert outcome.status == "error"
    assert outcome.problem == messages.COLLECTION_ERROR.format(slug="adder")
    assert lines(outcome) == [f"{ADDER}/adder.py:2: (loading the tests): SyntaxError: '(' was never closed"]


def test_an_infinite_loop_hits_the_per_test_timeout(workspace: Path) -> None:
    outcome = check(workspace, "def add(a, b):\n    while True:\n        pass\n")
    assert outcome.status == "fail"
    for failure in outcome.failures:
        assert "loop" in failure.message, f"the message should suggest an endless loop: {failure.message}"
        assert f"in add() at {ADDER}/adder.py:" in failure.message, "the message names the learner's line"
    assert all(failure.path == f"{ADDER}/adder.py" for failure in outcome.failures)


def test_an_async_hang_names_the_learners_line_not_the_event_loop(workspace: Path) -> None:
    hang = "import asyncio\n\nasync def wait():\n    await asyncio.Event().wait()\n\ndef add(a, b):\n    asyncio.run(wait())\n"
    outcome = check(workspace, hang)
    assert outcome.status == "fail"
    assert f"in wait() at {ADDER}/adder.py:4" in outcome.failures[0].message
    assert "selectors" not in outcome.failures[0].message


def test_a_learners_except_exception_cannot_swallow_the_timeout(workspace: Path) -> None:
    swallow = (
        "def add(a, b):\n    while True:\n        try:\n            pass\n        except Exception:\n            pass\n"
    )
    outcome = check(workspace, swallow)
    assert outcome.status == "fail", outcome.problem
    assert "timed out" in outcome.failures[0].message


def test_a_loop_that_ignores_the_timeout_is_killed(workspace: Path) -> None:
    write(
        workspace / "pyproject.toml", (workspace / "pyproject.toml").read_text().replace("timeout = 1", "timeout = 0")
    )
    outcome = check(
        workspace, "def add(a, b):\n    while True:\n        pass\n", runner=Runner(workspace, hard_timeout=2)
    )
    assert outcome.status == "error"
    test = f"{ADDER}/test_adder.py::test_adds_small_numbers"
    assert outcome.problem == messages.HARD_TIMEOUT.format(
        slug="adder", seconds=2, where=messages.HARD_TIMEOUT_IN.format(test=test)
    ), "the hard kill names the test that was running"


def test_input_is_explained_instead_of_pytests_advice(workspace: Path) -> None:
    outcome = check(workspace, "def add(a, b):\n    return int(input('a number: '))\n")
    assert outcome.status == "fail"
    assert {failure.message for failure in outcome.failures} == {messages.INPUT_MESSAGE}


def test_sys_exit_in_a_function_fails_that_test(workspace: Path) -> None:
    outcome = check(workspace, "import sys\n\ndef add(a, b):\n    sys.exit(1)\n")
    assert outcome.status == "fail"
    assert {failure.message for failure in outcome.failures} == {messages.SYS_EXIT_MESSAGE}


def test_sys_exit_at_import_time_is_explained(workspace: Path) -> None:
    outcome = check(workspace, "import sys\nsys.exit(0)\n")
    assert outcome.status == "error"
    assert lines(outcome) == [f"{ADDER}/adder.py:2: (loading the tests): {messages.SYS_EXIT_MESSAGE}"]


def test_os_exit_kills_the_run_not_the_tool(workspace: Path) -> None:
    outcome = check(workspace, "import os\n\ndef add(a, b):\n    os._exit(7)\n")
    assert outcome.status == "error"
    assert outcome.problem is not None
    assert "os._exit()" in outcome.problem


def test_a_deleted_file_says_how_to_get_it_back(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").unlink()
    outcome = check(workspace)
    assert outcome.problem == messages.MISSING_FILE.format(slug="adder", path=Path(ADDER) / "adder.py")


def test_a_deleted_given_module_says_how_to_get_it_back(workspace: Path) -> None:
    """A module the kata gives (shipped, with no mirror under solutions/) is missing: the same clear advice."""
    write(workspace / ADDER / "adder_rules.py", "LIMIT = 10\n")
    manifest.write(workspace)
    (workspace / ADDER / "adder_rules.py").unlink()
    outcome = check(workspace)
    assert outcome.problem == messages.MISSING_FILE.format(slug="adder", path=Path(ADDER) / "adder_rules.py")


def test_a_stray_kata_folder_is_reported_not_fatal(workspace: Path) -> None:
    write(workspace / "katas/01_basics/03_scratch/notes.py", "x = 1\n")
    state, _ = app_state(workspace)
    stray = state.find("scratch")
    outcome = run_check(state, Runner(workspace), stray)
    assert outcome.status == "error"
    assert outcome.problem == messages.NO_TESTS.format(slug="scratch")


def test_a_quick_second_save_never_runs_stale_bytecode(workspace: Path) -> None:
    """Same size, same mtime, and a cached .pyc of the old version: the new code must still run."""
    path = workspace / ADDER / "adder.py"
    wrong = ADDER_SOLUTION.replace("a + b", "a * b")
    assert len(wrong) == len(ADDER_SOLUTION)
    write(path, wrong)
    py_compile.compile(str(path), doraise=True)
    stamp = path.stat().st_mtime_ns
    write(path, ADDER_SOLUTION)
    os.utime(path, ns=(stamp, stamp))
    assert check(workspace).status == "pass"
    assert not list((workspace / ADDER).glob("__pycache__/test_adder*")), "children must not write bytecode"


def test_a_check_of_one_test_file_forgets_the_bytecode_of_the_whole_exercise(workspace: Path) -> None:
    """A project milestone check targets one file in tests/; the stale .pyc may be the learner's package."""
    state, _ = app_state(workspace)
    exercise = state.find("adder")
    job = Runner(workspace).job(exercise, exercise.test_files())
    assert job.folder == str(ADDER), "the job names the exercise's folder, whatever files it targets"
    stale = workspace / ADDER / "package" / "__pycache__" / "module.cpython-311.pyc"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    forget_bytecode(workspace, [job.folder])
    assert not stale.exists(), "bytecode anywhere under the exercise's folder is deleted"


@pytest.mark.timeout(60)
def test_the_subprocess_fallback_gives_the_same_result(workspace: Path) -> None:
    outcome = check(workspace, ADDER_STARTER, runner=Runner(workspace, fork=False, preload=("pytest",)))
    assert outcome.status == "fail"
    assert lines(outcome)[0].startswith(f"{ADDER}/adder.py:6: test_adds_small_numbers: NotImplementedError")


def test_the_parent_learns_the_library_modules_a_child_imported(workspace: Path) -> None:
    sys.modules.pop("tabnanny", None)
    outcome = check(workspace, "import tabnanny\n\n\ndef add(a, b):\n    return a + b\n")
    assert outcome.status == "pass"
    assert "tabnanny" in sys.modules, "the warm parent imports what the child needed, for the next run"
    assert "tabnanny" in remembered(workspace), "and remembers it for the next session"
    assert "adder" not in remembered(workspace), "never the learner's own modules"


def test_a_bare_pytest_at_the_top_puts_no_exercise_on_the_import_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make test` runs a bare `pytest` at the top: the workspace's own `tests` package must stay importable,
    not be found in a project's tests/ folder."""
    from kata.engine.pytest_plugin import _exercises_in_args
    from tests.conftest import workspace_root

    monkeypatch.chdir(workspace_root())
    assert _exercises_in_args(["-p", "kata.engine.pytest_plugin", "-q"]) == []
    monkeypatch.chdir(workspace_root() / "katas" / "01_python_basics")
    assert len(_exercises_in_args([])) > 1, "in a topic folder, a bare pytest runs that topic's katas"


def test_a_long_k_expression_is_not_taken_for_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pytest -k "a or b or ..."`: a value longer than a file name may be must not crash the plugin."""
    from kata.engine.pytest_plugin import _exercises_in_args
    from tests.conftest import workspace_root

    monkeypatch.chdir(workspace_root() / "katas" / "01_python_basics")
    expression = " or ".join(f"name_{number}" for number in range(200))
    assert _exercises_in_args(["-k", expression]) == _exercises_in_args([])
