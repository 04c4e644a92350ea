"""A signup service that grew in one file.

Task 1: move `slugify` and `normalise_email` into a new module, textkit.py, in this folder.
Task 2: import them from there. Task 3: write `main` and make this file runnable as a script.
"""

import re

print("signup service loaded")  # left over from debugging: it runs on every import


def slugify(text: str) -> str:
    """Return a URL-safe slug of lower-case words joined by dashes: 'Ada Lovelace!' -> 'ada-lovelace'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def normalise_email(address: str) -> str:
    """Return an email address trimmed and in lower case: ' Ada@Example.COM ' -> 'ada@example.com'."""
    return address.strip().lower()


def signup_line(name: str, email: str) -> str:
    """Return 'username <email>' for a new account, such as 'ada-lovelace <ada@example.com>'."""
    return f"{slugify(name)} <{normalise_email(email)}>"


def main(argv: list[str]) -> int:
    """Print the signup line for NAME EMAIL and return 0; print the usage to stderr and return 2 otherwise."""
    raise NotImplementedError("main: write me (task 3)")
