"""Telling members things: a hold is ready, a loan is overdue. The library only knows the `Notifier` protocol;
`WebhookNotifier` is the real one (an HTTP call to the mail service), tests pass a fake or a mock.
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
            response = self._client.post(self._url, json={"to": member_id, "subject": subject, "body": body})
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise NotificationError(f"could not notify {member_id}: {error}") from error
