"""FastAPI endpoints: path, query and body parameters, validated by type hints and pydantic models."""

from __future__ import annotations

from typing import Annotated  # noqa: F401

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response, status  # noqa: F401
from pydantic import BaseModel, ConfigDict, Field  # noqa: F401 (you will need them)

TITLE = "Talks"

router = APIRouter(prefix="/talks", tags=["talks"])


class TalkIn(BaseModel):
    """Task 1: what a client sends to propose a talk. Add the rules."""

    title: str
    speaker: str
    minutes: int
    tags: list[str] = []


class TalkPatch(BaseModel):
    """Task 1: a partial update: every field optional, the same rules. Add them."""

    title: str | None = None
    minutes: int | None = None
    tags: list[str] | None = None


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


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_talk(talk: TalkIn, request: Request, response: Response) -> Talk:
    """Task 2: store the talk; 201 with a Location header."""
    raise NotImplementedError("create_talk: write me (task 2)")


@router.get("/{talk_id}")
async def get_talk(talk_id: int, request: Request) -> Talk:
    """Task 2: one talk, or 404."""
    raise NotImplementedError("get_talk: write me (task 2)")


@router.get("")
async def list_talks(
    request: Request,
    tag: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Talk]:
    """Task 3: talks by id, optionally only those with `tag`, paged by limit (1-100) and offset (0 or more)."""
    raise NotImplementedError("list_talks: write me (task 3)")


@router.patch("/{talk_id}")
async def update_talk(talk_id: int, changes: TalkPatch, request: Request) -> Talk:
    """Task 4: change only the fields the client sent."""
    raise NotImplementedError("update_talk: write me (task 4)")


@router.delete("/{talk_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_talk(talk_id: int, request: Request) -> None:
    """Task 4: delete; 204 No Content, or 404."""
    raise NotImplementedError("delete_talk: write me (task 4)")
