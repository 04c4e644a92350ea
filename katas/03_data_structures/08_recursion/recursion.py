"""Recursion: nested JSON, directory trees, memoisation and an iterative rewrite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def flatten_json(data: Any) -> dict[str, Any]:
    """Nested dicts and lists to {'dotted.path': leaf}."""
    raise NotImplementedError("flatten_json: write me (task 1)")


def directory_size(path: Path) -> int:
    """Total bytes of all files under path; symlinks are not followed."""
    raise NotImplementedError("directory_size: write me (task 2)")


def count_routes(graph: Mapping[str, Sequence[str]], start: str, end: str) -> int:
    """The number of distinct paths from start to end in an acyclic graph."""
    raise NotImplementedError("count_routes: write me (task 3)")


def max_depth(data: Any) -> int:
    """How deeply lists and dicts nest (scalar 0, [] 1), without recursion."""
    raise NotImplementedError("max_depth: write me (task 4)")
