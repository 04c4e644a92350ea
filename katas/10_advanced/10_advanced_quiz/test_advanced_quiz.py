"""Tests for the advanced quiz: a webhook's token and fields, a call that retries what may go away, one count per event.

Mistakes these tests catch: `==` on the token (the test watches for hmac.compare_digest), compare_digest on
non-ASCII text (TypeError), a token that only has to start right, fields checked before the caller, `\\d` or
`isdigit()` letting non-ASCII digits through, `re.match` or a `$` that lets a path or a newline ride along,
JSON's `true` or a string accepted as cents, no timeout, retrying a 400 or a 500, not retrying a 503, a 429 or
a timeout, sleeping after the last attempt, a raw httpx error escaping, a redelivered event counted twice or
sent to the service again, an event remembered before it was recorded (its redelivery is then lost), a wrong
amount recorded, a replay without the token answered.
"""

import hmac
import re
from unittest.mock import patch

import httpx
import pytest
from advanced_quiz import Payment, PaymentInbox, ServiceError, order_total, read_payment

TOKEN = "whsec-4f1c9a"
SIGNED = {"Authorization": f"Bearer {TOKEN}"}
GOOD = {"id": "evt_7k2", "order": "1042", "amount": 1250}
PROBLEMS = {
    "id": "id: evt_ and 1 to 32 lower-case letters or digits",
    "order": "order: 1 to 9 ASCII digits, as text",
    "amount": "amount: a whole number of cents, at least 1",
}

Step = int | type[httpx.TransportError]


class FakeOrders:
    """A scripted orders service: each request gets the next step (a status code, or an error to raise)."""

    def __init__(self, *steps: Step, total: int = 1250) -> None:
        self.steps = list(steps)
        self.total = total
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if self.steps else 200
        if not isinstance(step, int):
            raise step("scripted failure", request=request)
        return httpx.Response(step, json={"total": self.total} if step == 200 else {"error": "scripted"})


def http_for(service: FakeOrders) -> httpx.Client:
    return httpx.Client(base_url="http://orders.internal", transport=httpx.MockTransport(service))


@pytest.mark.task(taskno=1)
def test_a_good_payment_is_read() -> None:
    assert read_payment(SIGNED, GOOD, TOKEN) == Payment(id="evt_7k2", order="1042", amount=1250)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": ""},
        {"Authorization": TOKEN},
        {"Authorization": f"Token {TOKEN}"},
        {"Authorization": "Bearer whsec-4f1c9b"},
        {"Authorization": "Bearer whsec-4f1c"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Bearer whsec-4f1cé"},
    ],
)
def test_only_the_exact_token_gets_in(headers: dict[str, str]) -> None:
    with pytest.raises(PermissionError):
        read_payment(headers, GOOD, TOKEN)


@pytest.mark.task(taskno=1)
def test_the_token_is_compared_in_constant_time() -> None:
    with patch("hmac.compare_digest", wraps=hmac.compare_digest) as spy:
        read_payment(SIGNED, GOOD, TOKEN)
        with pytest.raises(PermissionError):
            read_payment({"Authorization": "Bearer nope"}, GOOD, TOKEN)
    assert spy.call_count == 2, "compare the token with hmac.compare_digest: == stops at the first different character"


@pytest.mark.task(taskno=1)
def test_a_caller_without_the_token_learns_nothing_about_the_fields() -> None:
    with pytest.raises(PermissionError):
        read_payment({}, {"id": "bad", "order": "x", "amount": True}, TOKEN)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", None),
        ("id", "evt_"),
        ("id", "EVT_7K2"),
        ("id", "evt_7k2; DROP TABLE payments"),
        ("id", "evt_" + "a" * 33),
        ("order", None),
        ("order", 1042),
        ("order", ""),
        pytest.param("order", "١٠٤٢", id="order-Arabic-Indic digits, which isdigit() and \\d accept"),
        pytest.param("order", "1042\n", id="order-a trailing newline, which $ lets through"),
        ("order", " 1042"),
        ("order", "+1042"),
        ("order", "10_42"),
        ("order", "1042/../../admin"),
        ("order", "1234567890"),
        ("amount", None),
        ("amount", True),
        ("amount", "1250"),
        ("amount", 12.5),
        ("amount", 0),
        ("amount", -1250),
    ],
)
def test_bad_fields_are_refused(field: str, value: object) -> None:
    data = {**GOOD, field: value}
    with pytest.raises(ValueError, match=rf"^{re.escape(PROBLEMS[field])}$"):
        read_payment(SIGNED, data, TOKEN)


@pytest.mark.task(taskno=1)
def test_the_longest_and_shortest_good_values_pass() -> None:
    data = {"id": "evt_" + "z9" * 16, "order": "7", "amount": 1}
    assert read_payment(SIGNED, data, TOKEN) == Payment(id="evt_" + "z9" * 16, order="7", amount=1)
    assert read_payment(SIGNED, {**data, "id": "evt_0", "order": "999999999"}, TOKEN).order == "999999999"


@pytest.mark.task(taskno=2)
def test_reads_the_total_with_a_timeout() -> None:
    service, sleeps = FakeOrders(total=990), []
    assert order_total(http_for(service), "1042", sleep=sleeps.append) == 990
    assert [r.url.path for r in service.requests] == ["/orders/1042"]
    assert service.requests[0].extensions["timeout"]["read"] == 2.0, "always pass timeout=: a hung service hangs you"
    assert sleeps == []


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize(
    "steps",
    [(503, 200), (httpx.ConnectError, 200), (httpx.ReadTimeout, 200), (429, 502, 200), (504, httpx.ConnectError, 200)],
)
def test_retries_what_may_go_away(steps: tuple[Step, ...]) -> None:
    service, sleeps = FakeOrders(*steps), []
    assert order_total(http_for(service), "1042", sleep=sleeps.append) == 1250
    assert len(service.requests) == len(steps), f"{steps}: one request per step, the last one answers 200"
    assert sleeps == [0.1, 0.2][: len(steps) - 1], "sleep each delay in turn before the next try"


@pytest.mark.task(taskno=2)
def test_gives_up_after_the_last_delay_without_sleeping_again() -> None:
    service, sleeps = FakeOrders(503, 503, 503, 200), []
    with pytest.raises(ServiceError, match="503"):
        order_total(http_for(service), "1042", delays=(0.5, 1.0), sleep=sleeps.append)
    assert len(service.requests) == 3, "one try, then one retry per delay: 3 in all"
    assert sleeps == [0.5, 1.0], "no sleep after the last try: nothing comes after it"


@pytest.mark.task(taskno=2)
def test_a_service_that_never_answers_is_a_service_error() -> None:
    service, sleeps = FakeOrders(httpx.ConnectTimeout, httpx.ConnectTimeout), []
    with pytest.raises(ServiceError, match="ConnectTimeout"):
        order_total(http_for(service), "1042", delays=(0.3,), sleep=sleeps.append)
    assert sleeps == [0.3]


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("status", [400, 401, 404, 500])
def test_does_not_retry_what_will_fail_again(status: int) -> None:
    service, sleeps = FakeOrders(status, status, status), []
    with pytest.raises(ServiceError, match=str(status)):
        order_total(http_for(service), "1042", sleep=sleeps.append)
    assert len(service.requests) == 1, f"a {status} will come back the same: retrying it only adds load"
    assert sleeps == []


def inbox_for(service: FakeOrders, sleeps: list[float]) -> PaymentInbox:
    return PaymentInbox(http_for(service), TOKEN, sleep=sleeps.append)


@pytest.mark.task(taskno=3)
def test_a_payment_is_checked_and_recorded() -> None:
    service, sleeps = FakeOrders(503), []
    inbox = inbox_for(service, sleeps)
    assert inbox.handle(SIGNED, GOOD) is True
    assert inbox.paid == {"1042": 1250}
    assert inbox.seen == {"evt_7k2"}
    assert [r.url.path for r in service.requests] == ["/orders/1042", "/orders/1042"]
    assert sleeps == [0.1], "pass the inbox's sleep on to order_total"


@pytest.mark.task(taskno=3)
def test_a_redelivered_event_counts_once_and_calls_no_one() -> None:
    service = FakeOrders()
    inbox = inbox_for(service, [])
    assert inbox.handle(SIGNED, GOOD) is True
    assert inbox.handle(SIGNED, GOOD) is False, "the same event id again: already recorded"
    assert inbox.paid == {"1042": 1250}
    assert len(service.requests) == 1, "a redelivery needs no call to the orders service"


@pytest.mark.task(taskno=3)
def test_a_wrong_amount_is_refused_and_not_recorded() -> None:
    inbox = inbox_for(FakeOrders(total=1300), [])
    with pytest.raises(ValueError, match=r"^payment of 1250 does not match order 1042's total of 1300$"):
        inbox.handle(SIGNED, GOOD)
    assert (inbox.paid, inbox.seen) == ({}, set()), "a refused payment leaves no trace"


@pytest.mark.task(taskno=3)
def test_an_event_that_failed_is_recorded_when_it_comes_again() -> None:
    service = FakeOrders(503, 503, 503)
    inbox = inbox_for(service, [])
    with pytest.raises(ServiceError):
        inbox.handle(SIGNED, GOOD)
    assert inbox.seen == set(), "remember an event only once it is recorded: the provider will send it again"
    assert inbox.handle(SIGNED, GOOD) is True, "the redelivery after the outage must be recorded"
    assert inbox.paid == {"1042": 1250}


@pytest.mark.task(taskno=3)
def test_a_replay_without_the_token_is_refused() -> None:
    service = FakeOrders()
    inbox = inbox_for(service, [])
    inbox.handle(SIGNED, GOOD)
    with pytest.raises(PermissionError):
        inbox.handle({"Authorization": "Bearer guess"}, GOOD)
    with pytest.raises(PermissionError):
        inbox.handle({"Authorization": "Bearer guess"}, {**GOOD, "id": "evt_new"})
    assert len(service.requests) == 1, "a caller without the token must not reach the orders service"
