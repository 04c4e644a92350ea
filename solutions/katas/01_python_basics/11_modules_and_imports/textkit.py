"""Text helpers for user-facing identifiers: URL slugs and email addresses."""

import re

__all__ = ["normalise_email", "slugify"]

_WORD = re.compile(r"[a-z0-9]+")


def slugify(text: str) -> str:
    """Return a URL-safe slug of lower-case words joined by dashes: 'Ada Lovelace!' -> 'ada-lovelace'."""
    return "-".join(_WORD.findall(text.lower()))


def normalise_email(address: str) -> str:
    """Return an email address trimmed and in lower case: ' Ada@Example.COM ' -> 'ada@example.com'."""
    return address.strip().lower()
