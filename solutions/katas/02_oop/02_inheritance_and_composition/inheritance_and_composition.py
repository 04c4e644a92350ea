"""Inheritance and composition: notifiers, a mixin, and an alert service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class DeliveryError(Exception):
    """A notifier could not deliver a message."""


class Notifier:
    """Formats messages and keeps what it sent in `outbox`."""

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
    """A text message is at most 160 characters."""

    def format(self, message: str) -> str:
        return super().format(message)[:160]


class EmailNotifier(Notifier):
    """A notifier that signs each message with the sender's address."""

    def __init__(self, name: str, sender: str) -> None:
        super().__init__(name)
        self.sender = sender

    def format(self, message: str) -> str:
        """The parent's text, then a new line '-- <sender>'."""
        return f"{super().format(message)}\n-- {self.sender}"


class UrgentMixin(Notifier):
    """Marks a message as urgent, then lets the next class in the MRO format it."""

    def format(self, message: str) -> str:
        return super().format(f"URGENT: {message}".upper())


class UrgentEmailNotifier(UrgentMixin, EmailNotifier):
    """An urgent e-mail notifier: the MRO does the work."""


class UrgentSmsNotifier(UrgentMixin, SmsNotifier):
    """An urgent SMS notifier: the same mixin on another base."""


class Sender(Protocol):
    """Anything with a `send` method can be part of an AlertService."""

    def send(self, recipient: str, message: str) -> str: ...


class AlertService:
    """Sends one alert through several notifiers. It has notifiers; it is not one."""

    def __init__(self, notifiers: Iterable[Sender]) -> None:
        self._notifiers = list(notifiers)

    def add(self, notifier: Sender) -> None:
        self._notifiers.append(notifier)

    def alert(self, recipient: str, message: str) -> int:
        """Send through every notifier; return how many delivered (DeliveryError is skipped)."""
        delivered = 0
        for notifier in self._notifiers:
            try:
                notifier.send(recipient, message)
            except DeliveryError:
                continue
            delivered += 1
        return delivered
