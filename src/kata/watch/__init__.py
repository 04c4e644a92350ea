"""`kata watch [KATA] [--poll]`: the learner's main loop. Save a file, see its kata's tests at once.

The parent imports pytest and the frameworks once (and, on moving to a kata,
the libraries its tests import), then runs each check in a child forked from
itself (see `kata.engine.runner`); after each run a spare child does pytest's start-up
for the next save (`kata.engine.spare`), and each test's result streams back as it
ends (`kata.engine.stream`), so the first failure shows up a fraction of a second
after the save and the rest of the screen follows. Only the kata (or project milestone) that the
saved file belongs to runs, and a save during a run cancels it.

Lines meant for editors (a VS Code problem matcher, say), printed plainly:

    kata: checking <slug>                                  a run begins
    path/to/file.py:LINE: test_name: message               one per failure
    kata: done <slug> (passed|failed)                      the run ended

A matching VS Code problem matcher uses the pattern
`^(.+?):(\\d+): (.*)$` and the background begin/end patterns
`^kata: checking ` and `^kata: done `.
"""

from __future__ import annotations

import queue

from rich.text import Text

from kata import messages
from kata.engine.preload import warm_workspace
from kata.engine.runner import WATCH_TEST_TIMEOUT, Runner
from kata.state import AppState
from kata.watch.events import Event
from kata.watch.loop import WatchLoop
from kata.watch.observer import Watcher
from kata.watch.screen import Screen
from kata.watch.terminal import KeyReader


def main(state: AppState, name: str | None, *, poll: bool = False) -> int:
    exercise = state.pick(name)
    runner = Runner(state.root, test_timeout=WATCH_TEST_TIMEOUT, quick_properties=True)
    with state.console.status("Loading pytest and the frameworks the katas use..."):
        warm_workspace(state.root)
        runner.warm_for(exercise)
    events: queue.Queue[Event] = queue.Queue()
    watcher = Watcher(state.root, events, poll=poll)
    screen = Screen(state, watcher)
    loop = WatchLoop(
        state,
        runner=runner,
        events=events,
        screen=screen,
        watcher=watcher,
        current=exercise,
    )
    watcher.start()
    try:
        with KeyReader(events):
            loop.schedule(exercise, delay=0.0)
            if poll:
                loop.told_polling = True
            while loop.tick():
                pass
    except KeyboardInterrupt:
        loop.quit()
    finally:
        watcher.stop()
    state.console.print(Text(messages.WATCH_BYE, style="dim"))
    return 0
