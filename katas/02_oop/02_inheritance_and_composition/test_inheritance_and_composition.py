"""Tests for the inheritance-and-composition kata.

Mistakes these tests catch: EmailNotifier.__init__ that forgets
super().__init__ (no `outbox`, no `name`), a `format` that rewrites the
parent's text instead of extending it, a mixin that calls
`Notifier.format(self, ...)` by name (skipping EmailNotifier's signature in the
MRO), a mixin that upper-cases the whole formatted text (name and signature
too), AlertService inheriting from Notifier, keeping the caller's list (so
`add` changes it), one failing notifier stopping the rest, failures counted as
deliveries, `except Exception` swallowing a bug, insisting on Notifier subclasses
instead of anything with `send`.
"""

import pytest
from inheritance_and_composition import (
    AlertService,
    DeliveryError,
    EmailNotifier,
    Notifier,
    SmsNotifier,
    UrgentEmailNotifier,
    UrgentSmsNotifier,
)


class BrokenNotifier(Notifier):
    def send(self, recipient: str, message: str) -> str:
        raise DeliveryError("smtp server unreachable")


class Pager:
    """Not a Notifier at all: it only has the same `send` method."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    def send(self, recipient: str, message: str) -> str:
        self.pages.append(f"{recipient}:{message}")
        return message


@pytest.mark.task(taskno=1)
def test_email_notifier_runs_the_parent_init() -> None:
    email = EmailNotifier("ops", "ops@example.com")
    assert isinstance(email, Notifier)
    assert email.name == "ops", "call super().__init__(name) so Notifier sets the name"
    assert email.outbox == [], "call super().__init__(name) so Notifier creates the outbox"
    assert email.sender == "ops@example.com"


@pytest.mark.task(taskno=1)
def test_email_format_extends_the_parent_format() -> None:
    email = EmailNotifier("ops", "ops@example.com")
    assert email.format("disk full") == "[ops] disk full\n-- ops@example.com", (
        "start from super().format(message) and add the signature line"
    )


@pytest.mark.task(taskno=1)
def test_email_send_uses_the_overridden_format() -> None:
    email = EmailNotifier("billing", "bill@example.com")
    text = email.send("cfo@example.com", "invoice ready")
    assert text == "[billing] invoice ready\n-- bill@example.com"
    assert email.outbox == [("cfo@example.com", text)], "the inherited send() should record what it sent"


@pytest.mark.task(taskno=2)
def test_urgent_mixin_goes_through_every_class_in_the_mro() -> None:
    names = [cls.__name__ for cls in UrgentEmailNotifier.__mro__]
    assert names == ["UrgentEmailNotifier", "UrgentMixin", "EmailNotifier", "Notifier", "object"]
    notifier = UrgentEmailNotifier("ops", "ops@example.com")
    assert notifier.format("disk full") == "[ops] URGENT: DISK FULL\n-- ops@example.com", (
        "the mixin should call super().format(...) so EmailNotifier still adds its signature"
    )


@pytest.mark.task(taskno=2)
def test_the_same_mixin_works_on_another_base() -> None:
    sms = UrgentSmsNotifier("ops")
    assert sms.format("db down") == "[ops] URGENT: DB DOWN"
    assert len(sms.format("x" * 500)) == 160, "SmsNotifier's 160-character cut must still apply after the mixin"


@pytest.mark.task(taskno=2)
def test_urgent_send_records_the_urgent_text() -> None:
    notifier = UrgentEmailNotifier("ops", "ops@example.com")
    notifier.send("dev", "cpu hot")
    assert notifier.outbox == [("dev", "[ops] URGENT: CPU HOT\n-- ops@example.com")]


@pytest.mark.task(taskno=3)
def test_alert_sends_through_every_notifier() -> None:
    email, sms = EmailNotifier("ops", "ops@example.com"), SmsNotifier("ops")
    service = AlertService([email, sms])
    assert service.alert("oncall", "db down") == 2
    assert email.outbox == [("oncall", "[ops] db down\n-- ops@example.com")]
    assert sms.outbox == [("oncall", "[ops] db down")]
    assert not issubclass(AlertService, Notifier), "an AlertService has notifiers; it should not be one"


@pytest.mark.task(taskno=3)
def test_a_failing_notifier_does_not_stop_the_others() -> None:
    sms = SmsNotifier("ops")
    service = AlertService([BrokenNotifier("mail"), sms])
    delivered = service.alert("oncall", "db down")
    assert sms.outbox == [("oncall", "[ops] db down")], "the SMS must still go out after the e-mail failed"
    assert delivered == 1, "count only the notifiers that delivered"


@pytest.mark.task(taskno=3)
def test_add_accepts_anything_with_send_and_keeps_a_copy() -> None:
    given = [SmsNotifier("ops")]
    service = AlertService(given)
    pager = Pager()
    service.add(pager)
    assert len(given) == 1, "AlertService should keep its own list (list(notifiers)), not change the caller's"
    assert service.alert("oncall", "db down") == 2
    assert pager.pages == ["oncall:db down"], "duck typing: any object with send(recipient, message) works"


@pytest.mark.task(taskno=3)
def test_a_bug_in_a_notifier_is_not_swallowed() -> None:
    class BuggyNotifier(Notifier):
        def send(self, recipient: str, message: str) -> str:
            raise KeyError("template")

    service = AlertService([BuggyNotifier("ops"), SmsNotifier("ops")])
    # only DeliveryError means "could not deliver": catch that one, a bug (here a KeyError) must propagate
    with pytest.raises(KeyError):
        service.alert("oncall", "db down")
