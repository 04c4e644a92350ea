"""Markdown to safe HTML, and titles to URL slugs."""

from __future__ import annotations

from markupsafe import Markup

MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]


def render_markdown(text: str) -> Markup:
    """Render Markdown to HTML, then sanitise it: no scripts, no event handlers, no `javascript:` links.

    Markdown passes raw HTML through, so the sanitiser (nh3, an allow-list) is what makes the
    output safe to mark as `Markup` and insert into a page unescaped.
    """
    raise NotImplementedError("render_markdown: write me (milestone 3)")


def slugify(title: str) -> str:
    """`"Hello, World!"` -> `"hello-world"`: ASCII letters and digits joined by single hyphens ("post" if none)."""
    raise NotImplementedError("slugify: write me (milestone 3)")


def parse_tags(text: str) -> list[str]:
    """`"Flask, python ,flask,,"` -> `["flask", "python"]`: trimmed, lower-case, unique, in first-seen order."""
    raise NotImplementedError("parse_tags: write me (milestone 3)")
