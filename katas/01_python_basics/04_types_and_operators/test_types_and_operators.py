"""Tests for the types-and-operators kata.

Mistakes these tests catch: `/` instead of `//` (floats in the tuple), minutes
not wrapped at 60, a negative duration accepted, the unit switched at 1000
instead of 1024 or one step late, bytes shown with a decimal, sizes past TiB
running off the unit list, `True` or `"80"` accepted as a port, 0 or 65536
accepted.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from types_and_operators import format_size, is_valid_port, split_duration


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, (0, 0, 0)), (59, (0, 0, 59)), (60, (0, 1, 0)), (3725, (1, 2, 5)), (90061, (25, 1, 1))],
)
def test_split_duration_gives_hours_minutes_seconds(seconds: int, expected: tuple[int, int, int]) -> None:
    assert split_duration(seconds) == expected, f"split_duration({seconds}) should be {expected}"


@pytest.mark.task(taskno=1)
def test_split_duration_returns_whole_numbers() -> None:
    parts = split_duration(3725)
    assert all(type(part) is int for part in parts), (
        f"expected three ints, got {parts!r}: use // (floor division), not / which makes floats"
    )


@pytest.mark.task(taskno=1)
def test_split_duration_rejects_negative_seconds() -> None:
    with pytest.raises(ValueError, match="negative"):
        split_duration(-1)


@pytest.mark.task(taskno=1)
@given(st.integers(min_value=0, max_value=10**9))
def test_split_duration_round_trips(seconds: int) -> None:
    hours, minutes, secs = split_duration(seconds)
    assert 0 <= minutes < 60, f"minutes must stay below 60, got {minutes}"
    assert 0 <= secs < 60, f"seconds must stay below 60, got {secs}"
    assert hours * 3600 + minutes * 60 + secs == seconds, "the parts must add back up to the total"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    ("num_bytes", "expected"),
    [
        (0, "0 B"),
        (512, "512 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (1024**2 - 1024, "1023.0 KiB"),
        (1024**2, "1.0 MiB"),
        (5 * 1024**3, "5.0 GiB"),
        (3 * 1024**4, "3.0 TiB"),
        (2048 * 1024**4, "2048.0 TiB"),
    ],
)
def test_format_size_uses_the_largest_binary_unit(num_bytes: int, expected: str) -> None:
    assert format_size(num_bytes) == expected, f"format_size({num_bytes}) should be {expected!r}"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("port", [1, 80, 8080, 65535])
def test_is_valid_port_accepts_ports(port: int) -> None:
    assert is_valid_port(port) is True, f"{port} is a valid port"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "value",
    [0, -1, 65536, "8080", 8080.0, True, False, None],
    ids=["zero", "negative", "too-big", "str", "float", "True", "False", "None"],
)
def test_is_valid_port_rejects_everything_else(value: object) -> None:
    assert is_valid_port(value) is False, f"{value!r} is not a port number"
