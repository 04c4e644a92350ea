"""Tests for the classes-and-objects kata.

Mistakes these tests catch: the method not upper-cased, a path without '/'
accepted, a default repr (`<Endpoint object at 0x...>`) or one that is not
code, `__eq__` comparing identity or raising on other types instead of
returning NotImplemented, `__eq__` without a matching `__hash__` (endpoints
unusable as dict keys), `parse` returning a plain `Endpoint` from a subclass,
`Response` not a dataclass, headers shared between responses, `ok` true for
3xx, rate-limit counts kept on the class (shared by every limiter), the limit
hard-coded so the subclass and per-instance overrides are ignored.
"""

import dataclasses

import pytest
from classes_and_objects import BurstRateLimiter, Endpoint, RateLimiter, Response
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.task(taskno=1)
def test_endpoint_upper_cases_the_method() -> None:
    endpoint = Endpoint("get", "/users")
    assert endpoint.method == "GET", "store the method in upper case"
    assert endpoint.path == "/users", "keep the path as given"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("path", ["users", "", "http://x/users"])
def test_endpoint_rejects_a_path_without_leading_slash(path: str) -> None:
    with pytest.raises(ValueError, match="/"):
        Endpoint("GET", path)


@pytest.mark.task(taskno=1)
def test_endpoint_repr_is_code_that_rebuilds_it() -> None:
    endpoint = Endpoint("post", "/orders")
    assert repr(endpoint) == "Endpoint('POST', '/orders')", "the repr should read like the call that builds it"
    assert eval(repr(endpoint)) == endpoint, "eval(repr(x)) should give back an equal object"


@pytest.mark.task(taskno=1)
def test_endpoints_with_same_method_and_path_are_equal_and_hash_alike() -> None:
    first, second = Endpoint("GET", "/users"), Endpoint("get", "/users")
    assert first is not second
    assert first == second, "equality compares values, not identity"
    assert Endpoint("GET", "/users") != Endpoint("POST", "/users"), "a different method is a different endpoint"
    assert hash(first) == hash(second), "equal objects must have equal hashes"
    assert len({first, second}) == 1, "a set should keep one copy of equal endpoints"


@pytest.mark.task(taskno=1)
def test_different_endpoints_spread_over_many_hashes() -> None:
    hashes = {hash(Endpoint("GET", f"/items/{n}")) for n in range(100)}
    assert len(hashes) > 50, (
        "hash the fields that decide equality, e.g. hash((self.method, self.path)); "
        "a constant hash is legal but puts every endpoint in one dict bucket"
    )


@pytest.mark.task(taskno=1)
def test_endpoint_is_not_equal_to_other_types() -> None:
    endpoint = Endpoint("GET", "/users")
    assert endpoint.__eq__("GET /users") is NotImplemented, "return NotImplemented for a non-Endpoint"
    assert endpoint != "GET /users", "an endpoint is never equal to a string"


@pytest.mark.task(taskno=1)
def test_parse_builds_an_endpoint_from_text() -> None:
    assert Endpoint.parse("delete /users/7") == Endpoint("DELETE", "/users/7")
    assert Endpoint.parse("GET /search?q=a b") == Endpoint("GET", "/search?q=a b"), (
        "split at the first space only: everything after the method is the path"
    )

    class Tracked(Endpoint):
        pass

    assert type(Tracked.parse("GET /x")) is Tracked, "a classmethod should build `cls`, so subclasses get their type"


@pytest.mark.task(taskno=2)
def test_response_is_a_dataclass_with_defaults() -> None:
    assert dataclasses.is_dataclass(Response), "decorate Response with @dataclass"
    response = Response(200, "hi")
    assert repr(response) == "Response(status=200, body='hi', headers={})"
    assert Response(204) == Response(204, "", {}), "body defaults to '' and headers to {}"


@pytest.mark.task(taskno=2)
def test_each_response_has_its_own_headers() -> None:
    first, second = Response(200), Response(200)
    first.headers["X-Request-Id"] = "abc"
    assert second.headers == {}, "headers must not be shared: use field(default_factory=dict)"


@pytest.mark.task(taskno=2)
@given(st.integers(min_value=100, max_value=599))
def test_response_ok_means_2xx(status: int) -> None:
    assert Response(status).ok is (200 <= status <= 299), f"Response({status}).ok is wrong"


@pytest.mark.task(taskno=3)
def test_rate_limiter_allows_up_to_the_limit() -> None:
    limiter = RateLimiter()
    assert [limiter.allow("alice") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("bob") is True, "each client has its own count"


@pytest.mark.task(taskno=3)
def test_rate_limiters_do_not_share_counts() -> None:
    first = RateLimiter()
    for _ in range(3):
        first.allow("alice")
    assert RateLimiter().allow("alice") is True, (
        "a new limiter starts at zero: keep the counts on the instance (set them in __init__), not on the class"
    )


@pytest.mark.task(taskno=3)
def test_subclass_changes_the_limit_with_a_class_attribute() -> None:
    assert BurstRateLimiter.limit == 10, "BurstRateLimiter should set the class attribute limit = 10"
    assert RateLimiter.limit == 3, "the base class keeps its limit"
    limiter = BurstRateLimiter()
    assert [limiter.allow("c") for _ in range(11)] == [True] * 10 + [False], "read the limit as self.limit"


@pytest.mark.task(taskno=3)
def test_an_instance_can_override_the_class_limit() -> None:
    strict = RateLimiter()
    strict.limit = 1
    assert [strict.allow("d") for _ in range(2)] == [True, False], "an instance attribute shadows the class attribute"
    assert RateLimiter.limit == 3, "setting it on one instance must not change the class"
