"""Tests for the bisecting kata.

Mistakes these tests catch: a check that imports `receipt` by name (the first folder's module is cached, so
every later folder gets the same verdict), a syntax error reported as bad instead of skipped (bisect then
blames the half-finished commit), a check of the empty receipt only, a wrong exit code for good; and as the
answer, the last good commit, the commit that could not be built, or a subject that is not in the history.
"""

import hashlib
import subprocess
from pathlib import Path

import pytest
from bisect_history import BAD, FIRST_BAD_COMMIT, GOOD, SKIP, check
from bisect_history_given import build_history

HISTORY_FINGERPRINT = "8a180dab5744d336"
RECEIPT = """VAT_PERCENT = 19


def total_cents(items: list[int]) -> int:
    subtotal = sum(items)
    return subtotal + (subtotal * VAT_PERCENT{rounding}) // 100
"""


def _folder(root: Path, name: str, source: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "receipt.py").write_text(source, encoding="utf-8")
    return folder


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True)
    return done.stdout


def _verdict(source: str) -> str:
    """The test's own verdict on one version: 'skip' if it does not compile, else 'good' or 'bad'."""
    try:
        code = compile(source, "receipt.py", "exec")
    except SyntaxError:
        return "skip"
    namespace: dict[str, object] = {}
    exec(code, namespace)
    total = namespace["total_cents"]
    assert callable(total)
    return "good" if total([1250]) == 1488 else "bad"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    """(commit hash, subject, receipt.py) of each commit of the built history, oldest first."""
    folder = tmp_path_factory.mktemp("till")
    build_history(folder)
    commits = _git(folder, "rev-list", "--reverse", "HEAD").split()
    return [
        (sha, _git(folder, "log", "-1", "--format=%s", sha).strip(), _git(folder, "show", f"{sha}:receipt.py"))
        for sha in commits
    ]


@pytest.mark.task(taskno=1)
def test_a_correct_receipt_is_good(tmp_path: Path) -> None:
    verdict = check(_folder(tmp_path, "good", RECEIPT.format(rounding=" + 50")))
    assert verdict == GOOD == 0, f"a receipt.py that rounds half up is good: exit code 0, got {verdict!r}"


@pytest.mark.task(taskno=1)
def test_a_receipt_that_rounds_down_is_bad(tmp_path: Path) -> None:
    verdict = check(_folder(tmp_path, "bad", RECEIPT.format(rounding="")))
    assert verdict == BAD == 1, f"total_cents([1250]) is 1487 here, not 1488: bad, exit code 1, got {verdict!r}"


@pytest.mark.task(taskno=1)
def test_a_receipt_that_does_not_compile_is_skipped(tmp_path: Path) -> None:
    source = RECEIPT.format(rounding=" + 50").replace("-> int:", "-> int")
    verdict = check(_folder(tmp_path, "wip", source))
    assert verdict == SKIP == 125, (
        f"a commit that cannot be imported says nothing about the bug: skip it with 125, got {verdict!r}"
    )


@pytest.mark.task(taskno=1)
def test_each_folder_is_judged_on_its_own_file(tmp_path: Path) -> None:
    good = _folder(tmp_path, "first", RECEIPT.format(rounding=" + 50"))
    bad = _folder(tmp_path, "second", RECEIPT.format(rounding=""))
    verdicts = [check(good), check(bad), check(good)]
    assert verdicts == [GOOD, BAD, GOOD], (
        f"got {verdicts}: the verdict must come from the receipt.py in the folder given (a module imported "
        "by name is cached after the first import)"
    )


@pytest.mark.task(taskno=2)
def test_the_history_is_the_one_bisected(history: list[tuple[str, str, str]]) -> None:
    digest = hashlib.sha256(repr(history).encode()).hexdigest()[:16]
    assert digest == HISTORY_FINGERPRINT, "build_history changed: the answer is about the history as given, put it back"


@pytest.mark.task(taskno=2)
def test_first_bad_commit_is_the_one_observed(history: list[tuple[str, str, str]]) -> None:
    verdicts = [(subject, _verdict(source)) for _, subject, source in history]
    first_bad = next(subject for subject, verdict in verdicts if verdict == "bad")
    subjects = [subject for _, subject, _ in history]
    assert FIRST_BAD_COMMIT, "write the first bad commit's subject into FIRST_BAD_COMMIT"
    assert FIRST_BAD_COMMIT in subjects, f"{FIRST_BAD_COMMIT!r} is not a subject of the history (`git log --format=%s`)"
    position = subjects.index(FIRST_BAD_COMMIT)
    assert verdicts[position][1] != "skip", f"{FIRST_BAD_COMMIT!r} cannot even be imported: bisect should skip it"
    assert verdicts[position][1] == "bad", f"{FIRST_BAD_COMMIT!r} is still good: the first bad commit comes later"
    assert first_bad == FIRST_BAD_COMMIT, f"{FIRST_BAD_COMMIT!r} is bad, but not the FIRST bad commit"
