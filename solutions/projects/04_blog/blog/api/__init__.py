"""The RealWorld ("Conduit") JSON API under /api, on the same models as the HTML pages.

`core` holds the blueprint, token authentication and error bodies; `users` and `articles`
add their routes to it when imported here.
"""

from blog.api import articles, users
from blog.api.core import bp

__all__ = ["articles", "bp", "users"]
