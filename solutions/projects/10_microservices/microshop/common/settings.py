"""Settings from the environment: every secret comes from there, none is written in the code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SERVICES = ("gateway", "catalog", "orders", "inventory")
CALLERS = ("gateway", "orders")  # the services that call others over HTTP, each with its own token
REQUIRED = {
    "gateway": ("MICROSHOP_JWT_SECRET", "MICROSHOP_TOKEN_GATEWAY"),
    "catalog": ("MICROSHOP_TOKEN_GATEWAY", "MICROSHOP_TOKEN_ORDERS"),
    "orders": ("MICROSHOP_TOKEN_GATEWAY", "MICROSHOP_TOKEN_ORDERS"),
    "inventory": ("MICROSHOP_TOKEN_GATEWAY",),
}
MIN_SECRET_LENGTH = 32


class ConfigError(Exception):
    """The environment lacks a setting, or holds one that is unsafe or malformed."""


@dataclass(frozen=True)
class Settings:
    """What one service needs to run. Build it with `Settings.from_env(os.environ, "orders")`."""

    service: str
    jwt_secret: str = field(default="", repr=False)
    tokens: Mapping[str, str] = field(default_factory=dict, repr=False)
    nats_url: str = "nats://127.0.0.1:4222"
    subject_prefix: str = "microshop"
    catalog_url: str = "http://127.0.0.1:8001"
    orders_url: str = "http://127.0.0.1:8002"
    inventory_url: str = "http://127.0.0.1:8003"
    database: str = ""
    http_timeout: float = 2.0
    rate_limit: int = 60
    initial_stock: int = 5

    @classmethod
    def from_env(cls, env: Mapping[str, str], service: str) -> Settings:
        """Read the settings of `service`; ConfigError names a missing, short or malformed variable."""
        if service not in SERVICES:
            raise ConfigError(f"unknown service {service!r}; expected one of {SERVICES}")
        for name in REQUIRED[service]:
            value = env.get(name, "")
            if not value:
                raise ConfigError(f"{name} is not set: {service} needs it (secrets come from the environment)")
            if len(value) < MIN_SECRET_LENGTH:
                raise ConfigError(f"{name} is too short: use at least {MIN_SECRET_LENGTH} random characters")
        tokens = {
            caller: env[f"MICROSHOP_TOKEN_{caller.upper()}"]
            for caller in CALLERS
            if env.get(f"MICROSHOP_TOKEN_{caller.upper()}")
        }
        if len(set(tokens.values())) < len(tokens):
            raise ConfigError("every service needs its own token: MICROSHOP_TOKEN_* must differ")
        return cls(
            service=service,
            jwt_secret=env.get("MICROSHOP_JWT_SECRET", ""),
            tokens=tokens,
            nats_url=env.get("NATS_URL", cls.nats_url),
            subject_prefix=env.get("MICROSHOP_SUBJECT_PREFIX", cls.subject_prefix),
            catalog_url=env.get("MICROSHOP_CATALOG_URL", cls.catalog_url),
            orders_url=env.get("MICROSHOP_ORDERS_URL", cls.orders_url),
            inventory_url=env.get("MICROSHOP_INVENTORY_URL", cls.inventory_url),
            database=env.get(f"MICROSHOP_{service.upper()}_DB", f"{service}.sqlite3"),
            http_timeout=_number(env, "MICROSHOP_HTTP_TIMEOUT", cls.http_timeout, float),
            rate_limit=int(_number(env, "MICROSHOP_RATE_LIMIT", cls.rate_limit, int)),
            initial_stock=int(_number(env, "MICROSHOP_INITIAL_STOCK", cls.initial_stock, int)),
        )


def _number(env: Mapping[str, str], name: str, default: float, kind: type[int] | type[float]) -> float:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a {kind.__name__}, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value
