"""Text helpers for user-facing identifiers: URL slugs and email addresses.

Task 1: move the bodies of `slugify` and `normalise_email` here from modules_and_imports.py.
"""


def slugify(text: str) -> str:
    """Return a URL-safe slug of lower-case words joined by dashes: 'Ada Lovelace!' -> 'ada-lovelace'."""
    raise NotImplementedError("slugify: move me here from modules_and_imports.py (task 1)")


def normalise_email(address: str) -> str:
    """Return an email address trimmed and in lower case: ' Ada@Example.COM ' -> 'ada@example.com'."""
    raise NotImplementedError("normalise_email: move me here from modules_and_imports.py (task 1)")
