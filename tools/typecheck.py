"""mypy --strict over the workspace: src/, tests/, tools/ and every reference solution as a finished folder holds it.

`solutions/` holds only the files a learner writes. A solution imports what its starter gives (a package's
`__init__.py`, the blog's extensions, a kata's given module), and those live only in the learner's folder. So
the solutions are type-checked in a copy under `.kata/typecheck/`, each laid out as the learner's folder with
the solution's files over it (`kata.workspace.lay_out_reference`, the same copy `pytest --solutions` runs),
with the settings of pyproject.toml's [tool.mypy]: the solutions' files are checked, and the given modules they
import as mypy follows the imports. mypy's messages name the real files: the solution's, or the given file in
the learner's folder.

    python tools/typecheck.py        # what `make lint` runs; plain `mypy` checks src/, tests/ and tools/ only
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from kata.workspace import discover, find_root, lay_out_reference

COPY = Path(".kata") / "typecheck"
_IN_COPY = re.compile(rf"^{re.escape(COPY.as_posix())}/(\S+?)(?=:)", re.MULTILINE)


def lay_out(root: Path) -> Path:
    """A fresh copy of every exercise's reference under `root`/.kata/typecheck/."""
    copy = root / COPY
    shutil.rmtree(copy, ignore_errors=True)
    for exercise in discover(root):
        if exercise.solution_path.is_dir():
            lay_out_reference(exercise, copy / exercise.relpath)
    return copy


def real_path(root: Path, relpath: str) -> str:
    """Where a file of the copy comes from: the solution's file, else the learner's folder's (given) one."""
    answer = Path("solutions") / relpath
    return answer.as_posix() if (root / answer).is_file() else relpath


def main() -> int:
    root = find_root()
    lay_out(root)
    # The solutions' files, in the copy; the given modules they import are checked as mypy follows the imports.
    answers = sorted(path.relative_to(root / "solutions") for path in (root / "solutions").rglob("*.py"))
    sources = [(COPY / answer).as_posix() for answer in answers if "__pycache__" not in answer.parts]
    command = [sys.executable, "-m", "mypy", "src", "tests", "tools", *sources]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    print(_IN_COPY.sub(lambda match: real_path(root, match.group(1)), done.stdout), end="")
    print(done.stderr, end="", file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
