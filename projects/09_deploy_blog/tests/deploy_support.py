"""Helpers for the deploy project's tests: run commands, serve the app, read the Dockerfile and YAML files.

Every process started here gets PYTHONPATH = this project's folder (for `blog_prod`) + a copy of the blog's
REFERENCE (project 04's given files with `solutions/projects/04_blog` over them, for `blog`): the deploy tests
check your deployment, not your blog.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from ruamel.yaml import YAML

import kata
from kata.grading.configure import free_port, tool
from kata.workspace import discover, find_root, lay_out_reference


def workspace() -> Path:
    """The workspace around these tests; for a copy of them elsewhere (the mutation gate's sandbox), the kata tool's."""
    try:
        return find_root(Path(__file__))
    except LookupError:
        return find_root(Path(kata.__file__))


def reference_blog() -> Path:
    """The blog's reference as a finished project 04 holds it, copied for this test process (removed at exit).

    From this workspace, or from the kata tool's when this one has no blog (a copy of project 9 alone)."""
    homes = (workspace(), find_root(Path(kata.__file__)))
    blog = next(exercise for root in homes for exercise in discover(root) if exercise.slug == "blog")
    base = Path(tempfile.mkdtemp(prefix="kata-blog-reference-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    return lay_out_reference(blog, base / blog.relpath)


BLOG_ROOT = reference_blog()
SECRET = "test-only-secret-key-0123456789-abcdefghijklmnop"  # 32+ bytes, as the blog requires
MIGRATE = [sys.executable, "-m", "flask", "--app", "blog_prod.wsgi:create_app()", "db", "upgrade"]

Command = str | Sequence[str]
T = TypeVar("T")
_ONCE: dict[Hashable, Any] = {}


def once(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` the first time `key` is asked for, the same result (or the same exception) every later time.

    Starting an app costs seconds; several tests read what one run showed instead of each starting its own.
    """
    if key not in _ONCE:
        try:
            _ONCE[key] = (True, compute())
        except (Exception, pytest.fail.Exception) as error:  # re-raised, unchanged, to every test that asks
            _ONCE[key] = (False, error)
    ok, value = _ONCE[key]
    if not ok:
        raise value
    result: T = value
    return result


def run(command: Command, cwd: Path, env: Mapping[str, str], timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """Run a shell line (`sh -c`) or an argument list to the end; stdout and stderr captured separately."""
    args = ["sh", "-c", command] if isinstance(command, str) else list(command)
    return subprocess.run(args, cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout, check=False)


def raise_if_unwritten(output: str) -> None:
    """Report a starter that is still `raise NotImplementedError` as exactly that."""
    if "NotImplementedError" in output:
        raise NotImplementedError(f"blog_prod is not written yet:\n{output[-1200:]}")


def migrate(project_dir: Path, env: Mapping[str, str]) -> None:
    """`flask --app "blog_prod.wsgi:create_app()" db upgrade`: build the tables in the database `env` names."""
    done = run(MIGRATE, project_dir, env, timeout=60)
    raise_if_unwritten(done.stderr)
    assert done.returncode == 0, f"`flask db upgrade` through blog_prod failed:\n{done.stdout}{done.stderr}"


@dataclass
class Server:
    """A server started with PORT set; `get(path)` asks it over HTTP on 127.0.0.1."""

    port: int
    process: subprocess.Popen[str]

    def get(self, path: str) -> httpx.Response:
        return httpx.get(f"http://127.0.0.1:{self.port}{path}", timeout=5.0)


@contextlib.contextmanager
def serving(command: Command, cwd: Path, env: Mapping[str, str], wait: float = 30.0) -> Iterator[Server]:
    """Start `command` with PORT set to a free port, wait until something answers HTTP, yield, then stop it all.

    Fails the test with the server's output if it exits or stays silent for `wait` seconds.
    """
    port = free_port()
    args = ["sh", "-c", command] if isinstance(command, str) else list(command)
    process = subprocess.Popen(
        args,
        cwd=cwd,
        env={**env, "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    server = Server(port, process)
    try:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                output = stop(process)
                raise_if_unwritten(output)
                pytest.fail(
                    f"ran `{describe(command)}` with PORT={port}; nothing answered on 127.0.0.1:{port}.\n"
                    f"Bind 0.0.0.0:$PORT (the platform picks the port). The server said:\n{output[-2000:]}"
                )
            try:
                server.get("/healthz")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> str:
    """Stop the process and all it started (a shell's children too); return what it printed."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            return process.communicate(timeout=5)[0] or ""
        except subprocess.TimeoutExpired:
            continue
    return ""


def describe(command: Command) -> str:
    """A command as one readable shell line."""
    return command if isinstance(command, str) else shlex.join(command)


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction: `name` upper-cased (FROM, RUN...), `value` the rest of the line."""

    name: str
    value: str


def image_command(instructions: Sequence[Instruction], name: str) -> Command | None:
    """The last CMD (or HEALTHCHECK's command) as Docker runs it: an argument list (exec form) or a shell line."""
    values = [i.value for i in instructions if i.name == name]
    if not values:
        return None
    value = values[-1].strip()
    if name == "HEALTHCHECK":
        value = value.split("CMD", 1)[1].strip() if "CMD" in value else value
    if value.startswith("["):
        loaded = json.loads(value)
        assert isinstance(loaded, list), f"{name} {value}: the exec form is a JSON list of strings"
        return [str(part) for part in loaded]
    return value


def load_yaml(path: Path) -> Any:
    """A YAML file as data, read as YAML 1.2 (so the workflow key `on` stays the string 'on')."""
    assert path.is_file(), f"write {path.name}"
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def compose_config(compose_file: Path, project_dir: Path, env: Mapping[str, str]) -> dict[str, Any]:
    """`docker-compose config` of the file (no engine needed): validated, anchors and ${VARS} resolved."""
    assert compose_file.is_file(), f"write {compose_file.name}"
    command = [tool("docker-compose"), "-f", str(compose_file), "--project-directory", str(project_dir)]
    done = subprocess.run(
        [*command, "config", "--format", "json"], env=dict(env), capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, f"`docker-compose config` rejects {compose_file.name}:\n{done.stderr}"
    loaded: dict[str, Any] = json.loads(done.stdout)
    return loaded
