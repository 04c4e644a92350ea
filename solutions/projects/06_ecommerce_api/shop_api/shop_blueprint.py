"""flask-smorest's Blueprint, documenting one more answer that every JSON body can get. (Given.)"""

# flask-smorest ships no type information, so its classes are untyped to mypy.
# mypy: allow-untyped-calls, allow-subclassing-any

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask_smorest  # type: ignore[import-untyped]


class Blueprint(flask_smorest.Blueprint):
    """A blueprint whose `@arguments` for a JSON body also documents the 400 for a body that is not JSON.

    flask-smorest documents the 422 of a body that fails its schema, but webargs answers 400 when
    the body cannot even be parsed, and an honest document lists every status an operation returns.
    """

    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any) -> Callable[[Any], Any]:
        parse: Callable[[Any], Any] = super().arguments(schema, location=location, **kwargs)
        if location != "json":
            return parse

        def decorate(view: Any) -> Any:
            return self.alt_response(400, response="BAD_REQUEST")(parse(view))

        return decorate
