"""Markdown to safe HTML, and titles to URL slugs."""

from __future__ import annotations

import re
import unicodedata

import markdown as markdown_lib  # type: ignore[import-untyped]  # types-Markdown is not installed
import nh3
from markupsafe import Markup

MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
MAX_TAG_LENGTH = 50  # the width of tags.name
MAX_SLUG_LENGTH = 200  # posts.slug is 255 wide: room for a "-2" suffix


def render_markdown(text: str) -> Markup:
    """Render Markdown to HTML, then sanitise it: no scripts, no event handlers, no `javascript:` links.

    Markdown passes raw HTML through, so the sanitiser (nh3, an allow-list) is what makes the
    output safe to mark as `Markup` and insert into a page unescaped.
    """
    html = markdown_lib.markdown(text, extensions=MARKDOWN_EXTENSIONS)
    return Markup(nh3.clean(html, link_rel="noopener noreferrer nofollow"))  # safe: sanitised just above


def slugify(title: str) -> str:
    """`"Hello, World!"` -> `"hello-world"`: ASCII letters and digits joined by single hyphens ("post" if none)."""
    ascii_title = "".join(char for char in unicodedata.normalize("NFKD", title) if char.isascii())  # é -> e
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words)[:MAX_SLUG_LENGTH].removesuffix("-") or "post"  # a cut can end on one hyphen


def parse_tags(text: str) -> list[str]:
    """`"Flask, python ,flask,,"` -> `["flask", "python"]`: trimmed, lower-case, unique, in first-seen order."""
    names: list[str] = []
    for raw in text.split(","):
        name = " ".join(raw.split()).lower()[:MAX_TAG_LENGTH]
        if name and name not in names:
            names.append(name)
    return names
