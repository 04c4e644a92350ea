"""Tests for the pattern-matching kata.

Mistakes these tests catch: a trailing or doubled slash treated as a different
path; a catch-all case placed before the specific ones; a user id that is not a
number (`alice`, `-1`, `²`) routed to a handler; PUT routed but PATCH forgotten;
404 given where the path exists but the method does not (that is a 405), or 405
for an unknown path; `/users/42/orders/7` matched by a pattern that is too loose;
webhook payloads whose extra keys break the match; "1 commits"; a string issue
number or an unknown action accepted; a known type with the wrong shape reported
as unsupported; a payload without a type (or not a dict at all) crashing with
KeyError or TypeError instead of ValueError.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pattern_matching import describe_event, route


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/health", "health"),
        ("GET", "/users", "list_users"),
        ("POST", "/users", "create_user"),
        ("GET", "/users/42", "get_user:42"),
        ("PUT", "/users/42", "update_user:42"),
        ("PATCH", "/users/7", "update_user:7"),
        ("DELETE", "/users/42", "delete_user:42"),
        ("GET", "/users/42/orders", "list_orders:42"),
    ],
)
def test_route_finds_the_handler(method: str, path: str, expected: str) -> None:
    assert route(method, path) == expected, f"route({method!r}, {path!r}) should be {expected!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("path", ["/users/", "users", "//users", "/users//"])
def test_route_ignores_empty_path_pieces(path: str) -> None:
    assert route("GET", path) == "list_users", f"{path!r} is the same path as '/users': drop the empty pieces"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/health"), ("DELETE", "/users"), ("POST", "/users/42"), ("DELETE", "/users/42/orders")],
)
def test_route_answers_405_for_a_known_path_with_the_wrong_method(method: str, path: str) -> None:
    assert route(method, path) == "405 Method Not Allowed", (
        f"{path!r} exists but does not take {method}: that is 405 Method Not Allowed, not 404"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", ""),
        ("GET", "/admin"),
        ("GET", "/Users"),
        ("GET", "/users/alice"),
        ("GET", "/users/-1"),
        ("GET", "/users/²"),
        ("DELETE", "/users/alice"),
        ("GET", "/users/42/invoices"),
        ("GET", "/users/42/orders/7"),
    ],
)
def test_route_answers_404_for_anything_else(method: str, path: str) -> None:
    assert route(method, path) == "404 Not Found", f"nothing lives at {path!r}: 404 Not Found"


@pytest.mark.task(taskno=1)
@given(st.integers(min_value=0, max_value=10**12))
def test_route_takes_any_numeric_user_id(user_id: int) -> None:
    assert route("GET", f"/users/{user_id}") == f"get_user:{user_id}", f"{user_id} is a valid user id"
    assert route("DELETE", f"/users/{user_id}/") == f"delete_user:{user_id}", "a trailing slash changes nothing"


@pytest.mark.task(taskno=1)
@given(st.text(alphabet="0123456789abcxyz-_.~% ²٣", min_size=1, max_size=12))
def test_route_never_takes_a_non_numeric_user_id(user_id: str) -> None:
    expected = f"get_user:{user_id}" if user_id.isdecimal() else "404 Not Found"
    assert route("GET", f"/users/{user_id}") == expected, f"a user id must be all decimal digits, got {user_id!r}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("commits", "expected"),
    [(0, "0 commits pushed to main"), (1, "1 commit pushed to main"), (3, "3 commits pushed to main")],
)
def test_describe_event_counts_pushed_commits(commits: int, expected: str) -> None:
    event = {"type": "push", "branch": "main", "commits": [{"id": f"c{n}"} for n in range(commits)]}
    assert describe_event(event) == expected, f"{commits} commit(s) should read {expected!r}"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("action", ["opened", "closed", "reopened"])
def test_describe_event_reports_issue_actions(action: str) -> None:
    event = {"type": "issue", "action": action, "number": 7}
    assert describe_event(event) == f"issue #7 {action}", f"an issue {action} reads 'issue #7 {action}'"


@pytest.mark.task(taskno=2)
def test_describe_event_ignores_extra_keys() -> None:
    assert describe_event({"type": "ping", "zen": "Keep it simple."}) == "ping", "extra keys do not stop a match"
    push = {"type": "push", "branch": "dev", "commits": ["a1"], "sender": {"login": "ada"}, "forced": False}
    assert describe_event(push) == "1 commit pushed to dev", "extra keys do not stop a match"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "event",
    [
        {"type": "push", "branch": "main"},
        {"type": "push", "branch": "main", "commits": "3"},
        {"type": "push", "branch": 1, "commits": []},
        {"type": "issue", "action": "closed", "number": "7"},
        {"type": "issue", "action": "edited", "number": 7},
        {"type": "issue", "number": 7},
    ],
    ids=[
        "push-no-commits",
        "push-commits-str",
        "push-branch-int",
        "issue-number-str",
        "issue-edited",
        "issue-no-action",
    ],
)
def test_describe_event_rejects_a_malformed_known_event(event: dict[str, object]) -> None:
    expected = f"malformed {event['type']} event: {event!r}"
    with pytest.raises(ValueError, match="malformed") as caught:
        describe_event(event)
    assert str(caught.value) == expected, f"the message should be {expected!r}"


@pytest.mark.task(taskno=2)
def test_describe_event_rejects_an_unsupported_type() -> None:
    with pytest.raises(ValueError, match="unsupported") as caught:
        describe_event({"type": "deploy", "env": "prod"})
    assert str(caught.value) == "unsupported event type: 'deploy'", "name the type with repr(): 'deploy' in quotes"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("event", [{}, {"type": 5}, {"kind": "push"}, [], ["push"], "push", None], ids=repr)
def test_describe_event_rejects_a_payload_without_a_type(event: object) -> None:
    with pytest.raises(ValueError, match="malformed event") as caught:
        describe_event(event)
    assert str(caught.value) == f"malformed event: {event!r}", "show the payload itself, with repr()"
