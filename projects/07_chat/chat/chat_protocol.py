"""The protocol's given pieces: the error a refused client event raises, and the rules for user and room names.
(Given.)
"""

from __future__ import annotations

import re

USERNAME = re.compile(r"[A-Za-z0-9_-]{1,32}")
ROOM_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


class ProtocolError(Exception):
    """A client event the server refuses; the connection stays open and gets an `error` event."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def valid_room(name: object) -> bool:
    """Room names: 1-32 lowercase letters, digits, `_` or `-`, starting with a letter or digit."""
    return isinstance(name, str) and ROOM_NAME.fullmatch(name) is not None


def valid_username(name: str) -> bool:
    """1 to 32 letters, digits, `_` or `-`: safe to show, to log and to use as a key."""
    return USERNAME.fullmatch(name) is not None
