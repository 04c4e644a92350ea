"""The `kata` commands, each on a throw-away workspace: list, check, hint, next, reset, restore, diff."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kata import cli, manifest, messages
from kata.commands import check, diff, hints, listing, reset
from kata.commands import next as next_kata
from kata.state import KataError
from tests.test_kata_helpers import ADDER, ADDER_SOLUTION, ADDER_WRONG, GREETER, app_state, make_workspace


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_workspace(tmp_path / "ws").resolve()
    monkeypatch.chdir(root)
    monkeypatch.setattr(check, "warm_workspace", lambda root: [])  # this test process has loaded pytest already
    return root


def test_check_prints_each_failure_as_path_line_message(workspace: Path) -> None:
    state, out = app_state(workspace)
    assert check.main(state, "adder", as_json=False) == 1
    text = out.getvalue()
    assert "kata: checking adder" in text
    assert f"{ADDER}/adder.py:6: test_adds_small_numbers: NotImplementedError: add: write me (task 1)" in text
    assert "(and 1 more like it)" in text
    assert text.rstrip().endswith("kata: done adder (failed)")
    results = json.loads((workspace / ".kata/results/adder.json").read_text())
    assert results["version"] == 3
    assert results["status"] == "fail"


def test_check_shows_the_assertion_message_that_teaches(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_WRONG)
    state, out = app_state(workspace)
    check.main(state, "adder", as_json=False)
    assert f"{ADDER}/test_adder.py:8: test_adds_small_numbers: add(1, 2) should be 3: use +" in out.getvalue()


def test_check_passes_and_remembers_the_kata_as_solved(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_SOLUTION)
    state, out = app_state(workspace)
    assert check.main(state, "adder", as_json=False) == 0
    assert "kata: done adder (passed)" in out.getvalue()
    assert "adder" in state.progress.solved()


def test_check_json_prints_the_results_file(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state, _ = app_state(workspace)
    check.main(state, "adder", as_json=True)
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == "fail"
    assert {test["status"] for test in document["tests"]} == {"fail"}


def test_check_without_a_name_runs_the_current_kata(workspace: Path) -> None:
    state, out = app_state(workspace)
    state.progress.set_current("greeter")
    check.main(state, None, as_json=False)
    assert "kata: checking greeter" in out.getvalue()


def test_list_runs_once_then_answers_from_the_cache(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_SOLUTION)
    state, out = app_state(workspace)
    rows = {row.exercise.slug: row.status for row in listing.statuses(state)}
    assert rows == {"adder": "done", "greeter": "not started"}

    def no_runs(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached kata ran again")

    monkeypatch.setattr(listing, "run_many", no_runs)
    listing.main(state)
    assert "done" in out.getvalue()
    assert "1/2 solved" in out.getvalue()


def test_list_says_failing_once_the_learner_started(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_WRONG)
    state, _ = app_state(workspace)
    rows = {row.exercise.slug: row.status for row in listing.statuses(state)}
    assert rows["adder"] == "failing"


@pytest.mark.timeout(60)  # runs the kata's tests to find the failing task
def test_hints_come_one_at_a_time_and_are_remembered(workspace: Path) -> None:
    state, out = app_state(workspace)
    hints.main(state, "adder")
    assert "Hint 1 of 2" in out.getvalue()
    assert "Use the + operator" in out.getvalue()
    assert "return a + b" not in out.getvalue()
    state2, out2 = app_state(workspace)
    hints.main(state2, "adder")
    hints.main(state2, "adder")
    assert "Hint 2 of 2" in out2.getvalue()
    assert messages.HINTS_EXHAUSTED.format(slug="adder") in out2.getvalue()
    assert state2.progress.hints_seen("adder") == 2


def test_next_names_the_first_unsolved_kata_and_opens_it_in_vscode(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state, _ = app_state(workspace)
    state.progress.record("adder", "x", "pass", 2, 2)
    opened: list[list[str]] = []
    monkeypatch.setenv("TERM_PROGRAM", "vscode")
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/code")
    monkeypatch.setattr("subprocess.run", lambda args, **kw: opened.append(args))
    assert next_kata.main(state) == 0
    assert capsys.readouterr().out.strip().endswith(f"{GREETER}/greeter.py")
    assert opened
    assert opened[0][-1].endswith("greeter.py")
    assert state.progress.current == "greeter"


def test_reset_backs_up_then_restores_the_starter_and_restore_undoes_it(workspace: Path) -> None:
    mine = workspace / ADDER / "adder.py"
    starter = mine.read_text()
    mine.write_text(ADDER_WRONG)
    state, out = app_state(workspace)
    reset.main_reset(state, "adder")
    assert mine.read_text() == starter
    backups = list((workspace / ".kata/backups").rglob("adder.py"))
    assert [path.read_text() for path in backups] == [ADDER_WRONG]
    assert "kata restore adder" in out.getvalue()
    reset.main_restore(state, "adder")
    assert mine.read_text() == ADDER_WRONG
    assert sorted(path.read_text() for path in (workspace / ".kata/backups").rglob("adder.py")) == sorted(
        [ADDER_WRONG, starter]
    ), "restore must keep the version it replaced"


def test_reset_brings_back_a_deleted_file_and_an_edited_test(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").unlink()
    tests = workspace / ADDER / "test_adder.py"
    original = tests.read_text()
    tests.write_text(original + "\n# the learner was here\n")
    state, _ = app_state(workspace)
    reset.main_reset(state, "adder")
    assert (workspace / ADDER / "adder.py").exists()
    assert tests.read_text() == original


def test_reset_outside_git_is_a_clear_error_and_touches_nothing(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "nogit", git=False)
    (root / ADDER / "adder.py").write_text(ADDER_WRONG)
    state, _ = app_state(root)
    with pytest.raises(KataError, match="needs the workspace to be a git clone"):
        reset.main_reset(state, "adder")
    assert (root / ADDER / "adder.py").read_text() == ADDER_WRONG


def test_reset_all_asks_first(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_WRONG)
    monkeypatch.setattr("builtins.input", lambda question: "n")
    state, _ = app_state(workspace)
    assert reset.main_reset(state, None, everything=True) == 1
    assert (workspace / ADDER / "adder.py").read_text() == ADDER_WRONG
    monkeypatch.setattr("builtins.input", lambda question: "y")
    assert reset.main_reset(state, None, everything=True) == 0
    assert "NotImplementedError" in (workspace / ADDER / "adder.py").read_text()


def test_restore_without_backup_says_how_to_make_one(workspace: Path) -> None:
    state, _ = app_state(workspace)
    with pytest.raises(KataError, match="kata reset adder"):
        reset.main_restore(state, "adder")


def test_diff_asks_before_revealing_an_unsolved_solution(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    questions: list[str] = []

    def answer(question: str) -> str:
        questions.append(question)
        return "n"

    monkeypatch.setattr("builtins.input", answer)
    state, out = app_state(workspace)
    assert diff.main(state, "adder") == 1
    assert questions == [messages.DIFF_CONFIRM.format(slug="adder")]
    assert "return a + b" not in out.getvalue()


def test_diff_shows_a_unified_diff_once_allowed(workspace: Path) -> None:
    state, out = app_state(workspace)
    assert diff.main(state, "adder", yes=True) == 0
    text = out.getvalue()
    assert f"--- yours: {ADDER}/adder.py" in text
    assert "+    return a + b" in text
    assert '-    raise NotImplementedError("add: write me (task 1)")' in text


def test_diff_code_opens_vscode_diff(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/code")
    monkeypatch.setattr("subprocess.run", lambda args, **kw: calls.append(args))
    state, _ = app_state(workspace)
    state.progress.record("adder", "x", "pass", 2, 2)
    diff.main(state, "adder", code=True)
    assert calls[0][:2] == ["/usr/bin/code", "--diff"]
    assert calls[0][3].endswith(f"solutions/{ADDER}/adder.py")


def test_an_edited_test_file_is_noticed_and_the_original_runs(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_SOLUTION)
    tests = workspace / ADDER / "test_adder.py"
    tests.write_text(tests.read_text().replace("== 3", "== 4"))
    state, out = app_state(workspace)
    assert check.main(state, "adder", as_json=False) == 0, "the original tests pass on the solution"
    note = messages.TEST_FILE_EDITED.format(path=f"{ADDER}/test_adder.py", slug="adder")
    assert " ".join(note.split()) in " ".join(out.getvalue().split())
    assert (workspace / ".kata/originals" / ADDER / "test_adder.py").read_text() != tests.read_text()


def test_an_edited_given_file_is_named_as_given_and_a_deleted_one_as_missing(workspace: Path) -> None:
    given = workspace / ADDER / "adder_limits.py"
    given.write_text("LIMIT = 10\n")
    manifest.write(workspace)  # shipped with the kata, no mirror under solutions/: a given module
    (workspace / ADDER / "adder.py").write_text(ADDER_SOLUTION)
    given.write_text("LIMIT = 11\n")
    state, out = app_state(workspace)
    check.main(state, "adder", as_json=False)
    note = messages.GIVEN_FILE_EDITED.format(path=f"{ADDER}/adder_limits.py", slug="adder")
    assert " ".join(note.split()) in " ".join(out.getvalue().split())
    given.unlink()
    state, out = app_state(workspace)
    check.main(state, "adder", as_json=False)
    said = " ".join(out.getvalue().split())
    assert "adder_limits.py is missing" in said
    assert "You changed" not in said, "a deleted given file gets the missing-file advice only"


def test_reset_tests_brings_back_only_the_tests(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").write_text(ADDER_WRONG)
    tests = workspace / ADDER / "test_adder.py"
    shipped = tests.read_text()
    tests.write_text("def test_ok():\n    assert True\n")
    assert cli.main(["reset", "--tests", "adder"]) == 0
    assert tests.read_text() == shipped
    assert (workspace / ADDER / "adder.py").read_text() == ADDER_WRONG, "the learner's code stays"
    backups = list((workspace / ".kata/backups").rglob("test_adder.py"))
    assert [path.read_text() for path in backups] == ["def test_ok():\n    assert True\n"]


def test_reset_of_a_deleted_starter_does_not_claim_a_backup(workspace: Path) -> None:
    (workspace / ADDER / "adder.py").unlink()
    state, out = app_state(workspace)
    reset.main_reset(state, "adder")
    assert "nothing to back up" in out.getvalue()
    assert "kata restore" not in out.getvalue()


@pytest.mark.timeout(60)  # runs the kata's tests to find the failing task
def test_hints_follow_the_task_that_fails_first_one_ladder_per_task(workspace: Path) -> None:
    ladders = '[hints]\n1 = ["What does + do?", "Read about numbers."]\n2 = ["Which greeting?"]\n'
    (workspace / "solutions" / ADDER / "kata.toml").write_text(ladders)
    (workspace / ADDER / "adder.py").write_text(ADDER_WRONG)
    state, out = app_state(workspace)
    hints.main(state, "adder")
    hints.main(state, "adder")
    hints.main(state, "adder")
    text = out.getvalue()
    assert "adder: task 1, hint 1 of 2" in text
    assert "What does + do?" in text
    assert "adder: task 1, hint 2 of 2" in text
    assert messages.HINTS_EXHAUSTED.format(slug="adder") in text
    assert state.progress.hints_seen("adder", "1") == 2
    assert state.progress.hints_seen("adder", "2") == 0, "each task keeps its own count"
    (workspace / ADDER / "adder.py").write_text(ADDER_SOLUTION)
    state2, out2 = app_state(workspace)
    hints.main(state2, "adder")
    assert messages.HINT_ALL_PASS.format(slug="adder") in out2.getvalue()


def test_the_n_key_and_kata_next_pick_the_same_kata(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state, _ = app_state(workspace)
    state.progress.set_current("adder")
    assert state.next_unsolved(after=state.find("adder")) == state.find("greeter")  # what the n key runs
    assert next_kata.main(state) == 0
    assert state.progress.current == "greeter"


def test_the_file_to_edit_is_where_the_failure_points_else_the_main_file(workspace: Path) -> None:
    state, _ = app_state(workspace)
    adder = state.find("adder")
    assert next_kata.main_file(adder) == workspace / ADDER / "adder.py"
    (workspace / "solutions" / ADDER / "Dockerfile").write_text("FROM python:3.11-slim\n")
    (workspace / ADDER / "Dockerfile").write_text("FROM python\n")
    assert next_kata.main_file(adder, failure=workspace / ADDER / "Dockerfile") == workspace / ADDER / "Dockerfile"
    (workspace / "solutions" / ADDER / "adder.py").unlink()
    assert next_kata.main_file(adder) == workspace / ADDER / "Dockerfile", "a kata's main file of any type"


def test_unknown_names_get_suggestions(workspace: Path) -> None:
    state, _ = app_state(workspace)
    with pytest.raises(KataError, match="Did you mean adder"):
        state.find("addr")
    assert state.find("01_adder").slug == "adder"
    assert state.find(ADDER + "/adder.py").slug == "adder"
    assert state.find("gree").slug == "greeter"


def test_cli_parses_every_command_and_reports_errors_plainly(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("list", "check", "watch", "hint", "next", "reset", "restore", "diff"):
        assert cli.parser().parse_args([command]).command == command
    assert cli.main(["hint", "nope"]) == 2
    assert "No kata or project called 'nope'" in capsys.readouterr().out


def test_the_console_script_runs(workspace: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "kata"), "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("kata ")


def test_outside_a_workspace_the_tool_says_where_to_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["list"]) == 2
    assert "Not inside a Backend Katas workspace" in capsys.readouterr().out
