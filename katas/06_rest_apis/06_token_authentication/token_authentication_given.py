"""Given, not to edit: the 401 response your code in token_authentication.py sends."""

from flask import Response, jsonify


def unauthorized(message: str, challenge: str = "Bearer") -> Response:
    """A 401 response with a JSON body and a `WWW-Authenticate` challenge."""
    response = jsonify(error=message)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = challenge
    return response
