"""Tests for the control-flow kata.

Mistakes these tests catch: status ranges off by one at 199/200 or 599/600,
codes below 100 or above 599 classified instead of rejected; comments or blank
lines not skipped, the value split at every `=` instead of the first, spaces
kept around keys or values, quotes kept (or `.strip('"')` eating a quote at one
end only), line numbers counted from 0 or counting only real lines, a duplicate
key silently overwriting; a schedule that starts at base*factor, has one delay
too many, ignores the cap or accepts a negative count; waiting that checks once
too often, sleeps after the last check or before the first one, or gives up
without saying how many checks it made.
"""

import pytest
from control_flow import backoff_delays, classify_status, parse_config, wait_until
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (100, "informational"),
        (199, "informational"),
        (200, "success"),
        (204, "success"),
        (301, "redirection"),
        (399, "redirection"),
        (400, "client error"),
        (404, "client error"),
        (499, "client error"),
        (500, "server error"),
        (599, "server error"),
    ],
)
def test_classify_status_names_the_class(code: int, expected: str) -> None:
    assert classify_status(code) == expected, f"classify_status({code}) should be {expected!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("code", [-200, 0, 99, 600, 1000])
def test_classify_status_rejects_codes_outside_100_to_599(code: int) -> None:
    with pytest.raises(ValueError, match="not an HTTP status code"):
        classify_status(code)


@pytest.mark.task(taskno=2)
def test_parse_config_reads_keys_and_values() -> None:
    text = '# server\nhost = 0.0.0.0\nport = 8080\n\nname = "My App"\n'
    assert parse_config(text) == {"host": "0.0.0.0", "port": "8080", "name": "My App"}, (
        "comments and blank lines are skipped, spaces around keys and values dropped, double quotes removed"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("url = http://x/?a=b", {"url": "http://x/?a=b"}),
        ("  debug=true  ", {"debug": "true"}),
        ("empty =", {"empty": ""}),
        ('motto = "  keep  my spaces "', {"motto": "  keep  my spaces "}),
        ('quote = "hi', {"quote": '"hi'}),
        ('blank = ""', {"blank": ""}),
        ("    # an indented comment", {}),
    ],
    ids=[
        "first-equals-only",
        "no-spaces",
        "empty-value",
        "quoted-spaces",
        "one-quote",
        "quoted-empty",
        "indented-comment",
    ],
)
def test_parse_config_handles_awkward_lines(line: str, expected: dict[str, str]) -> None:
    assert parse_config(line) == expected, f"parse_config({line!r}) should be {expected!r}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("host = a\nport 8080", "line 2: expected 'key = value'"),
        ("# comment\n\n= 8080", "line 3: missing key"),
        ("port = 1\nhost = a\nport = 2", "line 3: duplicate key 'port'"),
    ],
    ids=["no-equals", "empty-key", "duplicate"],
)
def test_parse_config_names_the_bad_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="line") as caught:
        parse_config(text)
    assert str(caught.value).startswith(message), (
        f"the error should start with {message!r} (lines count from 1, comments and blank lines included)"
    )


@pytest.mark.task(taskno=3)
def test_backoff_delays_double_from_base_up_to_cap() -> None:
    assert backoff_delays(6, base=1.0, cap=10.0) == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0], (
        "the first delay is base, each next one doubles, and none goes above cap"
    )
    assert backoff_delays(8) == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0], (
        "the defaults are base=0.5, factor=2.0, cap=30.0"
    )
    assert backoff_delays(3, base=1.0, factor=3.0) == [1.0, 3.0, 9.0], "each delay is factor times the one before"


@pytest.mark.task(taskno=3)
def test_backoff_delays_of_zero_attempts_is_empty() -> None:
    assert backoff_delays(0) == [], "no retries means nothing to wait for"


@pytest.mark.task(taskno=3)
def test_backoff_delays_rejects_negative_attempts() -> None:
    with pytest.raises(ValueError, match="negative"):
        backoff_delays(-1)


@pytest.mark.task(taskno=3)
@given(
    attempts=st.integers(min_value=0, max_value=60),
    base=st.floats(min_value=0.01, max_value=10),
    factor=st.floats(min_value=1, max_value=4),
    cap=st.floats(min_value=0.01, max_value=120),
)
def test_backoff_delays_grow_but_never_pass_the_cap(attempts: int, base: float, factor: float, cap: float) -> None:
    delays = backoff_delays(attempts, base=base, factor=factor, cap=cap)
    assert len(delays) == attempts, f"one delay per attempt: expected {attempts}, got {len(delays)}"
    assert all(delay <= cap for delay in delays), f"no delay may exceed cap={cap}: {delays}"
    assert delays == sorted(delays), f"delays never shrink: {delays}"
    if delays:
        assert delays[0] == min(base, cap), "the first delay is base (or cap, if base is larger)"


class FakeService:
    """A check that answers from a script, and a sleep that records instead of waiting."""

    def __init__(self, answers: list[bool]) -> None:
        self.answers = list(answers)
        self.events: list[str] = []

    def check(self) -> bool:
        self.events.append("check")
        assert self.answers, "check() was called again after the service said it was ready or the delays ran out"
        return self.answers.pop(0)

    def sleep(self, seconds: float) -> None:
        self.events.append(f"sleep {seconds}")


def wait(service: FakeService, delays: list[float]) -> int:
    return wait_until(service.check, delays, sleep=service.sleep)


@pytest.mark.task(taskno=4)
def test_wait_until_returns_the_number_of_checks() -> None:
    service = FakeService([False, False, True])
    assert wait(service, [0.5, 1.0, 2.0]) == 3, "ready on the third check: return 3"
    assert service.events == ["check", "sleep 0.5", "check", "sleep 1.0", "check"], (
        "check first, then sleep the next delay after each failed check, and stop as soon as a check passes"
    )


@pytest.mark.task(taskno=4)
def test_wait_until_does_not_sleep_when_ready_at_once() -> None:
    service = FakeService([True])
    assert wait(service, [0.5, 1.0]) == 1, "ready on the first check: return 1"
    assert service.events == ["check"], "no sleep before the first check or after a passing one"


@pytest.mark.task(taskno=4)
def test_wait_until_gives_up_without_a_last_sleep() -> None:
    service = FakeService([False, False, False])
    with pytest.raises(TimeoutError, match=r"^not ready after 3 checks$"):
        wait(service, [0.5, 1.0])
    assert service.events == ["check", "sleep 0.5", "check", "sleep 1.0", "check"], (
        "two delays allow three checks; there is no point sleeping after the last one"
    )


@pytest.mark.task(taskno=4)
def test_wait_until_with_no_delays_checks_once() -> None:
    assert wait(FakeService([True]), []) == 1, "no delays still allows one check"
    with pytest.raises(TimeoutError, match=r"^not ready after 1 check"):
        wait(FakeService([False]), [])
