"""The keys of `kata watch`: one table that both dispatches key presses and draws the menu."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text


@dataclass(frozen=True)
class Key:
    character: str
    caption: str
    description: str
    action: str  # the name of the WatchLoop method it calls


KEYS = (
    Key("h", "hint", "reveal the next hint of the task that fails first", "hint"),
    Key("v", "verbose", "show every failure in full", "verbose"),
    Key("n", "next", "go to the next unsolved kata", "next_kata"),
    Key("l", "list", "show every kata and its status", "show_list"),
    Key("d", "diff", "compare your file with the solution", "diff"),
    Key("r", "rerun", "run the tests again", "rerun"),
    Key("q", "quit", "stop watching", "quit"),
)


def lookup(character: str) -> Key | None:
    return next((key for key in KEYS if key.character == character.lower()), None)


def menu() -> Text:
    """`h hint · n next · ...`, drawn from the table."""
    text = Text()
    for number, key in enumerate(KEYS):
        if number:
            text.append(" · ", style="dim")
        text.append(key.character, style="bold cyan")
        text.append(f" {key.caption}")
    return text
