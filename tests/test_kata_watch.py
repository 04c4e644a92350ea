"""The watch loop, one tick at a time, with a fake runner, a fake clock, a fake watcher and a recording screen."""

from __future__ import annotations

import io
import json
import os
import queue
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from kata import messages
from kata.commands.check import milestone_targets, remember_milestones
from kata.engine.child import Job
from kata.engine.outcome import Failure, Outcome
from kata.engine.runner import Report, RunHandle
from kata.state import AppState
from kata.watch import keys
from kata.watch.events import Event, FileChanged, KeyPressed, RunFinished, WatcherFailed
from kata.watch.loop import DEBOUNCE, HEALTH_INTERVAL, WatchLoop
from kata.watch.observer import Watcher
from kata.watch.screen import Screen
from kata.workspace import Exercise
from tests.test_kata_helpers import ADDER, GREETER, app_state, make_workspace


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeRunner:
    hard_timeout = 30.0

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.started: list[RunHandle] = []
        self.killed: list[tuple[str, str | None]] = []
        self.learned: list[str] = []
        self.spares: list[str] = []
        self.warmed: list[str] = []
        self.result = Outcome("adder", "fail", 0, 2, [Failure("test_adds", f"{ADDER}/adder.py", 6, "nope")])

    def job(self, exercise: Exercise, targets: list[Path] | None = None) -> Job:
        return Job(root="/", slug=exercise.slug, targets=[exercise.slug], results="r", locations="l", log="g")

    def start(
        self,
        job: Job,
        on_exit: Callable[[RunHandle], None] | None = None,
        on_report: Callable[[Report], None] | None = None,
    ) -> RunHandle:
        runner = self

        class Handle(RunHandle):
            def kill(self, reason: str) -> None:
                runner.killed.append((self.job.slug, reason))
                self.killed = reason

        handle = Handle(job=job, pid=-1, started=self.clock())
        self.started.append(handle)
        return handle

    def outcome(self, handle: RunHandle) -> Outcome:
        return self.result

    def learn(self, handle: RunHandle) -> None:
        self.learned.append(handle.job.slug)

    def standby(self, job: Job) -> None:
        self.spares.append(job.slug)

    def discard_spare(self) -> None:
        self.spares.append("discarded")

    def warm_for(self, exercise: Exercise) -> None:
        self.warmed.append(exercise.slug)

    @property
    def slugs(self) -> list[str]:
        return [handle.job.slug for handle in self.started]


class FakeWatcher:
    def __init__(self) -> None:
        self.polling = False
        self.alive = True
        self.reasons: list[str] = []

    def switch_to_polling(self, reason: str) -> None:
        self.polling = True
        self.reasons.append(reason)

    def healthy(self) -> bool:
        return self.alive


class RecordingScreen:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def running(self, exercise: Exercise) -> None:
        self.calls.append(("running", exercise.slug))

    def first_failure(self, exercise: Exercise, failure: Failure) -> None:
        self.calls.append(("first failure", failure.test))

    def outcome(self, exercise: Exercise, outcome: Outcome) -> None:
        self.calls.append(("outcome", outcome.problem or outcome.status))

    def note(self, text: str) -> None:
        self.calls.append(("note", text))

    def hint(self, exercise: Exercise, last: Outcome | None) -> None:
        self.calls.append(("hint", exercise.slug))

    def details(self, exercise: Exercise, outcome: Outcome) -> None:
        self.calls.append(("details", outcome.slug))

    def listing(self) -> None:
        self.calls.append(("listing", ""))

    def diff(self, exercise: Exercise) -> None:
        self.calls.append(("diff", exercise.slug))


class Rig:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.state, _ = app_state(root)
        self.clock = FakeClock()
        self.runner = FakeRunner(self.clock)
        self.events: queue.Queue[Event] = queue.Queue()
        self.screen = RecordingScreen()
        self.watcher = FakeWatcher()
        self.loop = WatchLoop(
            self.state,
            runner=self.runner,
            events=self.events,
            screen=self.screen,
            watcher=self.watcher,
            current=self.state.find("adder"),
            clock=self.clock,
        )

    def send(self, *events: Event) -> None:
        for event in events:
            self.events.put(event)
            assert self.loop.tick(wait=False)

    def settle(self, seconds: float = DEBOUNCE + 0.01) -> None:
        """Let the debounce window pass and run whatever became due."""
        self.clock.advance(seconds)
        self.loop.tick(wait=False)

    def save(self, relative: str) -> None:
        self.send(FileChanged(self.root / relative))

    def finish(self) -> None:
        self.send(RunFinished(self.loop.run_id))


@pytest.fixture
def rig(tmp_path: Path) -> Rig:
    return Rig(make_workspace(tmp_path / "ws", git=False).resolve())


def test_a_burst_of_events_runs_once_after_the_debounce(rig: Rig) -> None:
    for _ in range(3):
        rig.save(f"{ADDER}/adder.py")
    assert rig.runner.started == []
    rig.settle()
    assert rig.runner.slugs == ["adder"]
    rig.finish()
    assert rig.screen.calls == [("running", "adder"), ("outcome", "fail")]
    assert rig.runner.learned == ["adder"], "the parent learns what the child had to import"


def test_a_save_during_a_run_cancels_it_and_starts_afresh(rig: Rig) -> None:
    rig.save(f"{ADDER}/adder.py")
    rig.settle()
    first = rig.loop.run_id
    rig.save(f"{ADDER}/adder.py")
    assert rig.runner.killed == [("adder", "cancelled")]
    rig.send(RunFinished(first))  # the killed child reports back: ignored
    assert ("outcome", "fail") not in rig.screen.calls
    rig.settle()
    rig.finish()
    assert rig.runner.slugs == ["adder", "adder"]
    assert rig.screen.calls.count(("outcome", "fail")) == 1


def test_the_loop_follows_the_kata_being_edited(rig: Rig) -> None:
    rig.save(f"{GREETER}/greeter.py")
    rig.settle()
    assert rig.runner.slugs == ["greeter"]
    assert rig.loop.current.slug == "greeter"
    assert rig.state.progress.current == "greeter"


def test_caches_and_editor_temp_files_are_ignored(rig: Rig) -> None:
    rig.save(f"{ADDER}/__pycache__/adder.cpython-311.pyc")
    rig.save(f"{ADDER}/.adder.py.swp")
    rig.save(f"{ADDER}/4913")
    rig.settle()
    assert rig.runner.started == []


def test_a_file_outside_any_kata_gets_a_note_and_no_run(rig: Rig) -> None:
    stray = rig.root / "katas/01_basics/scratch.py"
    stray.write_text("x = 1\n")
    rig.send(FileChanged(stray))
    rig.settle()
    assert rig.runner.started == []
    assert rig.screen.calls == [("note", messages.WATCH_NOT_A_KATA.format(path="katas/01_basics/scratch.py"))]


def test_a_new_kata_folder_is_discovered_on_its_first_save(rig: Rig) -> None:
    folder = rig.root / "katas/01_basics/03_counter"
    folder.mkdir()
    (folder / "counter.py").write_text("x = 1\n")
    rig.send(FileChanged(folder / "counter.py"))
    rig.settle()
    assert rig.runner.slugs == ["counter"]


def test_a_deleted_learner_file_is_explained_without_running(rig: Rig) -> None:
    (rig.root / ADDER / "adder.py").unlink()
    rig.save(f"{ADDER}/adder.py")
    rig.settle()
    assert rig.runner.started == []
    assert rig.screen.calls[-1] == (
        "outcome",
        messages.MISSING_FILE.format(slug="adder", path=Path(ADDER) / "adder.py"),
    )


def test_a_run_past_the_hard_timeout_is_killed(rig: Rig) -> None:
    rig.save(f"{ADDER}/adder.py")
    rig.settle()
    rig.settle(FakeRunner.hard_timeout + 1)
    assert rig.runner.killed == [("adder", "timeout")]


def test_keys_hint_list_rerun_and_quit(rig: Rig) -> None:
    rig.send(KeyPressed("h"), KeyPressed("l"), KeyPressed("x"))
    assert rig.screen.calls == [("hint", "adder"), ("listing", "")]
    rig.send(KeyPressed("r"))
    rig.settle(0.0)
    assert rig.runner.slugs == ["adder"]
    rig.events.put(KeyPressed("q"))
    assert rig.loop.tick(wait=False) is False
    assert rig.runner.killed == [("adder", "cancelled")]


def test_key_n_moves_to_the_next_unsolved_kata(rig: Rig) -> None:
    rig.state.progress.record("adder", "x", "pass", 2, 2)
    rig.send(KeyPressed("n"))
    rig.settle(0.0)
    assert rig.runner.slugs == ["greeter"]


def test_key_d_asks_twice_before_showing_an_unsolved_solution(rig: Rig) -> None:
    rig.send(KeyPressed("d"))
    assert rig.screen.calls == [("note", messages.WATCH_PRESS_D_AGAIN.format(slug="adder"))]
    rig.send(KeyPressed("d"))
    assert rig.screen.calls[-1] == ("diff", "adder")


def test_a_watcher_error_switches_to_polling_and_says_so(rig: Rig) -> None:
    rig.send(WatcherFailed("inotify watch limit reached"))
    assert rig.watcher.polling
    assert rig.screen.calls == [("note", messages.WATCH_POLLING.format(reason="inotify watch limit reached"))]


def test_a_dead_watcher_is_noticed_by_the_health_check(rig: Rig) -> None:
    rig.watcher.alive = False
    rig.settle(HEALTH_INTERVAL)
    assert rig.watcher.reasons == ["the file watcher stopped"]


def test_a_save_without_an_event_means_polling_and_a_run(rig: Rig) -> None:
    path = rig.root / ADDER / "adder.py"
    path.write_text(path.read_text() + "\n")
    past = time.time() - 5
    os.utime(path, (past, past))
    rig.settle(HEALTH_INTERVAL)
    assert rig.watcher.reasons == ["a save of adder.py produced no file event"]
    rig.settle()
    assert rig.runner.slugs == ["adder"]


def test_v_shows_every_failure_of_the_last_run(rig: Rig) -> None:
    rig.loop.verbose()
    assert rig.screen.calls == [], "nothing ran yet: nothing to show"
    rig.loop.last = Outcome("adder", "fail", 0, 2)
    rig.events.put(KeyPressed("v"))
    rig.loop.tick(wait=False)
    assert rig.screen.calls == [("details", "adder")]


def test_the_menu_is_drawn_from_the_key_table() -> None:
    text = keys.menu().plain
    for key in keys.KEYS:
        assert f"{key.character} {key.caption}" in text
    assert [key.character for key in keys.KEYS] == ["h", "v", "n", "l", "d", "r", "q"]


def test_the_screen_prints_parseable_lines(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", git=False).resolve()
    out = io.StringIO()
    state = AppState.load(root, Console(file=out, width=80, color_system=None))
    screen = Screen(state)
    adder = state.find("adder")
    screen.running(adder)
    message = "add(1, 2) should be 3, the sum of the two numbers, " + "and never their difference " * 3
    failure = Failure("test_adds_small_numbers", f"{ADDER}/test_adder.py", 8, message.strip())
    screen.outcome(adder, Outcome("adder", "fail", 1, 2, [failure]))
    lines = out.getvalue().splitlines()
    assert "kata: checking adder" in lines
    at = next(number for number, line in enumerate(lines) if line.startswith(f"{ADDER}/test_adder.py:8: "))
    wrapped = lines[at : at + 3]
    assert all(len(line) <= 80 for line in wrapped)
    assert " ".join(line.strip() for line in wrapped) == failure.line_text(), "long lines wrap between words"
    assert "kata: done adder (failed)" in lines
    screen.outcome(adder, Outcome("adder", "pass", 2, 2))
    assert messages.CELEBRATE.format(slug="adder", next="greeter") in out.getvalue()
    assert "kata: done adder (passed)" in out.getvalue()


@pytest.mark.parametrize("poll", [False, True], ids=["native", "polling"])
def test_the_watcher_turns_a_save_into_an_event(tmp_path: Path, poll: bool) -> None:
    root = make_workspace(tmp_path / "ws", git=False).resolve()
    events: queue.Queue[Event] = queue.Queue()
    watcher = Watcher(root, events, poll=poll)
    watcher.start()
    try:
        assert watcher.healthy()
        target = root / ADDER / "adder.py"
        target.write_text(target.read_text() + "\n")
        seen: set[Path] = set()
        deadline = time.monotonic() + 20
        while target not in seen and time.monotonic() < deadline:
            event = events.get(timeout=max(0.01, deadline - time.monotonic()))
            if isinstance(event, FileChanged):
                seen.add(event.path)
        assert target in seen
    finally:
        watcher.stop()
    assert not watcher.healthy()


def test_a_project_runs_the_milestone_being_worked_on(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", git=False).resolve()
    project = root / "projects/01_shop"
    for name in ("tests/test_shop_m1_cart.py", "tests/test_shop_m2_checkout.py", "shop/__init__.py"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("")
    state, _ = app_state(root)
    shop = state.find("shop")
    m1, m2 = shop.test_files()
    assert milestone_targets(state, shop, changed=m2) == [m2]
    assert milestone_targets(state, state.find("adder")) is None
    assert milestone_targets(state, shop, changed=project / "shop/__init__.py") == [m1]
    results = state.results_path(shop)
    results.parent.mkdir(parents=True, exist_ok=True)

    def ran(test_file: Path, status: str) -> None:
        tests = [{"name": f"{test_file.relative_to(root).as_posix()}::test_x", "status": status}]
        results.write_text(json.dumps({"version": 3, "status": status, "tests": tests}))
        remember_milestones(state, shop)

    ran(m1, "pass")
    assert milestone_targets(state, shop, changed=project / "shop/__init__.py") == [m2]
    ran(m2, "fail")
    assert milestone_targets(state, shop) == [m2], "a failing later milestone must not send the learner back to m1"
    ran(m2, "pass")
    assert milestone_targets(state, shop) is None, "all milestones green: run the whole project"
