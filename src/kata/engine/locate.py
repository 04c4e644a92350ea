"""A pytest plugin for the child of a check: where each failure happened, as a file and a line.

The place is the deepest frame inside the workspace's katas/ or projects/ (the
learner's file or the test), following the exception's cause or context when
the exception itself was raised elsewhere (say, by a plugin turning a timeout
into a TimedOut error). pytest's own crash location is the fallback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

_FILE_LINE = re.compile(r'File "([^"]+)", line (\d+)|^(\S+\.py):(\d+): ', re.MULTILINE)
_ERROR_LINE = re.compile(r"^E\s+(\S.*)$", re.MULTILINE)


def learner_frame(error: BaseException | None, homes: list[Path]) -> tuple[str, int] | None:
    """The deepest frame under one of `homes` in `error`'s traceback, or in its cause's, and so on."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        place = None
        frame = error.__traceback__
        while frame is not None:
            path = Path(frame.tb_frame.f_code.co_filename)
            if any(home in path.parents for home in homes):
                place = (str(path), frame.tb_lineno)
            frame = frame.tb_next
        if place is not None:
            return place
        error = error.__cause__ or error.__context__
    return None


class Locator:
    def __init__(self, root: Path, current: Path | None = None) -> None:
        self.current = current
        self.homes = [root.resolve() / "katas", root.resolve() / "projects"]
        self.failures: dict[str, dict[str, Any]] = {}
        self.collect_errors: list[dict[str, Any]] = []
        self.imported: list[str] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if report.failed and call.excinfo is not None:
            place = learner_frame(call.excinfo.value, self.homes)
            if place is not None:
                self.failures.setdefault(report.nodeid, {"path": place[0], "line": place[1]})
        return report

    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        """Note the test that starts: if the whole run has to be killed, the parent can still name it."""
        if self.current is not None:
            self.current.write_text(nodeid, encoding="utf-8")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        crash = getattr(report.longrepr, "reprcrash", None)
        if report.failed and crash is not None:
            self.failures.setdefault(report.nodeid, {"path": str(crash.path), "line": int(crash.lineno)})

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.failed:
            return
        text = str(report.longreprtext)
        places = [(m[1] or m[3], int(m[2] or m[4])) for m in _FILE_LINE.finditer(text)]
        errors = _ERROR_LINE.findall(text)
        path, line = places[-1] if places else (str(report.fspath), 1)
        self.collect_errors.append({"path": path, "line": line, "message": errors[-1] if errors else text.strip()})

    def write(self, target: Path) -> None:
        document = {"failures": self.failures, "collect_errors": self.collect_errors, "imported": self.imported}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, indent=2), encoding="utf-8")
