"""Reference tests for uptime_monitor.py: monkeypatch for the environment, httpx.MockTransport for HTTP,
time-machine for the clock, and an autospec'd Pager plus a patched gethostname for the alert."""

from collections.abc import Callable
from datetime import UTC, datetime
from unittest.mock import MagicMock, create_autospec, patch

import httpx
import pytest
import time_machine
from uptime_monitor import (  # type: ignore[import-not-found, unused-ignore]
    Pager,
    SiteStatus,
    alert_if_down,
    api_token,
    check_site,
    in_maintenance,
)

URL = "https://shop.example/health"
SUNDAY_3AM = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
MONDAY_3AM = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test gets UPTIME_TOKEN set (tests about a missing token remove it again)."""
    monkeypatch.setenv("UPTIME_TOKEN", "s3cret")
    return "s3cret"


def client_answering(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_api_token_reads_the_environment_and_strips_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPTIME_TOKEN", "  abc123 ")
    assert api_token() == "abc123"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_api_token_missing_or_blank_raises(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("UPTIME_TOKEN")
    else:
        monkeypatch.setenv("UPTIME_TOKEN", value)
    with pytest.raises(RuntimeError, match="UPTIME_TOKEN"):
        api_token()


def test_check_site_sends_the_token_and_a_two_second_timeout() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    status = check_site(client_answering(handler), URL)
    assert status == SiteStatus(URL, up=True, status_code=200, detail="OK")
    assert seen[0].headers["Authorization"] == "Bearer s3cret"
    assert seen[0].extensions["timeout"]["read"] == 2.0


@pytest.mark.parametrize(
    ("code", "up"), [(200, True), (301, True), (399, True), (400, False), (404, False), (503, False)]
)
def test_check_site_is_up_only_below_400(code: int, up: bool) -> None:
    assert check_site(client_answering(lambda request: httpx.Response(code)), URL).up is up


@pytest.mark.parametrize("error", [httpx.ConnectError, httpx.ReadTimeout])
def test_check_site_reports_network_errors_as_down(error: type[httpx.TransportError]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error("boom", request=request)

    status = check_site(client_answering(handler), URL)
    assert status == SiteStatus(URL, up=False, status_code=None, detail=error.__name__)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 29, 1, 59, tzinfo=UTC), False),
        (datetime(2026, 11, 29, 2, 0, tzinfo=UTC), True),
        (SUNDAY_3AM, True),
        (datetime(2026, 11, 29, 3, 59, tzinfo=UTC), True),
        (datetime(2026, 11, 29, 4, 0, tzinfo=UTC), False),
        (MONDAY_3AM, False),
    ],
)
def test_maintenance_is_sunday_two_to_four_utc(moment: datetime, expected: bool) -> None:
    with time_machine.travel(moment, tick=False):
        assert in_maintenance() is expected


@pytest.fixture
def pager() -> MagicMock:
    """A mock Pager with the real one's signature: a call the real Pager would reject fails here too."""
    mock: MagicMock = create_autospec(Pager, instance=True)
    return mock


@time_machine.travel(MONDAY_3AM, tick=False)
@pytest.mark.parametrize(("code", "severity"), [(503, "critical"), (404, "warning"), (None, "critical")])
def test_alert_pages_with_hostname_and_severity(pager: MagicMock, code: int | None, severity: str) -> None:
    with patch("uptime_monitor.gethostname", return_value="probe-1"):
        assert alert_if_down(SiteStatus(URL, up=False, status_code=code, detail="Boom"), pager) is True
    pager.send.assert_called_once_with(f"{URL} is DOWN (Boom), seen from probe-1", severity=severity)


@time_machine.travel(MONDAY_3AM, tick=False)
def test_no_alert_when_up(pager: MagicMock) -> None:
    assert alert_if_down(SiteStatus(URL, up=True, status_code=200, detail="OK"), pager) is False
    pager.send.assert_not_called()


@time_machine.travel(SUNDAY_3AM, tick=False)
def test_no_alert_during_maintenance(pager: MagicMock) -> None:
    assert alert_if_down(SiteStatus(URL, up=False, status_code=503, detail="Down"), pager) is False
    pager.send.assert_not_called()
