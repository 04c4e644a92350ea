"""Given, not to edit: the app, serving your health router from async_quiz.py."""

from __future__ import annotations

from collections.abc import Mapping

from async_quiz import Job, health
from fastapi import FastAPI


def create_app(checks: Mapping[str, Job], limit: int = 2) -> FastAPI:
    """The app: `checks` are the health checks (name -> job), run at most `limit` at once."""
    app = FastAPI()
    app.state.checks = dict(checks)
    app.state.limit = limit
    app.include_router(health)
    return app
