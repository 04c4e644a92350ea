"""Settings loader: a service's settings from environment variables, on top of defaults."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    "debug": False,
    "secret_key": "",
    "allowed_hosts": ["localhost"],
    "database": {"host": "localhost", "port": 5432, "password": ""},
}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})
_SECRET_WORDS = ("secret", "password", "token")


def parse_bool(value: str) -> bool:
    """'1', 'true', 'yes', 'on' are True; '', '0', 'false', 'no', 'off' are False (any case, spaces ignored).

    Anything else raises ValueError: a typo must not silently mean True.
    """
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def parse_port(value: str) -> int:
    """A TCP port from 1 to 65535; ValueError naming the value otherwise."""
    try:
        port = int(value)
    except ValueError:
        raise ValueError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise ValueError(f"not a port number: {value!r}")
    return port


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge: nested dicts are merged key by key, other values replaced. Neither input is changed."""
    result = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def load_settings(environ: Mapping[str, str], extra_hosts: list[str] | None = None) -> dict[str, Any]:
    """DEFAULTS overridden by APP_DEBUG, APP_SECRET_KEY, APP_ALLOWED_HOSTS (comma-separated), APP_DB_HOST and
    APP_DB_PORT when set; `extra_hosts` are appended to the allowed hosts."""
    override: dict[str, Any] = {}
    database: dict[str, Any] = {}
    if "APP_DEBUG" in environ:
        override["debug"] = parse_bool(environ["APP_DEBUG"])
    if "APP_SECRET_KEY" in environ:
        override["secret_key"] = environ["APP_SECRET_KEY"]
    if "APP_DB_HOST" in environ:
        database["host"] = environ["APP_DB_HOST"]
    if "APP_DB_PORT" in environ:
        database["port"] = parse_port(environ["APP_DB_PORT"])
    if database:
        override["database"] = database
    settings = merge(DEFAULTS, override)
    if "APP_ALLOWED_HOSTS" in environ:
        settings["allowed_hosts"] = [host.strip() for host in environ["APP_ALLOWED_HOSTS"].split(",") if host.strip()]
    settings["allowed_hosts"] = [*settings["allowed_hosts"], *(extra_hosts or [])]
    return settings


def redact(settings: Mapping[str, Any]) -> dict[str, Any]:
    """A copy that is safe to log: values under keys containing 'secret', 'password' or 'token' (at any depth)
    become '***'. The input is not changed."""
    return {
        key: "***"
        if any(word in key.lower() for word in _SECRET_WORDS)
        else redact(value)
        if isinstance(value, Mapping)
        else value
        for key, value in settings.items()
    }
