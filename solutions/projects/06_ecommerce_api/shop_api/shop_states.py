"""The payment state machine, as data: which event moves a payment from which status to which."""

from __future__ import annotations

DECLINED_CARD = "4000000000000002"  # the test card that the simulated provider always declines

AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED = "authorized", "declined", "captured", "voided", "refunded"
EVENTS = ("capture", "void", "refund")

TRANSITIONS: dict[tuple[str, str], str] = {
    (AUTHORIZED, "capture"): CAPTURED,
    (AUTHORIZED, "void"): VOIDED,
    (CAPTURED, "refund"): REFUNDED,
}


class InvalidTransitionError(ValueError):
    """An event that the payment's status does not allow (capturing a voided payment, refunding twice, ...)."""


def authorize(card_number: str) -> str:
    """Milestone 6: the first status of a payment: DECLINED for the declined test card, else AUTHORIZED."""
    return DECLINED if card_number == DECLINED_CARD else AUTHORIZED


def next_status(status: str, event: str) -> str:
    """Milestone 6: the status after `event`; InvalidTransitionError (saying what is wrong) if it is not allowed."""
    try:
        return TRANSITIONS[status, event]
    except KeyError:
        raise InvalidTransitionError(f"cannot {event} a payment that is {status}") from None


def is_final(status: str) -> bool:
    """Milestone 6: True when no event can move a payment out of `status`."""
    return not any(start == status for start, _ in TRANSITIONS)
