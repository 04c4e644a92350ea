"""Tests for the FastAPI endpoints kata.

Mistakes these tests catch: rules missing from the models (a two-letter title,
a 4-hour talk, six tags, an empty tag), plain `int` that turns "30" and 30.0
into 30 (pydantic's lax mode: use strict), unknown fields silently dropped, PATCH
accepting null for a field that can never be null; 200 instead of 201, no
Location header, 404 answered as 200 with null or as a 500; the list not in id
order, the tag filter ignored, limit and offset unchecked (limit=0, 101,
offset=-1 must be 422); PATCH replacing the whole talk (fields not sent reset),
PATCH on a missing talk; DELETE answering 200 with a body, or 204 twice.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi_endpoints_app import create_app

TALK = {"title": "Async all the way down", "speaker": "Ada", "minutes": 30, "tags": ["python", "async"]}


class Api:
    """Calls the app in-process through httpx's ASGITransport, one request at a time."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://talks.test") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def create(self, **changes: Any) -> dict[str, Any]:
        response = self.request("POST", "/talks", json={**TALK, **changes})
        assert response.status_code == 201, f"POST /talks should be 201, got {response.status_code}: {response.text}"
        created: dict[str, Any] = response.json()
        return created


@pytest.fixture
def api() -> Api:
    """The app with an empty store, behind a small synchronous caller."""
    return Api(create_app())


def _error_fields(response: httpx.Response) -> list[str]:
    assert response.status_code == 422, f"expected 422, got {response.status_code}: {response.text}"
    return [str(error["loc"][-1]) for error in response.json()["detail"]]


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "Hi"}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"speaker": ""}, "speaker"),
        ({"minutes": "30"}, "minutes"),
        ({"minutes": 30.0}, "minutes"),
        ({"minutes": True}, "minutes"),
        ({"minutes": 4}, "minutes"),
        ({"minutes": 91}, "minutes"),
        ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
        ({"tags": [""]}, "0"),
        ({"room": "B"}, "room"),
    ],
    ids=[
        "short-title",
        "long-title",
        "blank-speaker",
        "minutes-str",
        "minutes-float",
        "minutes-bool",
        "too-short",
        "too-long",
        "six-tags",
        "empty-tag",
        "unknown-field",
    ],
)
def test_create_validates_the_body(api: Api, changes: dict[str, Any], field: str) -> None:
    response = api.request("POST", "/talks", json={**TALK, **changes})
    assert field in _error_fields(response), f"{changes} must be refused with an error on {field!r}"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("field", ["title", "minutes", "tags"])
def test_patch_refuses_null(api: Api, field: str) -> None:
    response = api.request("PATCH", "/talks/1", json={field: None})
    assert response.status_code == 422, f"{field}: null is not a value a talk can have: 422, got {response.status_code}"


@pytest.mark.task(taskno=2)
def test_create_answers_201_with_location(api: Api) -> None:
    response = api.request("POST", "/talks", json=TALK)
    assert response.status_code == 201, "creating is 201 Created: status_code=201 on the route"
    assert response.json() == {**TALK, "id": 1}
    assert response.headers.get("location") == "/talks/1", "point Location at the new talk"


@pytest.mark.task(taskno=2)
def test_get_returns_the_talk_or_404(api: Api) -> None:
    created = api.create()
    assert api.request("GET", f"/talks/{created['id']}").json() == created
    missing = api.request("GET", "/talks/9")
    assert missing.status_code == 404, "raise HTTPException(404, ...) for a missing talk"
    assert missing.json() == {"detail": "talk 9 not found"}


@pytest.mark.task(taskno=3)
def test_list_filters_by_tag_in_id_order(api: Api) -> None:
    api.create(title="First talk", tags=["python"])
    api.create(title="Second talk", tags=["rust"])
    api.create(title="Third talk", tags=["python", "web"])
    titles = [talk["title"] for talk in api.request("GET", "/talks", params={"tag": "python"}).json()]
    assert titles == ["First talk", "Third talk"], f"?tag=python should give the first and third, got {titles}"
    assert len(api.request("GET", "/talks").json()) == 3, "without ?tag= list them all"


@pytest.mark.task(taskno=3)
def test_list_pages_with_limit_and_offset(api: Api) -> None:
    for number in range(1, 8):
        api.create(title=f"Talk number {number}")
    page = api.request("GET", "/talks", params={"limit": 3, "offset": 3}).json()
    assert [talk["id"] for talk in page] == [4, 5, 6], "offset 3, limit 3: the 4th to the 6th talk"
    assert len(api.request("GET", "/talks").json()) == 7, "the default limit is 20"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("params", "field"), [({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"offset": -1}, "offset")]
)
def test_list_checks_its_query_parameters(api: Api, params: dict[str, int], field: str) -> None:
    response = api.request("GET", "/talks", params=params)
    assert field in _error_fields(response), f"{params} is out of range: declare it with Query(ge=..., le=...)"


@pytest.mark.task(taskno=4)
def test_patch_changes_only_what_was_sent(api: Api) -> None:
    created = api.create()
    response = api.request("PATCH", f"/talks/{created['id']}", json={"minutes": 45})
    assert response.status_code == 200
    assert response.json() == {**created, "minutes": 45}, "fields not sent must keep their values (exclude_unset)"
    assert api.request("GET", f"/talks/{created['id']}").json()["minutes"] == 45, "the change must be stored"


@pytest.mark.task(taskno=4)
def test_patch_on_a_missing_talk_is_404(api: Api) -> None:
    assert api.request("PATCH", "/talks/9", json={"minutes": 45}).status_code == 404


@pytest.mark.task(taskno=4)
def test_delete_answers_204_then_404(api: Api) -> None:
    created = api.create()
    response = api.request("DELETE", f"/talks/{created['id']}")
    assert response.status_code == 204
    assert response.content == b"", "204 has no body"
    assert api.request("DELETE", f"/talks/{created['id']}").status_code == 404
