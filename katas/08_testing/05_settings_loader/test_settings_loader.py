"""Tests for the settings-loader fix kata.

Mistakes these tests catch (the starter's bugs, and half-fixes of them): bool("false") being True, an
unknown word accepted as a boolean, a broad `except Exception` that turns a typo'd port into the default, a
shallow copy whose nested dict is shared (merging changes DEFAULTS), a mutable default list that grows from
call to call, hosts appended in the wrong order, deleting from a dict while iterating over it, a redact that
changes the caller's settings, nested secrets left visible.
"""

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st
from settings_loader import DEFAULTS, load_settings, merge, parse_bool, parse_port, redact


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        (" YES ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("False", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_parse_bool_reads_the_usual_words(value: str, expected: bool) -> None:
    assert parse_bool(value) is expected, (
        f"parse_bool({value!r}) should be {expected}: bool() of any non-empty str is True"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("value", ["ture", "2", "enabled"])
def test_parse_bool_rejects_other_words(value: str) -> None:
    with pytest.raises(ValueError, match="not a boolean"):
        parse_bool(value)


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("value", ["54e2", "", "0", "65536", "-1"])
def test_parse_port_rejects_bad_ports_instead_of_defaulting(value: str) -> None:
    with pytest.raises(ValueError, match="not a port number"):
        parse_port(value)


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(("value", "port"), [("6543", 6543), ("1", 1), ("65535", 65535), (" 8080 ", 8080)])
def test_parse_port_accepts_a_port(value: str, port: int) -> None:
    assert parse_port(value) == port


@pytest.mark.task(taskno=3)
def test_merge_merges_nested_dicts_without_changing_its_inputs() -> None:
    base = {"database": {"host": "localhost", "port": 5432}, "debug": False}
    override = {"database": {"port": 6543}}
    before = copy.deepcopy(base)
    assert merge(base, override) == {"database": {"host": "localhost", "port": 6543}, "debug": False}
    assert base == before, "merge changed its base: dict(base) copies only the top level; nested dicts are shared"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("base", "override", "expected"),
    [
        ({}, {"database": {"port": 1}}, {"database": {"port": 1}}),
        ({"database": {"port": 1}}, {"database": "sqlite"}, {"database": "sqlite"}),
        ({"debug": False}, {"debug": True}, {"debug": True}),
    ],
)
def test_merge_replaces_what_is_not_two_dicts(
    base: dict[str, object], override: dict[str, object], expected: object
) -> None:
    assert merge(base, override) == expected


@pytest.mark.task(taskno=3)
def test_merge_result_shares_nothing_with_its_inputs() -> None:
    base, override = {"hosts": ["a"]}, {"tags": ["x"], "limits": {"api": {"rate": 10}}}
    result = merge(base, override)
    result["hosts"].append("b")
    result["tags"].append("y")
    result["limits"]["api"]["rate"] = 99
    assert base == {"hosts": ["a"]}, "a list inside base is shared with the result: deep-copy it"
    assert override == {"tags": ["x"], "limits": {"api": {"rate": 10}}}, (
        "something inside override is shared with the result: deep-copy it"
    )


@pytest.mark.task(taskno=3)
def test_load_settings_reads_every_variable() -> None:
    environ = {"APP_DEBUG": "on", "APP_SECRET_KEY": "k3y", "APP_DB_HOST": "db", "APP_DB_PORT": "6543"}
    assert load_settings({**environ, "APP_ALLOWED_HOSTS": "shop.example"}) == {
        "debug": True,
        "secret_key": "k3y",
        "allowed_hosts": ["shop.example"],
        "database": {"host": "db", "port": 6543, "password": ""},
    }


@pytest.mark.task(taskno=3)
def test_loading_settings_never_changes_the_defaults() -> None:
    before = copy.deepcopy(DEFAULTS)
    load_settings({"APP_DB_PORT": "6543", "APP_DB_HOST": "db"})
    assert before == DEFAULTS, "DEFAULTS changed: the next load_settings would start from the wrong values"
    assert load_settings({})["database"]["port"] == 5432


@pytest.mark.task(taskno=4)
def test_extra_hosts_do_not_pile_up_between_calls() -> None:
    first = load_settings({})
    second = load_settings({})
    assert first["allowed_hosts"] == second["allowed_hosts"] == ["localhost"], (
        "the default list is created once, when `def` runs, and shared by every call"
    )


@pytest.mark.task(taskno=4)
def test_extra_hosts_come_after_the_configured_ones() -> None:
    extra = ["api.internal"]
    settings = load_settings({"APP_ALLOWED_HOSTS": "shop.example, www.shop.example"}, extra_hosts=extra)
    assert settings["allowed_hosts"] == ["shop.example", "www.shop.example", "api.internal"], (
        f"configured hosts first, then the extra ones; got {settings['allowed_hosts']}"
    )
    assert extra == ["api.internal"], "the caller's list was changed"


@pytest.mark.task(taskno=5)
def test_redact_hides_secrets_at_any_depth_and_keeps_the_input() -> None:
    settings = load_settings({"APP_SECRET_KEY": "s3cret", "APP_DEBUG": "off"})
    settings["database"]["password"] = "hunter2"
    before = copy.deepcopy(settings)
    safe = redact(settings)
    assert safe["secret_key"] == "***"
    assert safe["database"] == {"host": "localhost", "port": 5432, "password": "***"}
    assert safe["debug"] is False
    assert settings == before, "redact changed the settings it was given: build a new dict"


@pytest.mark.task(taskno=5)
@given(st.dictionaries(st.sampled_from(["api_token", "name", "Password", "port", "secret"]), st.integers()))
def test_redact_never_shows_a_secret_value(settings: dict[str, int]) -> None:
    safe = redact(dict(settings))
    for key, value in safe.items():
        secret = any(word in key.lower() for word in ("secret", "password", "token"))
        assert value == ("***" if secret else settings[key])
