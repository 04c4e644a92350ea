"""Milestone 2, task 4 up close: `blog_prod.healthcheck.main()` called here, against a tiny stand-in server.

test_deploy_blog_m2_dockerfile.py runs the HEALTHCHECK command against the real app; these tests call `main()`
directly with a server that answers what each test needs, so every rule gets its own message: the port it
asks, what counts as healthy, the exit codes Docker reads, and where it explains a failure.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.timeout(30)

Serve = Callable[..., tuple[int, list[str]]]


@pytest.fixture
def healthcheck(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """`blog_prod.healthcheck`, imported here, with PORT unset."""
    monkeypatch.syspath_prepend(str(project_dir))
    monkeypatch.delenv("PORT", raising=False)
    import blog_prod.healthcheck

    return blog_prod.healthcheck


@pytest.fixture
def serve() -> Iterator[Serve]:
    """`serve(status, port=0)` starts a server answering every GET with `status`; gives its port and the paths asked."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(status: int, port: int = 0) -> tuple[int, list[str]]:
        asked: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                asked.append(self.path)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server.server_address[1], asked

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.task(taskno=4)
def test_healthcheck_passes_when_healthz_answers_200_on_port(
    healthcheck: Any, serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, asked = serve(200)
    monkeypatch.setenv("PORT", str(port))
    code = healthcheck.main()
    assert asked == ["/healthz"], f"ask http://127.0.0.1:$PORT/healthz, once (the server was asked {asked})"
    assert code == 0, f"/healthz answered 200, so main() returns 0: healthy (got {code!r})"


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize("status", [202, 204, 500, 503])
def test_healthcheck_fails_with_1_on_any_other_answer(
    healthcheck: Any, serve: Serve, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    port, _ = serve(status)
    monkeypatch.setenv("PORT", str(port))
    code = healthcheck.main()
    assert code == 1, (
        f"/healthz answered {status}: main() returns 1, Docker's 'unhealthy' (got {code!r}; only 200 is healthy, "
        "and Docker reserves exit code 2)"
    )


@pytest.mark.task(taskno=4)
def test_healthcheck_fails_with_1_and_says_why_on_stderr_when_nothing_answers(
    healthcheck: Any, serve: Serve, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port, _ = serve(200)
    monkeypatch.setenv("PORT", str(port + 1 if port < 65535 else port - 1))
    code = healthcheck.main()
    out, err = capsys.readouterr()
    assert code == 1, f"nothing answered: main() returns 1 (unhealthy), without a traceback (got {code!r})"
    assert "/healthz" in err, f"say on stderr which URL failed (Docker keeps it in `docker inspect`); stderr: {err!r}"
    assert not out, f"explain the failure on stderr, not stdout (stdout: {out!r})"


@pytest.mark.task(taskno=4)
def test_healthcheck_asks_port_8000_when_port_is_unset(healthcheck: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No real server on 8000 (the port may be taken here): every HTTP client opens its connection with
    socket.create_connection, so the test records where it was asked to connect and refuses."""
    asked: list[tuple[str, int]] = []
    timeouts: list[object] = []

    def refuse(address: tuple[str, int], timeout: object = None, *args: Any, **kwargs: Any) -> socket.socket:
        asked.append((address[0], int(address[1])))
        timeouts.append(timeout)
        raise ConnectionRefusedError("refused by the test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    code = healthcheck.main()
    assert (code, asked) == (1, [("127.0.0.1", 8000)]), (
        f"with PORT unset, ask 127.0.0.1 port 8000, gunicorn's default (got exit {code!r}, connections {asked})"
    )
    (timeout,) = timeouts
    seconds = timeout if isinstance(timeout, int | float) else None
    assert seconds is not None, f"give urlopen a timeout, so a hung app fails the check (got {timeout!r})"
    assert 0 < seconds < 5, f"the timeout must be under Docker's --timeout=5s (got {seconds!r})"
