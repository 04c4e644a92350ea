"""Tests for the functions-and-closures kata.

Mistakes these tests catch: `scheme` and `port` still accepted by position; the
default port printed (`:443` on https); a path left without its leading slash;
query parameters sorted instead of kept in order, not URL-encoded, or `None` sent
as the text "None"; a "?" with nothing after it; log fields sorted, left
unquoted when they hold a space or are empty, or stray spaces when there are no
parts or fields; a rate limiter whose count lives in a module-level global
(shared by every limiter), that counts denied calls, that keeps a call exactly
`window` seconds old, that reads the real clock instead of `clock`, or that
accepts a limit of 0; a pipeline that runs its steps last to first, or fails
with no steps.
"""

import inspect
from collections.abc import Callable

import pytest
from functions_and_closures import build_url, log_line, make_rate_limiter, pipeline
from hypothesis import given
from hypothesis import strategies as st

TEXT = "abc XYZ-_!é"  # a small alphabet keeps hypothesis fast in a fresh checkout


class FakeClock:
    """A clock the test moves by hand: call it for the time, set `.now` to move it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: build_url("api.example.com", "/users", page=2, per_page=50),
            "https://api.example.com/users?page=2&per_page=50",
        ),
        (lambda: build_url("localhost", "health", scheme="http", port=8000), "http://localhost:8000/health"),
        (lambda: build_url("example.com"), "https://example.com/"),
        (lambda: build_url("example.com", port=443), "https://example.com/"),
        (lambda: build_url("example.com", scheme="http", port=80), "http://example.com/"),
        (lambda: build_url("example.com", scheme="http", port=443), "http://example.com:443/"),
        (lambda: build_url("example.com", "/a", z=1, a=2), "https://example.com/a?z=1&a=2"),
    ],
    ids=["query", "http-port", "defaults", "https-default-port", "http-default-port", "other-port", "query-order"],
)
def test_build_url_assembles_the_parts(call: Callable[[], str], expected: str) -> None:
    assert call() == expected, f"expected {expected!r}"


@pytest.mark.task(taskno=1)
def test_build_url_encodes_and_skips_none_query_values() -> None:
    url = build_url("example.com", "/search", q="fish & chips", tag=None, page=1)
    assert url == "https://example.com/search?q=fish+%26+chips&page=1", (
        "encode values for a URL (urllib.parse.urlencode) and leave out parameters whose value is None"
    )
    assert build_url("example.com", "/search", tag=None) == "https://example.com/search", (
        "no '?' when every parameter was None"
    )
    url = build_url("example.com", "/items", page=0, q="", done=False)
    assert url == "https://example.com/items?page=0&q=&done=False", (
        f"only None is left out: 0, '' and False are values a caller chose, got {url!r}"
    )


@pytest.mark.task(taskno=1)
def test_build_url_takes_scheme_and_port_only_by_name() -> None:
    assert build_url("example.com", scheme="http") == "http://example.com/", "scheme by name still works"
    parameters = inspect.signature(build_url).parameters
    for name in ("scheme", "port"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, (
            f"{name!r} should be keyword-only: put a bare * before it in the signature"
        )
    with pytest.raises(TypeError):
        build_url("example.com", "/", "http")  # type: ignore[misc,unused-ignore]


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            lambda: log_line("info", "user", "logged in", user=42, ip="10.0.0.1"),
            "INFO user logged in user=42 ip=10.0.0.1",
        ),
        (
            lambda: log_line("error", "upload failed", reason="disk full", retry=True),
            'ERROR upload failed reason="disk full" retry=True',
        ),
        (lambda: log_line("debug"), "DEBUG"),
        (lambda: log_line("warn", "slow query", 1.5), "WARN slow query 1.5"),
        (lambda: log_line("info", user="", path="/a"), 'INFO user="" path=/a'),
        (lambda: log_line("info", z=1, a=2), "INFO z=1 a=2"),
    ],
    ids=["parts-and-fields", "quoted", "level-only", "non-str-parts", "empty-value", "field-order"],
)
def test_log_line_joins_level_parts_and_fields(line: Callable[[], str], expected: str) -> None:
    assert line() == expected, f"expected {expected!r}: single spaces, fields in the order given, quotes when needed"


@pytest.mark.task(taskno=2)
def test_log_line_accepts_unpacked_arguments() -> None:
    words = ["cache", "miss"]
    context = {"key": "user:42", "ttl": 60}
    assert log_line("info", *words, **context) == "INFO cache miss key=user:42 ttl=60", (
        "*words spreads a list into positional arguments and **context a dict into keyword arguments"
    )


@pytest.mark.task(taskno=3)
def test_rate_limiter_allows_up_to_the_limit() -> None:
    allow = make_rate_limiter(3, window=60.0, clock=FakeClock())
    assert [allow() for _ in range(5)] == [True, True, True, False, False], "three calls in the window, then no more"
    quick = make_rate_limiter(1, window=0.5, clock=FakeClock())
    assert [quick(), quick()] == [True, False], "a window shorter than a second is fine too"


@pytest.mark.task(taskno=3)
def test_rate_limiter_frees_a_slot_once_a_call_is_window_seconds_old() -> None:
    clock = FakeClock(now=0.0)
    allow = make_rate_limiter(2, window=10.0, clock=clock)
    assert allow() is True, "a new limiter allows its first call (is its record of calls shared with other limiters?)"
    clock.now = 4.0
    assert allow() is True, "one call in the last 10 s: the second is allowed"
    assert allow() is False, "two calls in the last 10 s already"
    clock.now = 9.999
    assert allow() is False, "the call at 0.0 is still inside the window at 9.999"
    clock.now = 10.0
    assert allow() is True, "the call at 0.0 is exactly 10 s old at 10.0: it no longer counts"
    assert allow() is False, "the calls at 4.0 and 10.0 fill the window again"


@pytest.mark.task(taskno=3)
def test_rate_limiter_does_not_count_denied_calls() -> None:
    clock = FakeClock(now=0.0)
    allow = make_rate_limiter(1, window=10.0, clock=clock)
    assert allow() is True, "a new limiter allows its first call"
    for second in range(1, 10):
        clock.now = float(second)
        assert allow() is False, f"at {second} s the call at 0 s still fills the only slot"
    clock.now = 10.0
    assert allow() is True, "denied calls must not be recorded, or a busy client would be locked out for ever"


@pytest.mark.task(taskno=3)
def test_rate_limiters_keep_separate_counts() -> None:
    clock = FakeClock()
    first = make_rate_limiter(1, window=60.0, clock=clock)
    second = make_rate_limiter(1, window=60.0, clock=clock)
    assert first() is True, "a new limiter allows its first call"
    assert second() is True, "each limiter needs its own record of calls (made inside make_rate_limiter)"
    assert first() is False, "the first limiter has used its one call"
    assert second() is False, "the second limiter has used its one call"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(("limit", "window"), [(0, 1.0), (-1, 1.0), (1, 0.0), (1, -5.0)])
def test_rate_limiter_rejects_a_useless_setup(limit: int, window: float) -> None:
    with pytest.raises(ValueError, match=r"limit|window"):
        make_rate_limiter(limit, window=window, clock=FakeClock())


@pytest.mark.task(taskno=4)
def test_pipeline_runs_steps_first_to_last() -> None:
    clean = pipeline(str.strip, str.lower, lambda text: text.replace(" ", "-"))
    assert clean("  Hello World ") == "hello-world", "strip, then lower, then spaces to dashes"
    assert pipeline(lambda s: s + "a", lambda s: s + "b")("") == "ab", "the first step runs first"


@pytest.mark.task(taskno=4)
def test_pipeline_without_steps_returns_its_input() -> None:
    assert pipeline()("as is") == "as is", "no steps: the input comes back unchanged"


@pytest.mark.task(taskno=4)
@given(st.text(alphabet=TEXT, max_size=30), st.text(alphabet=TEXT, max_size=5), st.text(alphabet=TEXT, max_size=5))
def test_pipeline_is_composition(text: str, first: str, second: str) -> None:
    def add_first(value: str) -> str:
        return value + first

    def add_second(value: str) -> str:
        return value + second

    assert pipeline(add_first, add_second)(text) == add_second(add_first(text)), "pipeline(f, g)(x) is g(f(x))"
