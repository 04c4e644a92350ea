"""Milestone 4: saving to JSON and loading back.

Mistakes these tests catch: dates or member kinds lost on the way (every
member loaded as a standard member), the reservation queue reordered, holds
or fines dropped, a file half-written on a crash left in place of the old
one, a missing file treated as an error, a corrupt file (bad JSON, unknown
format, a copy lent twice) loaded without complaint or crashing with
KeyError instead of LibraryError.
"""

import json
import locale
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from library import FixedClock, Library, LibraryError, NoCopyAvailableError, StudentMember, UnpaidFinesError
from library.library_storage import from_json, load, save, to_json


def busy(library: Library, clock: FixedClock) -> Library:
    """Loans, a hold, a queue of two and a fine: everything storage must keep."""
    library.borrow("sam", "emma")
    library.borrow("ann", "dune")
    library.borrow("tia", "ulysses")
    library.reserve("ann", "ulysses")
    library.reserve("sam", "ulysses")
    clock.advance(50)
    library.return_copy("ulysses-c1")  # tia is staff: no fine; held for ann
    library.return_copy("emma-c1")  # sam, 36 days late: capped at 300
    return library


@pytest.mark.task(taskno=4)
def test_round_trip_keeps_everything(stocked, clock) -> None:
    library = busy(stocked(), clock)
    loaded = from_json(to_json(library), clock)
    assert loaded.state() == library.state(), "loading what was saved must give back the same library"
    assert type(loaded.member("sam")) is StudentMember, "member kinds survive the trip"
    assert loaded.reservations_for("ulysses") == ("sam",)
    assert loaded.hold_on("ulysses-c1") == "ann"
    assert loaded.fines_owed("sam") == 300


@pytest.mark.task(taskno=4)
def test_a_loaded_library_still_enforces_its_rules(stocked, clock) -> None:
    loaded = from_json(to_json(busy(stocked(), clock)), clock)
    with pytest.raises(NoCopyAvailableError):
        loaded.borrow("tia", "ulysses")  # held for ann
    with pytest.raises(UnpaidFinesError):
        loaded.borrow("sam", "emma")
    assert loaded.borrow("ann", "ulysses").copy_id == "ulysses-c1"
    assert loaded.return_copy("dune-c1").fine == 29 * 25, "due dates survive: ann's Dune is 29 days late"


@pytest.mark.task(taskno=4)
def test_the_json_is_plain_and_versioned(stocked, clock) -> None:
    document = json.loads(to_json(busy(stocked(), clock)))
    assert document["format"] == 1, "a format number lets a later version read old files"
    assert {"books", "copies", "members", "loans", "reservations", "holds", "fines"} <= set(document)
    assert document["reservations"] == {"ulysses": ["sam"]}
    assert document["fines"] == {"sam": 300}
    assert {"kind": "student", "member_id": "sam", "name": "Sam"}.items() <= next(
        m for m in document["members"] if m["member_id"] == "sam"
    ).items()
    assert any(loan["due_on"] == "2026-01-26" for loan in document["loans"]), "dates as ISO strings"


@pytest.mark.task(taskno=4)
def test_save_and_load_a_file(stocked, clock, tmp_path) -> None:
    path = tmp_path / "data" / "2026" / "library.json"
    assert load(path, clock).books() == (), "a missing file is an empty library"
    library = busy(stocked(), clock)
    save(library, path)
    save(library, path)
    assert load(path, clock).state() == library.state()
    assert [p.name for p in path.parent.iterdir()] == ["library.json"], "no temporary files left behind"


@pytest.mark.task(taskno=4)
def test_a_missing_file_is_an_empty_library_on_the_given_clock(clock, tmp_path) -> None:
    from library import StandardMember

    library = load(tmp_path / "missing.json", clock)
    library.add_book("emma", "Emma", "Jane Austen")
    library.add_copy("emma")
    library.add_member(StandardMember("ann", "Ann"))
    assert library.borrow("ann", "emma").borrowed_on == clock.today(), (
        "the empty library runs on the clock it was given"
    )


@pytest.mark.task(taskno=4)
def test_save_replaces_the_file_with_a_temporary_one_from_the_same_folder(stocked, tmp_path, monkeypatch) -> None:
    path = tmp_path / "library.json"
    replaced: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        replaced.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    save(stocked(), path)
    assert [target for _, target in replaced] == [path], "save writes elsewhere, then os.replace()s it into place"
    assert replaced[0][0].parent == path.parent, (
        "make the temporary file in the target's folder (tempfile.mkstemp(dir=...)): os.replace is atomic only "
        "within one file system, and the system's temp folder may be on another"
    )


@pytest.mark.task(taskno=4)
def test_save_syncs_the_data_before_the_rename_and_the_folder_after(stocked, tmp_path, monkeypatch) -> None:
    path = tmp_path / "library.json"
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        events.append("sync folder" if stat.S_ISDIR(info.st_mode) else f"sync {info.st_size} bytes")
        real_fsync(fd)

    def replace(source: str, target: str) -> None:
        events.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    save(stocked(), path)
    size = path.stat().st_size
    assert f"sync {size} bytes" in events[: events.index("replace")], (
        "before os.replace, flush the temporary file and os.fsync it: otherwise a power cut can leave the new "
        f"name pointing at an empty or half-written file (events: {events})"
    )
    assert "sync folder" in events[events.index("replace") :], (
        "after os.replace, os.fsync the folder (os.open(folder, os.O_RDONLY)): the rename is written to the "
        f"folder, and until that is on disk a power cut can undo it (events: {events})"
    )


def _python(kata_file, code: str) -> subprocess.Popen[str]:
    """Start `python -c code` as another process that imports the library (yours, or the reference)."""
    env = {**os.environ, "PYTHONPATH": os.fspath(kata_file(".")), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


def _finish(process: subprocess.Popen[str], seconds: float) -> str | None:
    """The process's output once it ends, or None (and the process killed) if it is still running after `seconds`."""
    try:
        return process.communicate(timeout=seconds)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None


def _take_lock(path: Path, then: str) -> str:
    """Code for another process: take `locked(path)`, say so, then run `then`."""
    return (
        "import sys\nfrom pathlib import Path\nfrom library.library_storage import locked\n"
        f"with locked(Path({str(path)!r})):\n    print('locked', flush=True)\n    {then}\n"
    )


@pytest.mark.task(taskno=4)
def test_locked_makes_another_process_wait(kata_file, tmp_path) -> None:
    path = tmp_path / "library.json"
    with _python(kata_file, _take_lock(path, "sys.stdin.readline()")) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n", "locked(path) should take the lock"
        with _python(kata_file, _take_lock(path, "pass")) as waiter:
            try:
                waiter.communicate(timeout=2)
            except subprocess.TimeoutExpired:
                waited = True
            else:
                waited = False
            holder.communicate("release\n", timeout=5)
            assert waited, "while one process holds locked(path), another one that asks for it waits"
            assert _finish(waiter, 5) == "locked\n", "once the first process lets go, the second one gets the lock"


@pytest.mark.task(taskno=4)
def test_a_killed_process_does_not_keep_the_lock(kata_file, tmp_path) -> None:
    path = tmp_path / "library.json"
    with _python(kata_file, _take_lock(path, "sys.stdin.readline()")) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n", "locked(path) should take the lock"
        holder.kill()
    with _python(kata_file, _take_lock(path, "pass")) as waiter:
        out = _finish(waiter, 5)
    assert out == "locked\n", (
        "a run that is killed (or crashes) must not lock the library for ever: use a lock the operating system "
        "drops with the process (fcntl.flock), not a lock file that only a clean exit removes"
    )


@pytest.mark.task(taskno=4)
def test_the_file_is_utf8_text_indented_for_people(stocked, tmp_path) -> None:
    library = stocked()
    library.add_book("eyre", "Jane Eyre", "Charlotte Brontë")
    path = tmp_path / "library.json"
    save(library, path)
    text = path.read_bytes().decode("utf-8")
    assert "Charlotte Brontë" in text, "write names as they are in UTF-8, not as \\u escapes (ensure_ascii=False)"
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n", (
        "the file is JSON indented by 2 spaces and ends with a newline, so that it reads and diffs well"
    )


@pytest.mark.task(taskno=4)
def test_a_failed_save_leaves_the_old_file_intact(stocked, clock, tmp_path, monkeypatch) -> None:
    path = tmp_path / "library.json"
    library = stocked()
    save(library, path)
    before = path.read_text(encoding="utf-8")
    busy(library, clock)

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        save(library, path)
    assert path.read_text(encoding="utf-8") == before, "write to a temporary file, then os.replace it into place"
    assert [p.name for p in tmp_path.iterdir()] == ["library.json"], "clean up the temporary file when saving fails"


@pytest.mark.task(taskno=4)
def test_files_are_utf8_whatever_the_locale(stocked, clock, tmp_path) -> None:
    library = stocked()
    library.add_book("eyre", "Jane Eyre", "Charlotte Brontë")
    path = tmp_path / "library.json"
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # an ASCII locale, like a machine set up without UTF-8
    try:
        save(library, path)
        loaded = load(path, clock)
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    assert loaded.book("eyre").author == "Charlotte Brontë", (
        "write and read the file with encoding='utf-8': the default is the locale's encoding, ASCII here and "
        "cp1252 on many Windows machines, so the same file would not load everywhere"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("corrupt", "culprit"),
    [
        (lambda doc: "{ not json", ""),
        (lambda doc: json.dumps({**doc, "format": 99}), "99"),
        (lambda doc: json.dumps({k: v for k, v in doc.items() if k != "loans"}), "loans"),
        (lambda doc: json.dumps({**doc, "loans": doc["loans"] + doc["loans"][:1]}), "dune-c1"),
        (lambda doc: json.dumps({**doc, "loans": [{**doc["loans"][0], "isbn": "emma"}]}), "dune-c1"),
        (lambda doc: json.dumps({**doc, "holds": {"dune-c1": "ann"}}), "dune-c1"),
        (
            lambda doc: json.dumps(
                {**doc, "members": [*doc["members"], {"member_id": "x", "name": "X", "kind": "alien"}]}
            ),
            "alien",
        ),
        (lambda doc: json.dumps({**doc, "fines": {"sam": 0}}), "sam"),
    ],
    ids=[
        "bad-json",
        "unknown-format",
        "missing-section",
        "copy-lent-twice",
        "loan-of-the-wrong-book",
        "hold-on-a-lent-copy",
        "unknown-kind",
        "fine-of-zero",
    ],
)
def test_a_corrupt_file_is_refused_with_a_library_error(stocked, clock, corrupt, culprit: str) -> None:
    document = json.loads(to_json(busy(stocked(), clock)))
    with pytest.raises(LibraryError) as raised:
        from_json(corrupt(document), clock)
    assert culprit in str(raised.value), f"the message names what is wrong ({culprit!r}): {raised.value}"


@pytest.mark.task(taskno=4)
def test_a_fine_of_one_cent_loads(stocked, clock) -> None:
    document = json.loads(to_json(busy(stocked(), clock)))
    loaded = from_json(json.dumps({**document, "fines": {"sam": 1}}), clock)
    assert loaded.fines_owed("sam") == 1, "any fine above 0 cents is a real debt; only 0 or less is corrupt"


operations = st.lists(
    st.tuples(
        st.sampled_from(["borrow", "return", "reserve", "wait", "pay"]),
        st.sampled_from(["ann", "sam", "tia"]),
        st.sampled_from(["dune", "emma", "ulysses"]),
        st.integers(0, 1),
    ),
    max_size=30,
)


@pytest.mark.task(taskno=4)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
@example(
    [
        ("borrow", "sam", "emma", 0),
        ("reserve", "ann", "emma", 0),
        ("return", "ann", "emma", 0),
        ("reserve", "ann", "emma", 0),
    ]
)
def test_round_trip_after_any_history(stocked, history) -> None:
    clock = FixedClock(date(2026, 1, 5))  # a fresh clock per example
    library = stocked(clock)
    for operation, member, isbn, n in history:
        try:
            if operation == "borrow":
                library.borrow(member, isbn)
            elif operation == "return":
                library.return_copy(f"{isbn}-c{n + 1}")
            elif operation == "reserve":
                library.reserve(member, isbn)
            elif operation == "wait":
                clock.advance(10 + 20 * n)
            elif library.fines_owed(member):
                library.pay_fine(member, library.fines_owed(member))
        except LibraryError:
            pass
    assert from_json(to_json(library), clock).state() == library.state()
