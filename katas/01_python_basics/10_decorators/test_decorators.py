"""Tests for the decorators kata.

Mistakes these tests catch: a wrapper that drops the return value or the keyword
arguments; a wrapper without functools.wraps (the function is then called
'wrapper'); the '<-' line printed before the call or even when the call fails;
a cache that trusts truthiness (so 0, '' and None are computed again), keys on
the first argument only, or is shared by every decorated function; a route
decorator that returns None instead of the function, or lets a second handler
overwrite the first.
"""

from collections.abc import Callable

import pytest
from decorators import cached, logged, route, shout
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.task(taskno=1)
def test_shout_upper_cases_the_result() -> None:
    @shout
    def greet(name: str, punctuation: str = ".") -> str:
        return f"hello {name}{punctuation}"

    got = greet("ada", punctuation="!")
    assert got == "HELLO ADA!", f"the wrapper passes *args and **kwargs on and upper-cases the result, got {got!r}"
    assert greet("bob") == "HELLO BOB.", "without keyword arguments too"


@pytest.mark.task(taskno=1)
@settings(max_examples=30)
@given(st.text(max_size=20))
def test_shout_gives_what_upper_gives(text: str) -> None:
    same = shout(str)
    assert same(text) == text.upper(), f"shout should return {text.upper()!r} for {text!r}"


def make_add(calls: list[str]) -> Callable[..., int]:
    def add(a: int, b: int) -> int:
        """Add two numbers."""
        calls.append("add")
        return a + b

    return add


@pytest.mark.task(taskno=2)
def test_logged_prints_around_the_call(capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[str] = []
    add = logged(make_add(calls))
    got = add(2, b=3)
    assert got == 5, f"the decorated function returns what the function returned (5), got {got!r}"
    out = capsys.readouterr().out
    assert out == "-> add\n<- add\n", f"print '-> add' before the call and '<- add' after it, got {out!r}"
    assert calls == ["add"], "the function itself is called once"


@pytest.mark.task(taskno=2)
def test_logged_keeps_the_name_and_docstring() -> None:
    add = logged(make_add([]))
    assert add.__name__ == "add", (
        f"use functools.wraps: the decorated function should be called 'add', not {add.__name__!r}"
    )
    assert add.__doc__ == "Add two numbers.", "use functools.wraps: the docstring stays"


@pytest.mark.task(taskno=2)
def test_logged_lets_an_error_through_without_the_closing_line(capsys: pytest.CaptureFixture[str]) -> None:
    @logged
    def explode() -> None:
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        explode()
    out = capsys.readouterr().out
    assert out == "-> explode\n", f"when the function raises, only '-> explode' is printed, got {out!r}"


@pytest.mark.task(taskno=3)
def test_cached_calls_the_function_once_per_arguments() -> None:
    seen: list[tuple[int, int]] = []

    @cached
    def power(base: int, exponent: int) -> int:
        seen.append((base, exponent))
        return base**exponent

    got = [power(2, 10), power(2, 10), power(2, 3), power(10, 2), power(2, 10)]
    expected = [1024, 1024, 8, 100, 1024]
    assert got == expected, f"the results should be {expected}: remember by all the arguments, got {got}"
    assert seen == [(2, 10), (2, 3), (10, 2)], f"each combination of arguments is computed once: calls were {seen}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("result", [0, "", None, False, []], ids=repr)
def test_cached_remembers_falsy_results_too(result: object) -> None:
    calls: list[str] = []

    @cached
    def lookup(key: str) -> object:
        calls.append(key)
        return result

    assert lookup("k") is result, "the first call returns the function's result"
    assert lookup("k") is result, "the second call returns the remembered result"
    assert calls == ["k"], f"a remembered {result!r} is still remembered: test `in`, not truthiness; calls {calls}"


@pytest.mark.task(taskno=3)
def test_each_cached_function_has_its_own_memory() -> None:
    @cached
    def double(n: int) -> int:
        return n * 2

    @cached
    def triple(n: int) -> int:
        return n * 3

    assert (double(5), triple(5)) == (10, 15), "two decorated functions must not share one memory"


@pytest.mark.task(taskno=4)
def test_route_stores_the_function_and_returns_it() -> None:
    routes: dict[str, Callable[..., object]] = {}

    @route(routes, "/health")
    def health() -> str:
        return "ok"

    assert health is not None, "the decorator must return the function, or `health` becomes None"
    assert health() == "ok", "the decorated function still works when called directly"
    assert routes == {"/health": health}, f"the table should hold '/health' -> health, got {routes}"


@pytest.mark.task(taskno=4)
def test_route_refuses_a_duplicate_path() -> None:
    routes: dict[str, Callable[..., object]] = {}

    def first() -> str:
        return "first"

    def second() -> str:
        return "second"

    route(routes, "/users")(first)
    with pytest.raises(ValueError, match=r"^duplicate route '/users'$"):
        route(routes, "/users")(second)
    assert routes == {"/users": first}, "a refused route leaves the table as it was"
