"""Bug: bytes are accepted as a password instead of raising TypeError.

Keep the assertRaises case as a pytest.raises (task 3).
"""

from __future__ import annotations

MIN_LENGTH = 12
MAX_LENGTH = 128
STRONG_LENGTH = 16
COMMON = frozenset({"password1234", "qwertyuiop12", "letmein12345", "123456789abc", "iloveyou1234"})


def check_password(password: str, *, username: str = "") -> list[str]:
    """Return the problems with `password`, in this order; an empty list means it is acceptable.

    Problems: "too short" (under 12 characters), "too long" (over 128), "no letter", "no digit",
    "contains username" (case-insensitive; only when a username is given), "common password"
    (case-insensitive). Raises TypeError when `password` is not a str.
    """
    if isinstance(password, bytes):
        password = password.decode()
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append("too short")
    if len(password) > MAX_LENGTH:
        problems.append("too long")
    if not any(char.isalpha() for char in password):
        problems.append("no letter")
    if not any(char.isdigit() for char in password):
        problems.append("no digit")
    if username and username.lower() in password.lower():
        problems.append("contains username")
    if password.lower() in COMMON:
        problems.append("common password")
    return problems


def strength(password: str) -> str:
    """Rate a password: "weak" if it has any problem; "strong" if it is 16+ characters and mixes upper case,
    lower case, digits and symbols; otherwise "fair"."""
    if check_password(password):
        return "weak"
    kinds = (str.isupper, str.islower, str.isdigit, lambda char: not char.isalnum())
    if len(password) >= STRONG_LENGTH and all(any(kind(char) for char in password) for kind in kinds):
        return "strong"
    return "fair"
