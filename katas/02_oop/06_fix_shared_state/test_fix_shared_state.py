"""Tests for the fix-the-shared-state kata.

Mistakes these tests catch: headers kept in a class attribute (every request
sees every other request's Authorization header), a mutable default `tags=[]`
(tags pile up across requests), fixing the default to `None` but storing the
caller's list instead of a copy (`self.tags = tags or []`: the caller's list
changes), `build_settings` updating `DEFAULTS` in place,
a shallow copy that still shares the nested `cors_origins` list.
"""

import pytest
from fix_shared_state import DEFAULTS, RequestContext, build_settings


@pytest.mark.task(taskno=1)
def test_header_names_are_stored_lower_case() -> None:
    context = RequestContext("/x")
    context.add_header("Content-Type", "application/json")
    assert context.headers == {"content-type": "application/json"}
    assert context.path == "/x", "keep the path the request was built with"


@pytest.mark.task(taskno=1)
def test_headers_do_not_leak_between_requests() -> None:
    first = RequestContext("/login")
    first.add_header("Authorization", "Bearer secret")
    second = RequestContext("/public")
    assert second.headers == {}, (
        "a new request already has headers: a dict in the class body is shared by every instance"
    )
    assert "headers" in vars(first), "create the headers dict in __init__ so each request has its own"


@pytest.mark.task(taskno=2)
def test_tags_do_not_pile_up_across_requests() -> None:
    RequestContext("/a").tag("slow")
    assert RequestContext("/b").tags == [], "a default list is created once and shared: default to None"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("given", [["beta"], []], ids=["some-tags", "empty-list"])
def test_the_callers_list_is_not_changed(given: list[str]) -> None:
    before = list(given)
    context = RequestContext("/c", given)
    context.tag("slow")
    assert given == before, "copy the list you are given; the caller still owns theirs"
    assert context.tags == [*before, "slow"]


@pytest.mark.task(taskno=3)
def test_settings_apply_overrides() -> None:
    settings = build_settings({"timeout": 5})
    assert settings["timeout"] == 5
    assert settings["debug"] is False


@pytest.mark.task(taskno=3)
def test_overrides_do_not_change_the_defaults() -> None:
    build_settings({"debug": True})
    assert DEFAULTS["debug"] is False, "build_settings must not change DEFAULTS: build a new dict"
    assert build_settings({})["debug"] is False, "a later caller must get the real defaults"


@pytest.mark.task(taskno=3)
def test_changing_returned_settings_leaves_defaults_alone() -> None:
    settings = build_settings({})
    settings["cors_origins"].append("https://evil.example")
    assert DEFAULTS["cors_origins"] == ["https://example.com"], (
        "the nested list is still shared: copy it too (or use copy.deepcopy)"
    )
    assert settings is not DEFAULTS
