"""The payment state machine, as data: which event moves a payment from which status to which."""

from __future__ import annotations

DECLINED_CARD = "4000000000000002"  # the test card that the simulated provider always declines

AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED = "authorized", "declined", "captured", "voided", "refunded"
EVENTS = ("capture", "void", "refund")

TRANSITIONS: dict[tuple[str, str], str] = {
    # Milestone 6: (status, event) -> the next status, one entry per arrow of the diagram in the README
}


class InvalidTransitionError(ValueError):
    """An event that the payment's status does not allow (capturing a voided payment, refunding twice, ...)."""


def authorize(card_number: str) -> str:
    """Milestone 6: the first status of a payment: DECLINED for the declined test card, else AUTHORIZED."""
    raise NotImplementedError("authorize: write me (milestone 6)")


def next_status(status: str, event: str) -> str:
    """Milestone 6: the status after `event`; InvalidTransitionError (saying what is wrong) if it is not allowed."""
    raise NotImplementedError("next_status: write me (milestone 6)")


def is_final(status: str) -> bool:
    """Milestone 6: True when no event can move a payment out of `status`."""
    raise NotImplementedError("is_final: write me (milestone 6)")
