"""Pagination with links: pages of a collection, and a Link header that says where the others are."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from urllib.parse import urlencode

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
_WHOLE_NUMBER = re.compile(r"[0-9]+")


def _positive_int(args: Mapping[str, str], name: str, default: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number of 1 or more, got {raw!r}")
    return int(raw)


def parse_page_params(args: Mapping[str, str]) -> tuple[int, int]:
    """Task 1: (page, per_page) from the query string; ValueError for anything but 1.. and 1..MAX_PER_PAGE."""
    page = _positive_int(args, "page", 1)
    per_page = _positive_int(args, "per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        raise ValueError(f"per_page must be at most {MAX_PER_PAGE}, got {per_page}")
    return page, per_page


def page_links(path: str, query: Mapping[str, str], page: int, per_page: int, total: int) -> dict[str, str]:
    """Task 2: the URLs of the first, prev, next and last pages (prev and next only when they exist)."""
    last = max(1, math.ceil(total / per_page))

    def url(number: int) -> str:
        return f"{path}?{urlencode({**query, 'page': number, 'per_page': per_page})}"

    links = {"first": url(1)}
    if page > 1:
        links["prev"] = url(min(page - 1, last))
    if page < last:
        links["next"] = url(page + 1)
    links["last"] = url(last)
    return links


def link_header(links: Mapping[str, str]) -> str:
    """Task 3: an RFC 8288 Link header value: `<url>; rel="next", <url>; rel="last"`."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
