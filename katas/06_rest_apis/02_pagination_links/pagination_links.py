"""Pagination with links: pages of a collection, and a Link header that says where the others are."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


def parse_page_params(args: Mapping[str, str]) -> tuple[int, int]:
    """Task 1: (page, per_page) from the query string; ValueError for anything but 1.. and 1..MAX_PER_PAGE."""
    raise NotImplementedError("parse_page_params: write me (task 1)")


def page_links(path: str, query: Mapping[str, str], page: int, per_page: int, total: int) -> dict[str, str]:
    """Task 2: the URLs of the first, prev, next and last pages (prev and next only when they exist)."""
    raise NotImplementedError("page_links: write me (task 2)")


def link_header(links: Mapping[str, str]) -> str:
    """Task 3: an RFC 8288 Link header value: `<url>; rel="next", <url>; rel="last"`."""
    raise NotImplementedError("link_header: write me (task 3)")
