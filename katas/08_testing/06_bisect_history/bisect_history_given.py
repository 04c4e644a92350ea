"""Given, not to edit: builds the till's 30-commit history that your check in bisect_history.py bisects."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

SOURCE = '''"""Receipt totals for the till."""

VAT_PERCENT = 19
NOTES = {notes!r}


def total_cents(items: list[int]) -> int{colon}
    """The items' sum plus {vat} VAT, rounded half up to the cent."""
    {name} = sum(items)
    return {name} + ({name} * VAT_PERCENT{rounding}) // 100
'''


SUBJECTS = (
    "Tidy the receipt module",
    "Reword the docstring",
    "Rename a local variable",
    "Add a note for the auditors",
    "Refactor total_cents",
    "Small clean-up",
    "Keep the linter happy",
)


WORDS = ("cash", "card", "refund", "till", "voucher", "audit", "receipt", "float", "drawer", "shift")


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Till Team",
    "GIT_AUTHOR_EMAIL": "till@example.com",
    "GIT_COMMITTER_NAME": "Till Team",
    "GIT_COMMITTER_EMAIL": "till@example.com",
    "GIT_AUTHOR_DATE": "2026-03-02T09:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-03-02T09:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def _git(folder: Path, *args: str) -> None:
    subprocess.check_output(["git", *args], cwd=folder, env={**os.environ, **GIT_ENV})


def build_history(folder: Path, seed: int = 17, count: int = 30) -> None:
    """Create a git repository in `folder` (new or empty) with `count` commits of receipt.py. Do not edit."""
    rng = random.Random(seed)
    broken_at = rng.randrange(count // 2, count - 4)
    wip_at = rng.randrange(3, broken_at - 2)
    folder.mkdir(exist_ok=True)
    _git(folder, "init", "-b", "main")
    notes: list[str] = []
    name, vat = "net", "19%"
    for number in range(count):
        if rng.randrange(3) == 0:
            name = rng.choice(("net", "subtotal", "amount", "base"))
        if rng.randrange(4) == 0:
            vat = rng.choice(("19%", "the", "German"))
        notes.append(f"{rng.choice(WORDS)}-{rng.choice(WORDS)}")
        source = SOURCE.format(
            notes=tuple(notes),
            colon="" if number == wip_at else ":",
            vat=vat,
            name=name,
            rounding="" if number >= broken_at else " + 50",
        )
        (folder / "receipt.py").write_bytes(source.encode())
        _git(folder, "add", "receipt.py")
        _git(folder, "commit", "-m", f"{rng.choice(SUBJECTS)} (#{100 + number})")
