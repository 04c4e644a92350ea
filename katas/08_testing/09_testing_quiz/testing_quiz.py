"""Login throttle: lock an account after too many failed logins in a short window.

It has bugs, and this file does not say where: the README says what it must do (see README.md).
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta

logger = logging.getLogger(__name__)
WINDOW = timedelta(minutes=15)
MAX_ATTEMPTS = int(os.environ.get("LOGIN_MAX_ATTEMPTS", "5"))


def max_attempts() -> int:
    """LOGIN_MAX_ATTEMPTS (default 5), read on every call; ValueError unless it is a positive whole number."""
    return MAX_ATTEMPTS


class Throttle:
    """Counts each user's failed logins of the last 15 minutes, by the clock."""

    def __init__(self) -> None:
        self._failures: dict[str, list[datetime]] = {}

    def _recent(self, user: str, now: datetime) -> list[datetime]:
        return [moment for moment in self._failures.get(user, []) if now - moment <= WINDOW]

    def record_failure(self, user: str) -> None:
        """Remember a failed login now; log one warning when this failure locks the account."""
        now = datetime.now(UTC)
        recent = [*self._recent(user, now), now]
        self._failures[user] = recent
        if len(recent) >= max_attempts():
            logger.warning("locking %r after %d failures", user, len(recent))

    def is_locked(self, user: str) -> bool:
        """True while the user has at least max_attempts() failures in the last 15 minutes."""
        return len(self._recent(user, datetime.now(UTC))) >= max_attempts()

    def reset(self, user: str) -> None:
        """Forget the user's failures (after a successful login)."""
        self._failures.pop(user, None)
