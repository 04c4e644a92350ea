"""The `protected` decorator of every view that needs a token, and the bearer scheme it documents. (Given.)"""

# flask-smorest ships no type information, so its decorators are untyped to mypy.
# mypy: allow-untyped-calls

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint  # type: ignore[import-untyped]

from shop_api.shop_security import ensure_admin

P = ParamSpec("P")
R = TypeVar("R")
BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
BEARER_SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def protected(
    blp: Blueprint, *, admin: bool = False, refresh: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Require a valid token (a refresh token when `refresh`), and the admin role when `admin`.

    It also documents it: the bearer scheme, the 401, and the 403 for admin-only operations.
    """

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            if admin:
                ensure_admin()
            return view(*args, **kwargs)

        guarded: Callable[P, R] = jwt_required(refresh=refresh)(checked)
        guarded = blp.doc(security=BEARER)(guarded)
        guarded = blp.alt_response(401, response="UNAUTHORIZED")(guarded)
        if admin:
            guarded = blp.alt_response(403, response="FORBIDDEN")(guarded)
        return guarded

    return decorate
