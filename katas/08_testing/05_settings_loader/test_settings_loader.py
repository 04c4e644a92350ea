"""Tests for the settings-loader debugging kata.

Mistakes these tests catch: an answer guessed from reading the code (the second failing server, the whole
variable instead of the text the conversion got), the suffix `s` tested before `ms`, milliseconds multiplied
instead of divided, float()'s leniency (exponents, signs, `inf`, underscores, spaces, non-ASCII digits)
taken for a duration, and an edited fleet.
"""

import hashlib
import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from settings_loader import Settings, fleet_environments, load_settings, parse_duration
from settings_loader_answers import FAILING_TEXT, FIRST_FAILING_HOST

FLEET_FINGERPRINT = "8a037313e3629e77"


def _first_server_with_a_millisecond_timeout() -> dict[str, str]:
    return next(env for env in fleet_environments() if env.get("APP_TIMEOUT", "").endswith("ms"))


@pytest.mark.task(taskno=1)
def test_the_fleet_is_the_one_observed() -> None:
    fleet = json.dumps(fleet_environments()).encode()
    assert hashlib.sha256(fleet).hexdigest()[:16] == FLEET_FINGERPRINT, (
        "fleet_environments() changed: the answers are about the fleet as given, put it back"
    )


@pytest.mark.task(taskno=1)
def test_first_failing_host_is_the_one_observed() -> None:
    expected = _first_server_with_a_millisecond_timeout()["APP_HOST"]
    assert FIRST_FAILING_HOST, "write the APP_HOST you observed into settings_loader_answers.py"
    assert expected == FIRST_FAILING_HOST, (
        f"{FIRST_FAILING_HOST!r} is not the FIRST server that fails to load: loop over the whole fleet in order"
    )


@pytest.mark.task(taskno=2)
def test_failing_text_is_what_the_conversion_was_given() -> None:
    timeout = _first_server_with_a_millisecond_timeout()["APP_TIMEOUT"]
    assert FAILING_TEXT, "write the text you observed into settings_loader_answers.py"
    assert timeout != FAILING_TEXT, (
        f"{timeout!r} is the variable's value; what did the conversion that raised actually receive?"
    )
    assert timeout.removesuffix("s") == FAILING_TEXT, (
        f"{FAILING_TEXT!r} is not what the conversion received: read the last line of the traceback"
    )


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("500ms", 0.5),
        ("250ms", 0.25),
        ("0ms", 0.0),
        ("30s", 30.0),
        ("1.5s", 1.5),
        ("2m", 120.0),
        ("0.5m", 30.0),
    ],
)
def test_parse_duration_reads_each_unit(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds), f"{text} is {seconds} seconds"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "text",
    ["", "30", "5h", "s", "ms", "-5s", "+5s", "1e3s", "infs", "nans", "5_0s", " 5s", "5 s", ".5s", "5.s", "٣s"],
)
def test_parse_duration_rejects_anything_else(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except ValueError as error:
        message = str(error)
    else:
        pytest.fail(
            f"parse_duration({text!r}) returned {seconds}: only ASCII digits, optionally `.` and more digits,"
            " then ms, s or m make a duration"
        )
    assert message == f"not a duration: {text!r}", f"the message for {text!r}"


@pytest.mark.task(taskno=3)
@given(st.integers(0, 10**6), st.sampled_from([("ms", 0.001), ("s", 1.0), ("m", 60.0)]))
@example(500, ("ms", 0.001))
def test_parse_duration_scales_whole_numbers(number: int, unit: tuple[str, float]) -> None:
    suffix, factor = unit
    assert parse_duration(f"{number}{suffix}") == pytest.approx(number * factor), f"{number}{suffix}"


@pytest.mark.task(taskno=3)
def test_every_server_of_the_fleet_loads() -> None:
    loaded = [load_settings(env) for env in fleet_environments()]
    assert len(loaded) == 300
    first = _first_server_with_a_millisecond_timeout()
    milliseconds = int(first["APP_TIMEOUT"].removesuffix("ms"))
    assert load_settings(first).timeout == pytest.approx(milliseconds / 1000), (
        f"{first['APP_HOST']}: {first['APP_TIMEOUT']} is {milliseconds / 1000} seconds"
    )


@pytest.mark.task(taskno=3)
def test_load_settings_keeps_its_defaults_and_rules() -> None:
    assert load_settings({}) == Settings("127.0.0.1", 8000, 2, 30.0, debug=False)
    env = {"APP_HOST": "a", "APP_PORT": "9000", "APP_WORKERS": "4", "APP_TIMEOUT": "2m", "APP_DEBUG": " Yes "}
    assert load_settings(env) == Settings("a", 9000, 4, 120.0, debug=True)
    for bad, message in [
        ({"APP_PORT": "0"}, "APP_PORT out of range: 0"),
        ({"APP_PORT": "65536"}, "APP_PORT out of range: 65536"),
        ({"APP_WORKERS": "0"}, "APP_WORKERS must be at least 1: 0"),
        ({"APP_DEBUG": "ture"}, "not a boolean: 'ture'"),
        ({"APP_TIMEOUT": "10"}, "not a duration: '10'"),
    ]:
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            load_settings(bad)
    assert load_settings({"APP_PORT": "1", "APP_WORKERS": "1"}).port == 1
    assert load_settings({"APP_PORT": "65535"}).port == 65535
    assert load_settings({"APP_DEBUG": " Off "}).debug is False, "off means no debug"
