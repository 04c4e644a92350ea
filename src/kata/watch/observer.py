"""File events into the watch queue, with watchdog; polling when native events cannot be trusted."""

from __future__ import annotations

import queue
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from kata.watch.events import Event, FileChanged, WatcherFailed

POLL_INTERVAL = 0.5


class _Forward(FileSystemEventHandler):
    def __init__(self, events: queue.Queue[Event]) -> None:
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        path = event.dest_path if event.event_type == "moved" and event.dest_path else event.src_path
        self.events.put(FileChanged(Path(str(path))))


class Watcher:
    """Watches the folders holding exercises (katas/ and projects/), natively or by polling."""

    def __init__(self, root: Path, events: queue.Queue[Event], *, poll: bool = False) -> None:
        self.folders = [folder for folder in (root / "katas", root / "projects") if folder.is_dir()]
        self.events = events
        self.polling = poll
        self.observer: BaseObserver | None = None

    def start(self) -> None:
        observer: BaseObserver = PollingObserver(timeout=POLL_INTERVAL) if self.polling else Observer()
        handler = _Forward(self.events)
        try:
            for folder in self.folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.start()
        except OSError as error:  # e.g. the inotify watch limit
            if self.polling:
                raise
            self.events.put(WatcherFailed(f"the file watcher failed to start: {error}"))
            self.polling = True
            self.start()
            return
        self.observer = observer

    def healthy(self) -> bool:
        return self.observer is not None and self.observer.is_alive()

    def switch_to_polling(self, reason: str) -> None:
        self.stop()
        self.polling = True
        self.start()

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=2)
            self.observer = None
