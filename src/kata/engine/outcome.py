"""What one check found, read back from the files the child wrote.

`read_outcome` turns the results file (exercism results.json, version 3),
the failure locations and the child's exit status into an `Outcome`: a status,
counts and one short `Failure` per failing test, with the file and line to look
at and the teaching message of its assertion.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kata import messages
from kata.engine.child import Job

LOG_TAIL_LINES = 6
_FIRST_MEMBER = re.compile(r"^\s*failure 1 of \d+: (.*)$", re.MULTILINE)
_FILE_LINE = re.compile(r'File "([^"]+)", line (\d+)')
_EXCEPTION_LINE = re.compile(
    r"^(?:INTERNALERROR> )?([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*)$", re.MULTILINE
)


@dataclass(frozen=True)
class Failure:
    test: str
    path: str
    line: int
    message: str
    evidence: str = ""
    """What pytest knows beyond the teaching line: got vs expected, the pattern and the message, the falsifying
    example, the tool's own lines..."""
    output: str = ""
    """What the test printed (captured stdout and stderr)."""
    task: int | None = None

    def line_text(self) -> str:
        """`path:LINE: test: message`, one line, for people and editors' problem matchers alike."""
        return f"{self.path}:{self.line}: {self.test}: {self.message}"


@dataclass(frozen=True)
class Milestones:
    """A project's progress: `done` of `total` milestones (its test files, in order) pass; `next` is the first
    that does not (None when all do)."""

    done: int
    total: int
    next: str | None

    @property
    def current(self) -> int:
        """The number of the milestone to work on (1-based)."""
        return min(self.done + 1, self.total)


@dataclass(frozen=True)
class Outcome:
    slug: str
    status: str  # "pass", "fail" or "error"
    passed: int = 0
    total: int = 0
    failures: list[Failure] = field(default_factory=list)
    problem: str | None = None
    duration: float = 0.0
    shortened: bool = False
    """Hypothesis properties ran with the short profile: a pass still has to be confirmed with the full one."""

    @property
    def ok(self) -> bool:
        return self.status == "pass"


def teaching_message(raw: str | None, exception: str | None) -> str:
    """The one line worth reading from a failure: the assertion's message, without pytest's noise."""
    return split_message(raw, exception)[0]


def split_message(raw: str | None, exception: str | None) -> tuple[str, str]:
    """(the teaching line, the evidence under it) of a failure's whole message."""
    text = (raw or exception or "failed").strip()
    lines = text.splitlines()
    index = next((number for number, line in enumerate(lines) if line.strip()), 0)
    first = lines[index].strip() if lines else text
    rest = "\n".join(lines[index + 1 :]).strip("\n")
    known = _known_problem(text, first, exception)
    if known is not None:
        return known, ""
    member = _FIRST_MEMBER.search(text)
    if first.startswith(("ExceptionGroup: ", "BaseExceptionGroup: ")) and member:
        headline = member.group(1).removeprefix("AssertionError: ")
        return headline, "\n".join([first.split(": ", 1)[1], *lines[index + 1 :]])
    if first.startswith("AssertionError: "):
        return first.removeprefix("AssertionError: "), rest
    if first == "AssertionError" and rest:  # a bare `assert` without a message: pytest's introspection is all there is
        return rest.splitlines()[0].strip(), "\n".join(rest.splitlines()[1:])
    return first, rest


def _known_problem(text: str, first: str, exception: str | None) -> str | None:
    """Our own explanation of a failure whose raw message would not help a learner."""
    if "Timeout" in first and "pytest-timeout" in text:
        return messages.TIMEOUT_MESSAGE
    if exception == "SystemExit" or first.startswith("SystemExit"):
        return messages.SYS_EXIT_MESSAGE
    if "reading from stdin while output is captured" in text:
        return messages.INPUT_MESSAGE
    return None


def _relative(path: str, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return path


def _load(path: str) -> dict[str, Any] | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _log_tail(job: Job) -> str:
    try:
        lines = Path(job.log).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    tail = [line for line in lines if line.strip()][-LOG_TAIL_LINES:]
    return ("Last output:\n" + "\n".join(tail)) if tail else ""


def _crash_from_log(job: Job, root: Path) -> list[Failure]:
    """The place and reason of a crash pytest could only log (a SystemExit while importing, say)."""
    try:
        text = Path(job.log).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    places = _FILE_LINE.findall(text)
    errors = _EXCEPTION_LINE.findall(text)
    if not places or not errors:
        return []
    path, line = places[-1]
    error = errors[-1].strip()
    message = messages.SYS_EXIT_MESSAGE if error.startswith("SystemExit") else error
    return [Failure("(loading the tests)", _relative(path, root), int(line), message)]


def failure_of(test: dict[str, Any], place: dict[str, Any] | None, root: Path) -> Failure:
    """One failing test's record (results.json) and the place it failed (from the locator), as a `Failure`."""
    nodeid = str(test.get("name", "?"))
    place = place or {}
    message, evidence = split_message(test.get("message"), test.get("exception"))
    task = test.get("task_id")
    return Failure(
        test=nodeid.rsplit("::", maxsplit=1)[-1],
        path=_relative(str(place.get("path", nodeid.split("::", maxsplit=1)[0])), root),
        line=int(place.get("line", 1)),
        message=message,
        evidence=evidence,
        output=str(test.get("output") or ""),
        task=task if isinstance(task, int) else None,
    )


def read_outcome(job: Job, returncode: int | None, killed: str | None, hard_timeout: float, root: Path) -> Outcome:
    slug = job.slug
    if killed == "timeout":
        try:
            running = Path(job.current).read_text(encoding="utf-8").strip() if job.current else ""
        except OSError:
            running = ""
        during = messages.HARD_TIMEOUT_IN.format(test=running) if running else ""
        return Outcome(
            slug, "error", problem=messages.HARD_TIMEOUT.format(slug=slug, seconds=hard_timeout, where=during)
        )
    results = _load(job.results)
    where = _load(job.locations) or {}
    if results is None:
        code = returncode if returncode is not None else -1
        template = messages.CHILD_DIED if code < 0 or code > 5 else messages.CHILD_EXITED
        return Outcome(slug, "error", problem=template.format(slug=slug, code=code, tail=_log_tail(job)).strip())
    tests = [test for test in results.get("tests", []) if isinstance(test, dict)]
    failures = [
        failure_of(test, where.get("failures", {}).get(str(test.get("name", "?"))), root)
        for test in tests
        if test.get("status") in ("fail", "error")
    ]
    for error in where.get("collect_errors", []):
        failures.append(
            Failure(
                "(loading the tests)", _relative(str(error["path"]), root), int(error["line"]), str(error["message"])
            )
        )
    if not tests and not failures:
        failures = _crash_from_log(job, root)
    passed = sum(1 for test in tests if test.get("status") == "pass")
    status = str(results.get("status", "error"))
    problem = None
    if failures and not tests:
        problem = messages.COLLECTION_ERROR.format(slug=slug)
    elif status == "error" and not failures:
        problem = messages.NO_TESTS.format(slug=slug) if not tests else str(results.get("message") or "")
    elif any(error for error in where.get("collect_errors", [])):
        problem = messages.COLLECTION_ERROR.format(slug=slug)
    duration = float(results.get("duration", 0.0))
    shortened = bool(results.get("shortened_properties"))
    return Outcome(slug, status, passed, len(tests), failures, problem, duration, shortened)
