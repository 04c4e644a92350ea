"""A signup service: turns a name and an email address into a new account's signup line."""

import sys

from textkit import normalise_email, slugify

USAGE = "usage: modules_and_imports.py NAME EMAIL"


def signup_line(name: str, email: str) -> str:
    """Return 'username <email>' for a new account, such as 'ada-lovelace <ada@example.com>'."""
    return f"{slugify(name)} <{normalise_email(email)}>"


def main(argv: list[str]) -> int:
    """Print the signup line for NAME EMAIL and return 0; print the usage to stderr and return 2 otherwise."""
    if len(argv) != 2:
        print(USAGE, file=sys.stderr)
        return 2
    name, email = argv
    print(signup_line(name, email))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
