"""Settings loader: a service's settings from environment variables, on top of defaults.

This code has bugs: the tests show where. Find and fix each one (see README.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    "debug": False,
    "secret_key": "",
    "allowed_hosts": ["localhost"],
    "database": {"host": "localhost", "port": 5432, "password": ""},
}
_SECRET_WORDS = ("secret", "password", "token")


def parse_bool(value: str) -> bool:
    """'1', 'true', 'yes', 'on' are True; '', '0', 'false', 'no', 'off' are False (any case, spaces ignored).

    Anything else raises ValueError: a typo must not silently mean True.
    """
    return bool(value.strip())


def parse_port(value: str) -> int:
    """A TCP port from 1 to 65535; ValueError naming the value otherwise."""
    try:
        port = int(value)
        if not 1 <= port <= 65535:
            raise ValueError(f"not a port number: {value!r}")
    except Exception:
        port = 5432
    return port


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge: nested dicts are merged key by key, other values replaced. Neither input is changed."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key].update(value)
        else:
            result[key] = value
    return result


def load_settings(environ: Mapping[str, str], extra_hosts: list[str] = []) -> dict[str, Any]:  # noqa: B006
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
    hosts = extra_hosts
    hosts += settings["allowed_hosts"]
    settings["allowed_hosts"] = hosts
    return settings


def redact(settings: dict[str, Any]) -> dict[str, Any]:
    """A copy that is safe to log: values under keys containing 'secret', 'password' or 'token' (at any depth)
    become '***'. The input is not changed."""
    for key, value in settings.items():
        if any(word in key.lower() for word in _SECRET_WORDS):
            del settings[key]
            settings[f"{key}"] = "***"
        elif isinstance(value, dict):
            redact(value)
    return settings
