"""Tests for password_policy.py in pytest style: plain asserts, a fixture, parametrize instead of subTest loops."""

import pytest
from password_policy import check_password, strength  # type: ignore[import-not-found, unused-ignore]


@pytest.fixture
def good() -> str:
    """A password with no problems (and no upper case, so it rates 'fair')."""
    return "correct-horse-42"


def test_good_password_has_no_problems(good: str) -> None:
    assert check_password(good) == []


def test_lower_case_letters_count_as_letters() -> None:
    assert check_password("abcdefgh1234") == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [("a1" * 5 + "b", ["too short"]), ("a1" * 6, []), ("a1" * 64, []), ("a1" * 64 + "x", ["too long"])],
    ids=["11-chars", "12-chars", "128-chars", "129-chars"],
)
def test_length_limits(password: str, expected: list[str]) -> None:
    assert check_password(password) == expected


@pytest.mark.parametrize(("password", "expected"), [("123456789012", ["no letter"]), ("abcdefghijkl", ["no digit"])])
def test_letters_and_digits_are_both_needed(password: str, expected: list[str]) -> None:
    assert check_password(password) == expected


@pytest.mark.parametrize("username", ["horse", "HORSE", "Horse"])
def test_username_is_found_in_any_case(good: str, username: str) -> None:
    assert "contains username" in check_password(good, username=username)


def test_other_username_is_fine(good: str) -> None:
    assert check_password(good, username="alice") == []


@pytest.mark.parametrize("password", ["password1234", "Password1234", "PASSWORD1234"])
def test_common_passwords_are_rejected_in_any_case(password: str) -> None:
    assert check_password(password) == ["common password"]


def test_rejects_a_password_that_is_not_a_str() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        check_password(b"correct-horse-42")  # type: ignore[arg-type, unused-ignore]


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short1", "weak"),
        ("correct-horse-42", "fair"),
        ("Correct-Horse-42", "strong"),
        ("CorrectHorse4242", "fair"),
        ("Correct-Horse-4", "fair"),
    ],
)
def test_strength_table(password: str, expected: str) -> None:
    assert strength(password) == expected
