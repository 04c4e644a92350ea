"""Feedback speed: results stream from the child, a spare child waits at collection, a new kata is warmed ahead."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rich.console import Console

from kata.engine.outcome import Failure, Outcome
from kata.engine.preload import imports_in, warm_for
from kata.engine.runner import Report, Runner
from kata.state import AppState
from kata.watch.events import RunFinished, TestReported
from kata.watch.screen import Screen
from tests.test_kata_helpers import ADDER, ADDER_SOLUTION, ADDER_WRONG, app_state, make_workspace, write
from tests.test_kata_watch import Rig

FAILING = {"name": f"{ADDER}/test_adder.py::test_adds_small_numbers", "status": "fail", "message": "nope"}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_workspace(tmp_path / "ws", git=False).resolve()
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def rig(tmp_path: Path) -> Rig:
    return Rig(make_workspace(tmp_path / "ws", git=False).resolve())


# -- the loop -----------------------------------------------------------------------------------------


def test_the_first_failure_is_drawn_before_the_run_ends_and_only_once(rig: Rig) -> None:
    rig.loop.schedule(rig.loop.current, delay=0.0)
    rig.settle()
    passing = {**FAILING, "status": "pass"}
    rig.send(TestReported(rig.loop.run_id, {"test": passing, "place": None}))
    rig.send(TestReported(rig.loop.run_id, {"test": FAILING, "place": {"path": f"{ADDER}/adder.py", "line": 6}}))
    rig.send(TestReported(rig.loop.run_id, {"test": {**FAILING, "name": "x::test_two"}, "place": None}))
    assert rig.screen.calls == [("running", "adder"), ("first failure", "test_adds_small_numbers")]
    rig.finish()
    assert rig.screen.calls[-1] == ("outcome", "fail"), "the complete screen follows when the run ends"


def test_a_report_of_a_cancelled_run_is_ignored(rig: Rig) -> None:
    rig.loop.schedule(rig.loop.current, delay=0.0)
    rig.settle()
    old = rig.loop.run_id
    rig.save(f"{ADDER}/adder.py")
    rig.settle()
    rig.send(TestReported(old, {"test": FAILING, "place": None}))
    assert ("first failure", "test_adds_small_numbers") not in rig.screen.calls


def test_a_spare_child_is_forked_after_each_run_and_dropped_on_moving(rig: Rig) -> None:
    rig.loop.schedule(rig.loop.current, delay=0.0)
    rig.settle()
    rig.send(RunFinished(rig.loop.run_id))
    assert rig.runner.spares == ["adder"], "after a run, a spare child waits for the next save of the same kata"
    rig.save("katas/01_basics/02_greeter/greeter.py")
    assert rig.runner.spares == ["adder", "discarded"], "moving to another kata drops the spare"
    assert rig.runner.warmed == ["greeter"], "moving to a kata imports what its tests need"
    rig.loop.quit()
    assert rig.runner.spares[-1] == "discarded", "quitting stops the spare"


def test_the_screen_shows_one_failure_early_then_redraws_the_whole_run(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", git=False).resolve()
    out = io.StringIO()
    state = AppState.load(root, Console(file=out, width=120, color_system=None))
    screen = Screen(state)
    adder = state.find("adder")
    screen.running(adder)
    first = Failure("test_adds_small_numbers", f"{ADDER}/adder.py", 6, "add(1, 2) should be 3", "assert -1 == 3")
    screen.first_failure(adder, first)
    early = out.getvalue()
    assert f"{ADDER}/adder.py:6: test_adds_small_numbers: add(1, 2) should be 3" in early
    assert "assert -1 == 3" in early, "the first failure comes with its evidence"
    second = Failure("test_adds_negative_numbers", f"{ADDER}/adder.py", 6, "add(-1, -2) should be -3")
    screen.outcome(adder, Outcome("adder", "fail", 0, 2, [first, second]))
    final = out.getvalue()[len(early) :]
    assert final.count("kata: checking adder") == 1, "the complete screen is drawn afresh"
    assert "test_adds_negative_numbers" in final
    assert "kata: done adder (failed)" in final


# -- real children ------------------------------------------------------------------------------------


def run(runner: Runner, root: Path) -> tuple[Outcome, list[Report]]:
    state, _ = app_state(root)
    reports: list[Report] = []
    lock = threading.Lock()

    def collect(report: Report) -> None:
        with lock:
            reports.append(report)

    handle = runner.start(runner.job(state.find("adder")), on_report=collect)
    assert handle.wait(60)
    return runner.outcome(handle), reports


def test_each_test_streams_its_result_as_it_ends(workspace: Path) -> None:
    write(workspace / ADDER / "adder.py", "def add(a: int, b: int) -> int:\n    return a - b\n")
    outcome, reports = run(Runner(workspace), workspace)
    assert outcome.status == "fail"
    streamed = [report["test"]["name"].rsplit("::")[-1] for report in reports]
    assert sorted(streamed) == ["test_adds_negative_numbers", "test_adds_small_numbers"]
    place = reports[0]["place"]
    assert place is not None, "a failure streams with its place"
    assert place["path"].endswith("adder.py")


def test_the_tests_that_failed_last_time_run_first_but_results_keep_file_order(workspace: Path) -> None:
    runner = Runner(workspace)
    results = workspace / ".kata" / "results" / "adder.json"
    results.parent.mkdir(parents=True)
    last = f"{ADDER}/test_adder.py::test_adds_negative_numbers"
    results.write_text(json.dumps({"tests": [{"name": last, "status": "fail"}]}), encoding="utf-8")
    write(workspace / ADDER / "adder.py", ADDER_WRONG)
    outcome, reports = run(runner, workspace)
    assert reports[0]["test"]["name"] == last, "the test that failed last time runs first"
    assert [failure.test for failure in outcome.failures] == ["test_adds_small_numbers", "test_adds_negative_numbers"]


@pytest.mark.skipif(sys.platform == "win32", reason="a spare child is forked")
def test_a_spare_child_gives_the_same_outcome_as_a_fresh_one(workspace: Path) -> None:
    state, _ = app_state(workspace)
    runner = Runner(workspace)
    runner.standby(runner.job(state.find("adder")))
    write(workspace / ADDER / "adder.py", ADDER_SOLUTION)  # the save comes after the spare's start-up
    spare = runner.spare
    outcome, reports = run(runner, workspace)
    assert spare is not None
    assert runner.spare is None, "the spare ran the check"
    assert outcome.passed == 2, "the spare imported the learner's file after the save"
    assert len(reports) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="a spare child is forked")
def test_a_spare_whose_conftest_changed_is_replaced_by_a_fresh_child(workspace: Path) -> None:
    state, _ = app_state(workspace)
    conftest = workspace / "katas/01_basics/conftest.py"
    write(conftest, "import pytest\n\n@pytest.fixture\ndef unused():\n    return 1\n")
    runner = Runner(workspace)
    runner.standby(runner.job(state.find("adder")))
    write(conftest, "raise RuntimeError('the new conftest runs')\n")
    outcome, _ = run(runner, workspace)
    assert outcome.status == "error", "the fresh child read the new conftest.py"
    assert "the new conftest runs" in json.dumps([failure.message for failure in outcome.failures] + [outcome.problem])


def test_moving_to_a_kata_imports_its_libraries_never_the_learners_code(tmp_path: Path) -> None:
    tests = write(tmp_path / "test_thing.py", "import colorsys\nfrom email import message\nfrom thing import x\n")
    write(tmp_path / "thing.py", "raise SystemExit('the learner code must not run')\n")
    assert imports_in([tests]) == ["colorsys", "email", "thing"]
    sys.modules.pop("colorsys", None)
    loaded = warm_for([tests], tmp_path)
    assert "colorsys" in loaded
    assert "colorsys" in sys.modules
    assert "thing" not in loaded
    assert "thing" not in sys.modules


# -- write-tests grading in forks ----------------------------------------------------------------------

WRITE_TESTS = "08_testing/02_password_policy"


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_grading_in_forks_of_a_learner_run_uses_each_planted_bug(tmp_path: Path) -> None:
    """The forked runs must import the scratch copies, not the learner's module the check already found."""
    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "ws"
    (root / "katas").mkdir(parents=True)
    shutil.copyfile(repo / "pyproject.toml", root / "pyproject.toml")
    for base in ("katas", "solutions/katas"):
        shutil.copytree(repo / base / WRITE_TESTS, root / base / WRITE_TESTS, ignore=shutil.ignore_patterns("__pyc*"))
    reference = (root / "solutions/katas" / WRITE_TESTS / "test_password_policy.py").read_text(encoding="utf-8")
    mine = root / "katas" / WRITE_TESTS / "test_password_policy.py"
    mine.write_text(reference, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", f"katas/{WRITE_TESTS}"]
    passing = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert passing.returncode == 0, passing.stdout[-2000:]
    mine.write_text(reference.replace(', "Password1234", "PASSWORD1234"', ""), "utf-8")
    missing = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert missing.returncode == 1
    assert "1 failed" in missing.stdout, "exactly the bug that the removed case caught escapes"


# -- short properties while a kata fails ---------------------------------------------------------------

PROPERTY_TESTS = """\
from hypothesis import given, strategies as st

from adder import add

CALLS = []


@given(st.integers(), st.integers())
def test_add_is_commutative(a, b):
    CALLS.append(1)
    assert add(a, b) == add(b, a)


def test_the_property_ran_this_many_examples():
    assert not CALLS, f"EXAMPLES={len(CALLS)}"
"""


def test_a_failing_kata_runs_its_properties_short_in_watch_and_says_so(workspace: Path) -> None:
    write(workspace / ADDER / "test_adder.py", PROPERTY_TESTS)
    write(workspace / ADDER / "adder.py", ADDER_SOLUTION)
    results = workspace / ".kata" / "results" / "adder.json"
    results.parent.mkdir(parents=True)
    results.write_text(json.dumps({"tests": [{"name": "x::test_adds", "status": "fail"}]}), encoding="utf-8")
    state, _ = app_state(workspace)
    runner = Runner(workspace, quick_properties=True)
    job = runner.job(state.find("adder"))
    assert job.quick, "the kata failed last time: properties run short"
    handle = runner.start(job)
    assert handle.wait(60)
    outcome = runner.outcome(handle)
    assert outcome.shortened
    assert "EXAMPLES=10" in outcome.failures[0].message
    assert not Runner(workspace).job(state.find("adder")).quick, "kata check always runs the full profile"


def test_a_green_run_with_short_properties_is_confirmed_with_the_full_ones(rig: Rig) -> None:
    rig.loop.schedule(rig.loop.current, delay=0.0)
    rig.settle()
    rig.runner.result = Outcome("adder", "pass", 2, 2, shortened=True)
    rig.finish()
    assert [name for name, _ in rig.screen.calls[-2:]] == ["note", "running"], "the full run follows at once"
    assert rig.state.progress.solved() == set(), "not solved yet"
    assert rig.runner.slugs == ["adder", "adder"]
    rig.runner.result = Outcome("adder", "pass", 2, 2)
    rig.finish()
    assert rig.screen.calls[-1] == ("outcome", "pass")
    assert "adder" in rig.state.progress.solved()
