"""flask-smorest's Blueprint, with a JSON body parser that refuses what would crash it. (Given.)"""

# flask-smorest and webargs' Flask parser ship no type information, so their classes are untyped to mypy.
# mypy: allow-untyped-calls, allow-subclassing-any

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import flask_smorest  # type: ignore[import-untyped]
import marshmallow as ma
from flask import Request
from webargs.core import missing
from webargs.flaskparser import FlaskParser

from shop_api.shop_db import abort


class JsonBodyParser(FlaskParser):
    """webargs' parser, with a 400 instead of a 500 or a silent `{}` for three bodies.

    - JSON nested thousands of levels deep: `json.loads` recurses once per level and raises
      RecursionError, which webargs does not catch (a 500).
    - A number too long to convert (over 4,300 digits): `json.loads` raises a ValueError (a 500 too).
    - No JSON body at all, or one sent as another content type: webargs reads it as `{}`, so a
      `PATCH` without a body would answer 200, though the document says the body is required.
    """

    def _raw_load_json(self, req: Request) -> Any:
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise  # webargs answers these itself (a 400)
        except (RecursionError, ValueError) as error:
            reason = "nested too deeply" if isinstance(error, RecursionError) else "a number is too long"
            abort(400, message=f"the JSON body cannot be read: {reason}", errors={"json": [f"{reason}."]})

    def load_json(self, req: Request, schema: ma.Schema) -> Any:
        body = super().load_json(req, schema)
        if body is missing:
            message = "send a JSON body, with Content-Type: application/json"
            abort(400, message=message, errors={"json": [message]})
        return body


class Blueprint(flask_smorest.Blueprint):
    """A blueprint whose `@arguments` for a JSON body also documents the 400 for a body that is not JSON.

    flask-smorest documents the 422 of a body that fails its schema, but the parser answers 400 when
    the body is missing or cannot even be parsed, and an honest document lists every status an
    operation returns.
    """

    ARGUMENTS_PARSER = JsonBodyParser()

    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any) -> Callable[[Any], Any]:
        parse: Callable[[Any], Any] = super().arguments(schema, location=location, **kwargs)
        if location != "json":
            return parse

        def decorate(view: Any) -> Any:
            return self.alt_response(400, response="BAD_REQUEST")(parse(view))

        return decorate
