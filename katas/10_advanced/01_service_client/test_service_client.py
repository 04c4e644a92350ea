"""Tests for the service-client kata: backoff, timeouts, retries against a fake inventory service, idempotency.

Mistakes these tests catch: delays that do not double or are not capped, an off-by-one in the number of delays,
no timeout on the request, retrying a 400 (it will never succeed) or a 404 (an answer, not a failure), not
retrying 503 / 429 / a timeout / a refused connection, sleeping after the last attempt, one attempt too many or
too few, a raw httpx exception escaping instead of ServiceError, a redelivered event applied twice, an invalid
event remembered as seen (so a corrected redelivery is ignored), stock going negative.
"""

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from service_client import InventoryClient, ServiceError, StockLedger, backoff_delays

Step = int | type[httpx.TransportError]


class FakeInventory:
    """A scripted inventory service: each request gets the next step (a status code, or an error to raise)."""

    def __init__(self, *steps: Step, available: int = 7) -> None:
        self.steps = list(steps)
        self.available = available
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if self.steps else 200
        if not isinstance(step, int):
            raise step("scripted failure", request=request)
        body = {"sku": request.url.path.rsplit("/", 1)[-1], "available": self.available} if step == 200 else {}
        return httpx.Response(step, json=body)


def client_for(service: FakeInventory, sleeps: list[float], retries: int = 3) -> InventoryClient:
    http = httpx.Client(base_url="http://inventory.internal", transport=httpx.MockTransport(service))
    return InventoryClient(http, retries=retries, base_delay=0.1, sleep=sleeps.append)


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("retries", "base", "expected"),
    [(0, 0.1, []), (1, 0.1, [0.1]), (3, 0.1, [0.1, 0.2, 0.4]), (4, 1.0, [1.0, 2.0, 4.0, 5.0])],
)
def test_backoff_doubles_and_is_capped(retries: int, base: float, expected: list[float]) -> None:
    assert backoff_delays(retries, base) == pytest.approx(expected), "base * 2**attempt, at most cap (5.0)"


@pytest.mark.task(taskno=1)
@given(st.integers(0, 20), st.floats(0, 10), st.floats(0.1, 60))
def test_backoff_never_shrinks_and_never_passes_the_cap(retries: int, base: float, cap: float) -> None:
    delays = backoff_delays(retries, base, cap)
    assert len(delays) == retries
    assert all(0 <= d <= cap for d in delays)
    assert delays == sorted(delays), "each wait is at least as long as the one before"


@pytest.mark.task(taskno=1)
def test_backoff_rejects_negative_input() -> None:
    with pytest.raises(ValueError, match=r"^retries and base must not be negative$"):
        backoff_delays(-1, 0.1)
    with pytest.raises(ValueError, match=r"^retries and base must not be negative$"):
        backoff_delays(3, -0.1)


@pytest.mark.task(taskno=2)
def test_stock_reads_available_units_with_a_timeout() -> None:
    service, sleeps = FakeInventory(available=12), []
    assert client_for(service, sleeps).stock("mug-1") == 12
    request = service.requests[0]
    assert request.url.path == "/stock/mug-1"
    assert request.extensions["timeout"]["read"] == 2.0, "always pass timeout=: a hung service must not hang you"
    assert sleeps == []


@pytest.mark.task(taskno=2)
def test_unknown_sku_is_a_lookup_error_without_retrying() -> None:
    service, sleeps = FakeInventory(404), []
    with pytest.raises(LookupError, match="nope"):
        client_for(service, sleeps).stock("nope")
    assert len(service.requests) == 1, "a 404 is an answer: retrying will not change it"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("failure", [503, 502, 429, httpx.ConnectError, httpx.ReadTimeout])
def test_transient_failures_are_retried_after_a_backoff(failure: Step) -> None:
    service, sleeps = FakeInventory(failure, failure), []
    assert client_for(service, sleeps).stock("mug-1") == 7
    assert len(service.requests) == 3
    assert sleeps == pytest.approx([0.1, 0.2]), "wait base, then twice as long, before each retry"


@pytest.mark.task(taskno=3)
def test_gives_up_with_service_error_after_the_last_retry() -> None:
    service, sleeps = FakeInventory(503, 503, 503, 503, 200), []
    with pytest.raises(ServiceError, match="503"):
        client_for(service, sleeps).stock("mug-1")
    assert len(service.requests) == 4, "one attempt plus three retries"
    assert sleeps == pytest.approx([0.1, 0.2, 0.4]), "no sleep after the last attempt: nobody is waiting for it"


@pytest.mark.task(taskno=3)
def test_defaults_are_three_retries_starting_at_a_tenth_of_a_second() -> None:
    service, sleeps = FakeInventory(503, 503, 503, 503), []
    http = httpx.Client(base_url="http://inventory.internal", transport=httpx.MockTransport(service))
    with pytest.raises(ServiceError):
        InventoryClient(http, sleep=sleeps.append).stock("mug-1")
    assert sleeps == pytest.approx([0.1, 0.2, 0.4])


@pytest.mark.task(taskno=3)
def test_network_errors_become_service_errors() -> None:
    service, sleeps = FakeInventory(*[httpx.ConnectError] * 4), []
    with pytest.raises(ServiceError, match="ConnectError"):
        client_for(service, sleeps).stock("mug-1")


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("status", [400, 401, 500])
def test_errors_that_will_not_go_away_are_not_retried(status: int) -> None:
    service, sleeps = FakeInventory(status), []
    with pytest.raises(ServiceError, match=str(status)):
        client_for(service, sleeps).stock("mug-1")
    assert len(service.requests) == 1, f"retrying a {status} only adds load: it fails the same way"


def event(event_id: str, kind: str = "stock.added", quantity: int = 5, sku: str = "mug-1") -> dict[str, object]:
    return {"id": event_id, "type": kind, "sku": sku, "quantity": quantity}


@pytest.mark.task(taskno=4)
def test_ledger_applies_added_and_removed_stock() -> None:
    ledger = StockLedger()
    assert ledger.apply(event("e1", quantity=5)) is True
    assert ledger.apply(event("e2", "stock.removed", quantity=2)) is True
    assert ledger.levels == {"mug-1": 3}


@pytest.mark.task(taskno=4)
def test_a_redelivered_event_counts_once() -> None:
    ledger = StockLedger()
    ledger.apply(event("e1"))
    assert ledger.apply(event("e1")) is False, "the broker redelivered e1: report it as a duplicate"
    assert ledger.levels == {"mug-1": 5}, "a redelivered event must not be applied twice"


@pytest.mark.task(taskno=4)
def test_removing_all_the_stock_is_allowed() -> None:
    ledger = StockLedger()
    ledger.apply(event("e1", quantity=5))
    assert ledger.apply(event("e2", "stock.removed", quantity=5)) is True
    assert ledger.levels == {"mug-1": 0}


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (event("x", "stock.stolen"), r"^unknown event type 'stock.stolen'$"),
        (event("x", quantity=0), r"^quantity must be at least 1, got 0$"),
        ({**event("x"), "quantity": True}, r"^quantity must be a whole number, got True$"),
        ({**event("x"), "quantity": "3"}, r"^quantity must be a whole number, got '3'$"),
        ({**event("x"), "quantity": 2.5}, r"^quantity must be a whole number, got 2.5$"),
        (event("x", "stock.removed", quantity=1), r"^cannot remove 1 of mug-1: only 0 in stock$"),
    ],
    ids=["unknown-type", "zero-quantity", "bool-quantity", "text-quantity", "float-quantity", "more-than-in-stock"],
)
def test_invalid_events_are_rejected_and_not_remembered(bad: dict[str, object], message: str) -> None:
    ledger = StockLedger()
    with pytest.raises(ValueError, match=message):
        ledger.apply(bad)
    assert ledger.levels.get("mug-1", 0) == 0
    assert ledger.apply(event("x")) is True, "a rejected event was marked as seen: its corrected redelivery is lost"


@pytest.mark.task(taskno=4)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(1, 9)), max_size=30))
def test_replaying_the_whole_stream_changes_nothing(stream: list[tuple[str, int]]) -> None:
    ledger = StockLedger()
    events = [event(event_id, quantity=quantity) for event_id, quantity in stream]
    for item in events:
        ledger.apply(item)
    snapshot = dict(ledger.levels)
    for item in events:
        assert ledger.apply(item) is False
    assert ledger.levels == snapshot
