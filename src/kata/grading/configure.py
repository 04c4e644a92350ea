"""Helpers for "configure" katas: run the real tool on a learner's file, and start a learner's server command.

Servers are started with PORT set to a free port on 127.0.0.1 and asked for one page over HTTP; nothing here
needs a Docker engine or the network.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """The path of a command-line tool installed next to this Python (hadolint, actionlint, docker-compose...)."""
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        raise LookupError(f"{name} is not installed: run `uv sync` in the workspace")
    return found


def run_tool(name: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a tool and capture its output (never raises on a non-zero exit: the caller reads `returncode`)."""
    return subprocess.run([tool(name), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Served:
    """What a started server answered: `status` is None when nothing answered on $PORT in time."""

    status: int | None
    body: str
    output: str


def serve_once(
    command: str | Sequence[str], cwd: Path, path: str = "/", timeout: float = 6.0, env: Mapping[str, str] | None = None
) -> Served:
    """Start `command` (a shell line, or an exec-form list) with PORT set, GET http://127.0.0.1:$PORT{path}, stop it.

    The process runs in `cwd` with `env` added to the environment and this environment's tools first on PATH.
    """
    port = free_port()
    env = {**os.environ, **(env or {}), "PORT": str(port), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PYTHONPATH", None)
    env.setdefault("GUNICORN_CMD_ARGS", "--no-control-socket")  # parallel runs would share ~/.gunicorn/gunicorn.ctl
    args = ["sh", "-c", command] if isinstance(command, str) else list(command)
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    served = Served(None, "", "")
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            served = Served(response.status_code, response.text, "")
            break
    finally:
        output = _stop(process)
    return Served(served.status, served.body, output)


def _stop(process: subprocess.Popen[str]) -> str:
    """Stop the process and everything it started (a shell's children too); return what it printed."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            return process.communicate(timeout=3)[0]
        except subprocess.TimeoutExpired:
            continue
    return ""


def describe(command: str | Sequence[str]) -> str:
    """A command as one readable shell line."""
    return command if isinstance(command, str) else shlex.join(command)
