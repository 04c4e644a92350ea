"""Inheritance and composition: notifiers, a mixin, and an alert service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class DeliveryError(Exception):
    """A notifier could not deliver a message."""


class Notifier:
    """Formats messages and keeps what it sent in `outbox`. Written for you."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.outbox: list[tuple[str, str]] = []

    def format(self, message: str) -> str:
        return f"[{self.name}] {message}"

    def send(self, recipient: str, message: str) -> str:
        text = self.format(message)
        self.outbox.append((recipient, text))
        return text


class SmsNotifier(Notifier):
    """A text message is at most 160 characters. Written for you: an example of extending `format`."""

    def format(self, message: str) -> str:
        return super().format(message)[:160]


class EmailNotifier(Notifier):
    """A notifier that signs each message with the sender's address."""

    def __init__(self, name: str, sender: str) -> None:
        raise NotImplementedError("EmailNotifier.__init__: write me (task 1)")

    def format(self, message: str) -> str:
        """The parent's text, then a new line '-- <sender>'."""
        raise NotImplementedError("EmailNotifier.format: write me (task 1)")


class UrgentMixin(Notifier):
    """Marks a message as urgent, then lets the next class in the MRO format it."""

    def format(self, message: str) -> str:
        raise NotImplementedError("UrgentMixin.format: write me (task 2)")


class UrgentEmailNotifier(UrgentMixin, EmailNotifier):
    """An urgent e-mail notifier: nothing to write, the MRO does the work."""


class UrgentSmsNotifier(UrgentMixin, SmsNotifier):
    """An urgent SMS notifier: the same mixin on another base."""


class Sender(Protocol):
    """Anything with a `send` method can be part of an AlertService."""

    def send(self, recipient: str, message: str) -> str: ...


class AlertService:
    """Sends one alert through several notifiers. It has notifiers; it is not one."""

    def __init__(self, notifiers: Iterable[Sender]) -> None:
        raise NotImplementedError("AlertService: write me (task 3)")

    def add(self, notifier: Sender) -> None:
        raise NotImplementedError("AlertService.add: write me (task 3)")

    def alert(self, recipient: str, message: str) -> int:
        """Send through every notifier; return how many delivered (DeliveryError is skipped)."""
        raise NotImplementedError("AlertService.alert: write me (task 3)")
