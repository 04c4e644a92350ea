"""Keep the editor's view of the workspace in step with the folders on disk.

Test files import their kata's starter by plain module name (`from
types_and_operators import add`) and a project's tests import its package
(`from calculator import ...`); pytest finds them through the kata plugin, and
Pylance finds them through `python.analysis.extraPaths` in
.vscode/settings.json. This script writes that list (and the folders the
Testing panel collects) from the katas and projects that exist, using the same
discovery as the `kata` tool.

    python tools/sync_editor_paths.py           # rewrite .vscode/settings.json
    python tools/sync_editor_paths.py --check   # exit 1 if it is out of date

tests/test_editor.py runs the check, so a kata added without re-running this
fails the self-check with the command to run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kata.workspace import discover, find_root

SETTINGS = Path(".vscode/settings.json")
TEST_ROOTS = ("katas", "projects")


def import_paths(root: Path) -> list[str]:
    """`src`, then every kata and project folder, relative to the root, in curriculum order."""
    return ["src", *(exercise.relpath.as_posix() for exercise in discover(root))]


def test_roots(root: Path) -> list[str]:
    """The folders the Testing panel collects from: the ones that exist."""
    return [name for name in TEST_ROOTS if (root / name).is_dir()]


def synced(settings: dict[str, Any], root: Path) -> dict[str, Any]:
    """`settings` with the generated keys replaced; every other key kept in place and order."""
    updated = dict(settings)
    updated["python.analysis.extraPaths"] = import_paths(root)
    updated["python.testing.pytestArgs"] = test_roots(root)
    return updated


def render(settings: dict[str, Any]) -> str:
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report whether the settings are up to date")
    parser.add_argument("--root", type=Path, help="the workspace root (default: found from the current folder)")
    args = parser.parse_args(argv)

    root: Path = args.root.resolve() if args.root else find_root()
    path = root / SETTINGS
    current = path.read_text(encoding="utf-8")
    wanted = render(synced(json.loads(current), root))
    if current == wanted:
        return 0
    if args.check:
        print(
            f"{SETTINGS} is out of date with the katas and projects on disk; "
            f"run: .venv/bin/python tools/sync_editor_paths.py",
            file=sys.stderr,
        )
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"updated {SETTINGS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
