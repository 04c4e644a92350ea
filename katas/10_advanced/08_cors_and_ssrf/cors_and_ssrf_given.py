"""Given, not to edit: the page-title helper your fetch_preview in cors_and_ssrf.py uses."""

from __future__ import annotations

import html
import re

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def extract_title(page: str) -> str:
    """The text of the page's <title>, or "" when it has none."""
    found = _TITLE.search(page)
    return " ".join(html.unescape(found.group(1)).split()) if found else ""
