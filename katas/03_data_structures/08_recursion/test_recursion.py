"""Tests for the recursion kata.

Mistakes these tests catch: `flatten_json` that drops empty dicts and lists,
starts keys with a dot, skips list indexes, or treats strings as sequences
(recursing into characters); `directory_size` that counts only the top
level, counts directory entries' own sizes, or follows a symlink to a parent
(endless loop); `count_routes` without a cache (exponential: times out on a
60-layer graph), a cache that leaks between calls with different graphs, a
node missing from the graph crashing; `max_depth` written recursively
(RecursionError at 100 000 levels), or counting scalars as a level.
"""

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recursion import count_routes, directory_size, flatten_json, max_depth

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet="ab.", max_size=3),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text("xyz", min_size=1, max_size=2), children, max_size=3)
    ),
    max_leaves=15,
)


def lookup(data: object, path: str) -> object:
    for part in path.split(".") if path else []:
        data = data[int(part)] if isinstance(data, list) else data[part]  # type: ignore[index]
    return data


@pytest.mark.task(taskno=1)
def test_flatten_json_joins_paths_with_dots() -> None:
    data = {"db": {"host": "x", "ports": [5432, 5433]}, "debug": False, "tags": {}, "hosts": []}
    assert flatten_json(data) == {
        "db.host": "x",
        "db.ports.0": 5432,
        "db.ports.1": 5433,
        "debug": False,
        "tags": {},
        "hosts": [],
    }, "list items use their index; empty dicts and lists are leaves"


@pytest.mark.task(taskno=1)
def test_flatten_json_edge_cases() -> None:
    assert flatten_json(42) == {"": 42}, "a scalar at the top has the empty path"
    assert flatten_json({"name": "abc"}) == {"name": "abc"}, "a string is a leaf, not a list of characters"
    assert flatten_json([[1], {"a": None}]) == {"0.0": 1, "1.a": None}
    assert flatten_json({}) == {"": {}}


@pytest.mark.task(taskno=1)
@given(json_values)
def test_flatten_json_paths_lead_back_to_the_leaves(data: object) -> None:
    for path, leaf in flatten_json(data).items():
        assert lookup(data, path) == leaf, f"following {path!r} through the data must reach the leaf"
        assert not isinstance(leaf, dict | list) or not leaf, "only empty containers can be leaves"


@pytest.mark.task(taskno=2)
def test_directory_size_sums_files_at_every_depth(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"abc")
    (tmp_path / "2024" / "05").mkdir(parents=True)
    (tmp_path / "2024" / "b.bin").write_bytes(b"0123456789")
    (tmp_path / "2024" / "05" / "c.log").write_bytes(b"x" * 100)
    (tmp_path / "empty").mkdir()
    assert directory_size(tmp_path) == 113, "add up the files in every sub-directory"
    assert directory_size(tmp_path / "empty") == 0


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(5)
def test_directory_size_does_not_follow_symlinks(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "f").write_bytes(b"12345")
    os.symlink(tmp_path, tmp_path / "data" / "loop")
    os.symlink(tmp_path / "data" / "f", tmp_path / "link-to-f")
    size = directory_size(tmp_path)
    assert size == 5, "skip symbolic links: a link to a parent would recurse forever"


def ladder(layers: int) -> dict[str, list[str]]:
    """Each layer has two nodes, both linked to both nodes of the next: 2**layers routes."""
    graph: dict[str, list[str]] = {"start": ["a0", "b0"]}
    for layer in range(layers - 1):
        graph[f"a{layer}"] = graph[f"b{layer}"] = [f"a{layer + 1}", f"b{layer + 1}"]
    graph[f"a{layers - 1}"] = graph[f"b{layers - 1}"] = ["end"]
    return graph


@pytest.mark.task(taskno=3)
def test_count_routes_small_graphs() -> None:
    assert count_routes({"api": ["auth", "db"], "auth": ["db"], "db": []}, "api", "db") == 2
    assert count_routes({"a": ["b"]}, "a", "c") == 0, "no route, and 'b' is missing from the dict: no crash"
    assert count_routes({}, "x", "x") == 1, "start == end is one (empty) route"
    assert count_routes(ladder(3), "start", "end") == 8


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(5)
def test_count_routes_is_memoised() -> None:
    routes = count_routes(ladder(60), "start", "end")
    assert routes == 2**60, "cache the count per node (functools.cache)"


@pytest.mark.task(taskno=3)
def test_count_routes_cache_does_not_leak_between_graphs() -> None:
    assert count_routes({"a": ["b"], "b": ["c"]}, "a", "c") == 1
    assert count_routes({"a": ["b", "c"], "b": ["c"]}, "a", "c") == 2, (
        "a cache shared between calls gives stale answers"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("data", "expected"),
    [(1, 0), ("text", 0), ([], 1), ({}, 1), ([[1]], 2), ({"a": [1, {"b": []}]}, 4), ([1, [2, [3]], []], 3)],
)
def test_max_depth(data: object, expected: int) -> None:
    assert max_depth(data) == expected, f"max_depth({data!r}) should be {expected}"


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(5)
def test_max_depth_survives_hostile_nesting() -> None:
    deep: list[object] = []
    for _ in range(100_000 - 1):
        deep = [deep]
    wide_and_deep = {"ok": [1, 2, 3], "evil": deep}
    depths = max_depth(deep), max_depth(wide_and_deep)
    assert depths == (100_000, 100_001), "use a loop and a list as your stack, not recursion"
