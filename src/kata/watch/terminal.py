"""Key presses from the terminal, one character at a time, as events on the watch queue."""

from __future__ import annotations

import os
import queue
import select
import sys
import threading
from types import TracebackType
from typing import Any

from kata.watch.events import Event, KeyPressed


class KeyReader:
    """Puts the terminal in cbreak mode and forwards each key; a no-op when stdin is not a terminal."""

    def __init__(self, events: queue.Queue[Event]) -> None:
        self.events = events
        self.fd = sys.stdin.fileno() if sys.stdin is not None and sys.stdin.isatty() else -1
        self.saved: list[Any] | None = None
        self.wake_read, self.wake_write = os.pipe()
        self.thread = threading.Thread(target=self._read, name="kata-keys", daemon=True)

    def __enter__(self) -> KeyReader:
        if self.fd >= 0:
            import termios
            import tty

            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
            self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        os.write(self.wake_write, b"x")
        if self.thread.is_alive():
            self.thread.join(timeout=1)
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        os.close(self.wake_read)
        os.close(self.wake_write)

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.fd, self.wake_read], [], [])
            if self.wake_read in ready:
                return
            data = os.read(self.fd, 32)
            if not data:
                return
            for char in data.decode(errors="ignore"):
                self.events.put(KeyPressed(char))
