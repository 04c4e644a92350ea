"""Settings loader: every server of the fleet builds its settings from its environment variables.

Some servers of the fleet do not start. Observe which, and why, before you change anything (see README.md).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
DEFAULT_TIMEOUT = 30.0
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class Settings:
    """What a server needs to start: where to listen, how many workers, how long a request may take."""

    host: str
    port: int
    workers: int
    timeout: float  # seconds
    debug: bool


def fleet_environments(seed: int = 2026, count: int = 300) -> list[dict[str, str]]:
    """The environment variables of each server of the fleet: always the same for the same seed. Do not edit."""
    rng = random.Random(seed)
    fleet = []
    for number in range(count):
        env = {"APP_HOST": f"web-{number:03d}.internal"}
        if rng.randrange(100) < 70:
            env["APP_PORT"] = str(rng.choice([8000, 8080, 9000]))
        if rng.randrange(100) < 40:
            env["APP_WORKERS"] = str(rng.randint(1, 16))
        if rng.randrange(100) < 30:
            env["APP_TIMEOUT"] = rng.choice(["30s", "45s", "2m", "1m", "90s", "1.5s", "0.5m", "500ms", "250ms"])
        if rng.randrange(100) < 10:
            env["APP_DEBUG"] = rng.choice(["true", "false", "0", "1", "yes", "no"])
        fleet.append(env)
    return fleet


UNITS = {"s": 1.0, "m": 60.0, "ms": 0.001}


def parse_duration(text: str) -> float:
    """Seconds in a duration such as `500ms`, `1.5s` or `2m`; ValueError("not a duration: ...") otherwise."""
    for suffix, seconds in UNITS.items():
        if text.endswith(suffix):
            number = text.removesuffix(suffix)
            return float(number) * seconds
    raise ValueError(f"not a duration: {text!r}")


def parse_bool(text: str) -> bool:
    """`1 true yes on` and `0 false no off`, in any case, spaces around ignored; ValueError otherwise."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"not a boolean: {text!r}")


def load_settings(env: Mapping[str, str]) -> Settings:
    """The settings of one server, each variable optional (see the defaults above)."""
    port = int(env.get("APP_PORT", DEFAULT_PORT))
    if not 1 <= port <= 65535:
        raise ValueError(f"APP_PORT out of range: {port}")
    workers = int(env.get("APP_WORKERS", DEFAULT_WORKERS))
    if workers < 1:
        raise ValueError(f"APP_WORKERS must be at least 1: {workers}")
    timeout = parse_duration(env["APP_TIMEOUT"]) if "APP_TIMEOUT" in env else DEFAULT_TIMEOUT
    return Settings(
        host=env.get("APP_HOST", "127.0.0.1"),
        port=port,
        workers=workers,
        timeout=timeout,
        debug=parse_bool(env["APP_DEBUG"]) if "APP_DEBUG" in env else False,
    )
