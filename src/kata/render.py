"""How a check's outcome looks on screen, shared by `kata check` and `kata watch`.

Lines editors can parse (a VS Code problem matcher, for instance) are printed
plainly, without colour:

    kata: checking <slug>
    path/to/file.py:LINE: test_name: message       (one per failing test)
    kata: done <slug> (passed|failed)

Under the first failure (under every one with `verbose`) comes its evidence,
indented: what pytest knows beyond the message, then what the test printed.
Long lines wrap at word boundaries to the terminal's width. Everything else
(the progress bar, the celebration, hints) is decoration.
"""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from kata import messages
from kata.engine.outcome import Failure, Milestones, Outcome

MAX_FAILURES_SHOWN = 8
BEGIN = "kata: checking {slug}"
END = "kata: done {slug} ({result})"


def plain(console: Console, line: str) -> None:
    """Print one parseable line: no markup, no highlighting; wrapped at word boundaries when too long."""
    console.print(Text(line), overflow="fold", highlight=False, markup=False)


def evidence(console: Console, failure: Failure) -> None:
    """The evidence under a failure's line, indented: pytest's details, then what the test printed."""
    if failure.evidence:
        console.print(Padding(Text(failure.evidence, style="dim"), (0, 0, 0, 4)), overflow="fold")
    if failure.output.strip():
        console.print(Padding(Text(messages.PRINTED, style="cyan"), (0, 0, 0, 4)))
        console.print(Padding(Text(failure.output.rstrip("\n")), (0, 0, 0, 6)), overflow="fold")


def begin(console: Console, slug: str) -> None:
    plain(console, BEGIN.format(slug=slug))


def end(console: Console, outcome: Outcome) -> None:
    plain(console, END.format(slug=outcome.slug, result="passed" if outcome.ok else "failed"))


def progress_bar(console: Console, done: int, total: int) -> None:
    grid = Table.grid(padding=(0, 1))
    grid.add_row(ProgressBar(total=max(total, 1), completed=done, width=40), Text(f"{done}/{total} solved"))
    console.print(grid)


def failures(console: Console, outcome: Outcome, limit: int = MAX_FAILURES_SHOWN, *, verbose: bool = False) -> None:
    """The problem (if the run itself failed), then each failing test as `path:LINE: test: message`, the first
    one (every one when `verbose`) with its evidence."""
    if outcome.problem:
        console.print(Text(outcome.problem, style="bold red"))
    groups = grouped(outcome)
    shown = groups if verbose else groups[:limit]
    for number, (failure, alike) in enumerate(shown):
        suffix = f" (and {alike} more like it)" if alike else ""
        plain(console, failure.line_text() + suffix)
        if verbose or number == 0:
            evidence(console, failure)
    hidden = sum(1 + alike for _, alike in groups[len(shown) :])
    if hidden > 0:
        console.print(Text(messages.MORE_FAILURES.format(count=hidden, slug=outcome.slug, shown=limit), style="dim"))


def grouped(outcome: Outcome) -> list[tuple[Failure, int]]:
    """Failures with the same place and message, folded into the first one and a count of the others."""
    groups: dict[tuple[str, int, str], list[Failure]] = {}
    for failure in outcome.failures:
        groups.setdefault((failure.path, failure.line, failure.message), []).append(failure)
    return [(same[0], len(same) - 1) for same in groups.values()]


def summary(console: Console, outcome: Outcome, next_slug: str | None, milestones: Milestones | None = None) -> None:
    """One line saying how it went and what to do next (for a project: which milestone is next)."""
    if milestones is not None and milestones.next is not None:
        text = messages.MILESTONE.format(
            slug=outcome.slug,
            done=milestones.done,
            total=milestones.total,
            number=milestones.current,
            path=milestones.next,
        )
        console.print(Text(text, style="green" if outcome.ok else "yellow"))
        if outcome.ok:
            return
    if outcome.ok:
        if next_slug is None:
            text = messages.CELEBRATE_LAST.format(slug=outcome.slug)
        else:
            text = messages.CELEBRATE.format(slug=outcome.slug, next=next_slug)
        console.print(Text(text, style="bold green"))
    elif outcome.total and not outcome.problem:
        failed = outcome.total - outcome.passed
        text = messages.FAILED.format(slug=outcome.slug, failed=failed, total=outcome.total)
        console.print(Text(text, style="yellow"))


def show(
    console: Console,
    outcome: Outcome,
    next_slug: str | None,
    limit: int = MAX_FAILURES_SHOWN,
    *,
    verbose: bool = False,
    milestones: Milestones | None = None,
) -> None:
    failures(console, outcome, limit, verbose=verbose)
    summary(console, outcome, next_slug, milestones)
