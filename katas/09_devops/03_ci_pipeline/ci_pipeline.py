"""The code the pipeline checks: a small, finished module. Your job is the workflow in ci.yml."""

from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """'Hello, World!' -> 'hello-world': lower case, runs of other characters become one dash."""
    return _NOT_SLUG.sub("-", title.lower()).strip("-")
