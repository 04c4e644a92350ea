"""FastAPI endpoints: path, query and body parameters, validated by type hints and pydantic models."""

from __future__ import annotations

from typing import Annotated, Self

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, model_validator

TITLE = "Talks"

router = APIRouter(prefix="/talks", tags=["talks"])

Title = Annotated[str, Field(min_length=3, max_length=120)]
Minutes = Annotated[int, Field(strict=True, ge=5, le=90)]
Tags = Annotated[list[Annotated[str, Field(min_length=1, max_length=30)]], Field(max_length=5)]


class TalkIn(BaseModel):
    """Task 1: what a client sends to propose a talk."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    speaker: Annotated[str, Field(min_length=1, max_length=80)]
    minutes: Minutes
    tags: Tags = []


class TalkPatch(BaseModel):
    """Task 1: a partial update: every field optional, the same rules."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    minutes: Minutes | None = None
    tags: Tags | None = None

    @model_validator(mode="after")
    def no_nulls(self) -> Self:
        """Leaving a field out keeps it; sending null for it is an error, as no field of a talk may be null."""
        nulls = sorted(name for name in self.model_fields_set if getattr(self, name) is None)
        if nulls:
            raise ValueError(f"these fields cannot be null: {', '.join(nulls)}")
        return self


class Talk(TalkIn):
    """A stored talk. (Given.)"""

    id: int


class TalkStore:
    """Talks in memory. (Given.)"""

    def __init__(self) -> None:
        self.talks: dict[int, Talk] = {}
        self._last_id = 0

    def add(self, talk: TalkIn) -> Talk:
        self._last_id += 1
        stored = Talk(id=self._last_id, **talk.model_dump())
        self.talks[stored.id] = stored
        return stored


def _store(request: Request) -> TalkStore:
    store: TalkStore = request.app.state.store
    return store


def _talk_or_404(request: Request, talk_id: int) -> Talk:
    talk = _store(request).talks.get(talk_id)
    if talk is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"talk {talk_id} not found")
    return talk


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_talk(talk: TalkIn, request: Request, response: Response) -> Talk:
    """Task 2: store the talk; 201 with a Location header."""
    stored = _store(request).add(talk)
    response.headers["Location"] = str(request.url_for("get_talk", talk_id=stored.id).path)
    return stored


@router.get("/{talk_id}")
async def get_talk(talk_id: int, request: Request) -> Talk:
    """Task 2: one talk, or 404."""
    return _talk_or_404(request, talk_id)


@router.get("")
async def list_talks(
    request: Request,
    tag: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[Talk]:
    """Task 3: talks by id, optionally only those with `tag`, paged by limit (1-100) and offset (0 or more)."""
    talks = [talk for _, talk in sorted(_store(request).talks.items()) if tag is None or tag in talk.tags]
    return talks[offset : offset + limit]


@router.patch("/{talk_id}")
async def update_talk(talk_id: int, changes: TalkPatch, request: Request) -> Talk:
    """Task 4: change only the fields the client sent."""
    talk = _talk_or_404(request, talk_id)
    updated = Talk.model_validate({**talk.model_dump(), **changes.model_dump(exclude_unset=True)})
    _store(request).talks[talk_id] = updated
    return updated


@router.delete("/{talk_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_talk(talk_id: int, request: Request) -> None:
    """Task 4: delete; 204 No Content, or 404."""
    _talk_or_404(request, talk_id)
    del _store(request).talks[talk_id]
