"""Tests for the duck-typing, ABC and protocol kata.

Mistakes these tests catch: `write_report` that insists on a real file
(`isinstance(out, io.TextIOBase)`) or builds one string and returns its length
without writing, a missing trailing new line, `Storage` left a plain class
(so `Storage()` works and a subclass may forget `put`), `exists` true for a
missing key or false for empty bytes (b"" is falsy but present),
`MemoryStorage` sharing its dict between instances, `Closeable` without
@runtime_checkable (isinstance raises TypeError), `close_all` closing first to
last, or crashing on objects without `close`.
"""

import inspect
import io
from pathlib import Path

import pytest
from duck_typing_and_protocols import Closeable, MemoryStorage, Storage, close_all, write_report
from hypothesis import given
from hypothesis import strategies as st


class ListWriter:
    """Not a file: only has write()."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str, /) -> int:
        self.parts.append(text)
        return len(text)


class Connection:
    """Closes into a shared log so the order can be checked."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.name, self.log = name, log

    def close(self) -> None:
        self.log.append(self.name)


@pytest.mark.task(taskno=1)
def test_write_report_writes_lines_to_a_string_buffer() -> None:
    buffer = io.StringIO()
    written = write_report([("requests", 120), ("errors", 3)], buffer)
    assert buffer.getvalue() == "requests=120\nerrors=3\n", "one 'name=value' line per row, each ending in a new line"
    assert written == 22, "return the number of characters written"


@pytest.mark.task(taskno=1)
def test_write_report_accepts_anything_with_write(tmp_path: Path) -> None:
    writer = ListWriter()
    assert write_report([("p99_ms", 250)], writer) == 11
    assert "".join(writer.parts) == "p99_ms=250\n", "duck typing: call out.write(...) whatever `out` is"
    with (tmp_path / "report.txt").open("w", encoding="utf-8") as handle:
        write_report([("up", True)], handle)
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "up=True\n"


@pytest.mark.task(taskno=1)
@given(st.lists(st.tuples(st.text(alphabet="abcxyz_", min_size=1), st.integers())))
def test_write_report_counts_every_character(rows: list[tuple[str, int]]) -> None:
    buffer = io.StringIO()
    assert write_report(rows, buffer) == len(buffer.getvalue())
    assert buffer.getvalue().count("\n") == len(rows)


@pytest.mark.task(taskno=2)
def test_storage_is_abstract() -> None:
    assert inspect.isabstract(Storage), "inherit from abc.ABC and mark get/put with @abstractmethod"
    assert Storage.__abstractmethods__ == frozenset({"get", "put"}), "exactly get and put are abstract"
    with pytest.raises(TypeError):
        Storage()  # type: ignore[abstract]


@pytest.mark.task(taskno=2)
def test_a_subclass_must_implement_every_abstract_method() -> None:
    class ReadOnly(Storage):
        def get(self, key: str) -> bytes | None:
            return None

    assert inspect.isabstract(ReadOnly), "a subclass without put() should still be abstract"
    with pytest.raises(TypeError, match="put"):
        ReadOnly()  # type: ignore[abstract]


@pytest.mark.task(taskno=2)
def test_memory_storage_stores_and_reports_existence() -> None:
    store = MemoryStorage()
    assert isinstance(store, Storage)
    assert store.get("missing") is None, "a missing key gives None"
    store.put("avatar/7.png", b"\x89PNG")
    store.put("empty.txt", b"")
    assert store.get("avatar/7.png") == b"\x89PNG"
    assert store.exists("avatar/7.png") is True
    assert store.exists("empty.txt") is True, "b'' is falsy but it is stored: compare with None"
    assert store.exists("avatar/8.png") is False
    assert MemoryStorage().get("avatar/7.png") is None, "each MemoryStorage needs its own dict"


@pytest.mark.task(taskno=2)
def test_exists_is_written_once_in_the_base_class() -> None:
    class Fixed(Storage):
        def get(self, key: str) -> bytes | None:
            return b"x" if key == "x" else None

        def put(self, key: str, data: bytes) -> None:
            raise PermissionError

    assert Fixed().exists("x") is True, "Storage.exists should use self.get, so every subclass inherits it"
    assert Fixed().exists("y") is False


@pytest.mark.task(taskno=3)
def test_closeable_is_a_runtime_checkable_protocol() -> None:
    assert getattr(Closeable, "_is_runtime_protocol", False), "decorate Closeable with @runtime_checkable"
    assert isinstance(io.StringIO(), Closeable)
    assert isinstance(Connection("db", []), Closeable), "no inheritance needed: having close() is enough"
    assert not isinstance(42, Closeable)


@pytest.mark.task(taskno=3)
def test_close_all_closes_last_opened_first_and_skips_the_rest() -> None:
    log: list[str] = []
    resources = [Connection("db", log), "not a resource", Connection("cache", log), 42, Connection("queue", log)]
    assert close_all(resources) == 3, "count only what was closed"
    assert log == ["queue", "cache", "db"], "close in reverse order, like nested `with` blocks"


@pytest.mark.task(taskno=3)
def test_close_all_accepts_any_iterable_and_real_files(tmp_path: Path) -> None:
    handle = (tmp_path / "a.log").open("w", encoding="utf-8")
    buffer = io.StringIO()
    assert close_all(iter([handle, buffer])) == 2, "resources may be a one-shot iterator"
    assert handle.closed
    assert buffer.closed
    assert close_all([]) == 0
