"""Recursion: nested JSON, directory trees, memoisation and an iterative rewrite."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def flatten_json(data: Any) -> dict[str, Any]:
    """Nested dicts and lists to {'dotted.path': leaf}."""
    flat: dict[str, Any] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict) and value:
            children: Any = value.items()
        elif isinstance(value, list) and value:
            children = enumerate(value)
        else:
            flat[path] = value
            return
        for key, child in children:
            walk(child, f"{path}.{key}" if path else str(key))

    walk(data, "")
    return flat


def directory_size(path: Path) -> int:
    """Total bytes of all files under path; symlinks are not followed."""
    total = 0
    for child in path.iterdir():
        if child.is_symlink():
            continue
        if child.is_dir():
            total += directory_size(child)
        elif child.is_file():
            total += child.stat().st_size
    return total


def count_routes(graph: Mapping[str, Sequence[str]], start: str, end: str) -> int:
    """The number of distinct paths from start to end in an acyclic graph."""

    @functools.cache
    def routes(node: str) -> int:
        if node == end:
            return 1
        return sum(routes(following) for following in graph.get(node, ()))

    return routes(start)


def max_depth(data: Any) -> int:
    """How deeply lists and dicts nest (scalar 0, [] 1), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)] if isinstance(data, list | dict) else []
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, list | dict))
    return deepest
