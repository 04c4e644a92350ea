"""Bug: the webhook notifier never checks the HTTP status, so a 500 from the mail service counts as sent.

The rule not tested: WebhookNotifier.send raises NotificationError when the service answers with an error status (fake it with httpx.MockTransport). (milestone 4)
"""

from __future__ import annotations

from typing import Protocol

import httpx
from libsys.libsys_errors import NotificationError


class Notifier(Protocol):
    """Anything that can send a member a message."""

    def send(self, member_id: str, subject: str, body: str) -> None:
        """Deliver one message, or raise NotificationError."""


class WebhookNotifier:
    """Posts each message as JSON to the mail service's webhook: `{"to": ..., "subject": ..., "body": ...}`."""

    def __init__(self, url: str, client: httpx.Client) -> None:
        self._url = url
        self._client = client

    def send(self, member_id: str, subject: str, body: str) -> None:
        """POST the message; NotificationError if the service cannot be reached or answers with an error status."""
        try:
            self._client.post(self._url, json={"to": member_id, "subject": subject, "body": body})
        except httpx.HTTPError as error:
            raise NotificationError(f"could not notify {member_id}: {error}") from error
