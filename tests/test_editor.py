"""The VS Code files, checked, and each check shown to fail on a broken copy.

- tasks.json (JSONC; .vscode/tasks.json a relative symlink to it): labels unique, `dependsOn`
  resolving, every program, `kata` subcommand and `make` target a task names exists, every
  ${variable} known, and the "Kata: watch" problem matcher (as JavaScript regular expressions,
  through Node.js) matched against real `kata watch` output in tests/data/.
- launch.json: debugpy configurations whose modules are installed and whose inputs exist.
- settings.json: the interpreter, pytest and ruff settings, and the import paths in step with
  the katas on disk (tools/sync_editor_paths.py).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.editor_checks import (
    TASKS,
    WATCH_SAMPLE,
    Check,
    complaints_about,
    copy_workspace,
    edit,
    launch_problems,
    load_jsonc,
    problem_matcher_problems,
    settings_problems,
    tasks_problems,
)

# Each check starts real tools (hadolint, the Compose CLI, node, kata, make): allow for a busy machine.
pytestmark = pytest.mark.timeout(60)

LAUNCH = Path(".vscode/launch.json")
SETTINGS = Path(".vscode/settings.json")
EXTENSIONS = Path(".vscode/extensions.json")
SYNC = Path("tools/sync_editor_paths.py")


def check_tasks(root: Path) -> list[str]:
    return tasks_problems(root)


def check_problem_matcher(root: Path) -> list[str]:
    return problem_matcher_problems(root, root / WATCH_SAMPLE)


def check_launch(root: Path) -> list[str]:
    return launch_problems(root)


def check_settings(root: Path) -> list[str]:
    return settings_problems(root)


CHECKS = [check_tasks, check_problem_matcher, check_launch, check_settings]


@pytest.fixture(scope="module")
def pristine(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the workspace that each breakage test copies again and breaks."""
    return copy_workspace(root, tmp_path_factory.mktemp("pristine") / "workspace")


@pytest.mark.parametrize("check", CHECKS)
def test_editor_file_is_valid(root: Path, check: Check) -> None:
    assert check(root) == []


@pytest.mark.parametrize("check", CHECKS)
def test_an_untouched_copy_passes(pristine: Path, check: Check) -> None:
    assert check(pristine) == [], f"{check.__name__} fails on an untouched copy, so the breakage tests prove nothing"


def test_the_tasks_the_issue_asks_for_exist(root: Path) -> None:
    labels = {task["label"] for task in load_jsonc(root / TASKS)["tasks"]}
    wanted = {
        "Kata: watch",
        "Kata: check current file",
        "Kata: compare current file with its solution",
        "Kata: next hint",
        "Workspace: self-check",
        "Database: open psql",
    }
    assert wanted <= labels, f"missing tasks: {sorted(wanted - labels)}"


def test_compare_task_opens_the_solution_mirror(root: Path) -> None:
    tasks = {task["label"]: task for task in load_jsonc(root / TASKS)["tasks"]}
    command = tasks["Kata: compare current file with its solution"]["command"]
    # ${relativeFile} is katas/NN_topic/NN_slug/x.py; its answer is solutions/katas/NN_topic/NN_slug/x.py.
    assert command == 'code --diff "${file}" "${workspaceFolder}/solutions/${relativeFile}"'


def test_the_sample_is_real_watch_output(root: Path) -> None:
    text = (root / WATCH_SAMPLE).read_text(encoding="utf-8")
    assert "kata: checking " in text
    assert "kata: done " in text


def test_sync_script_adds_a_new_kata(pristine: Path, tmp_path: Path) -> None:
    copy = tmp_path / "workspace"
    shutil.copytree(pristine, copy, symlinks=True)
    (copy / "katas/01_python_basics/99_brand_new").mkdir()
    script = [sys.executable, str(copy / SYNC), "--root", str(copy)]
    stale = subprocess.run([*script, "--check"], capture_output=True, text=True, timeout=30, check=False)
    assert stale.returncode == 1, "the check should notice a kata missing from the editor's import paths"
    assert "tools/sync_editor_paths.py" in stale.stderr, "the message should say which command fixes it"
    subprocess.run(script, capture_output=True, text=True, timeout=30, check=True)
    assert "katas/01_python_basics/99_brand_new" in load_jsonc(copy / SETTINGS)["python.analysis.extraPaths"]
    fresh = subprocess.run([*script, "--check"], capture_output=True, text=True, timeout=30, check=False)
    assert fresh.returncode == 0, fresh.stderr


def test_vscode_tasks_json_resolves_to_the_top_level_file(root: Path) -> None:
    link = root / ".vscode/tasks.json"
    assert link.is_symlink(), ".vscode/tasks.json should be a symlink (VS Code reads only .vscode/)"
    assert link.resolve() == (root / TASKS).resolve()


def copy_instead_of_link(copy: Path) -> None:
    link = copy / ".vscode/tasks.json"
    link.unlink()
    shutil.copy(copy / TASKS, link)


def uninstall_psql(copy: Path) -> None:
    """Every psql package the Dockerfile installs (PGDG's postgresql-client-16 and Debian's fallback) renamed away."""
    dockerfile = copy / ".devcontainer/Dockerfile"
    dockerfile.write_text(
        dockerfile.read_text(encoding="utf-8").replace("postgresql-client", "no-psql"), encoding="utf-8"
    )


def add_kata_folder(copy: Path) -> None:
    (copy / "katas/01_python_basics/99_brand_new").mkdir()


# (what is broken, how, the check that must notice, a fragment of its complaint)
BREAKAGES: list[tuple[str, Callable[[Path], None], Check, str]] = [
    ("not JSONC", edit(TASKS, '"version": "2.0.0",', '"version": "2.0.0"'), check_tasks, "cannot be read"),
    ("duplicate label", edit(TASKS, '"label": "Kata: next hint"', '"label": "Kata: watch"'), check_tasks, "used 2 times"),
    ("unknown dependency", edit(TASKS, '"label": "Kata: next hint",', '"label": "Kata: next hint", "dependsOn": ["Kata: nope"],'), check_tasks, "unknown task 'Kata: nope'"),
    ("unknown kata command", edit(TASKS, '"command": "kata hint"', '"command": "kata hints"'), check_tasks, "'kata hints', which does not exist"),
    ("unknown make target", edit(TASKS, '"command": "make test"', '"command": "make selfcheck"'), check_tasks, "'make selfcheck', which does not exist"),
    ("unknown program", edit(TASKS, '"command": "psql', '"command": "pgcli'), check_tasks, "nothing installs"),
    ("psql not installed", uninstall_psql, check_tasks, "does not install"),
    ("unknown variable", edit(TASKS, "${relativeFile}", "${relativeFilePath}"), check_tasks, "not a VS Code variable"),
    ("tasks.json copied", copy_instead_of_link, check_tasks, "symlink"),
    ("begin pattern", edit(TASKS, '"^kata: checking ', '"^kata: running '), check_problem_matcher, "beginsPattern misses"),
    ("end pattern", edit(TASKS, "(passed|failed)", "(passed)"), check_problem_matcher, "endsPattern misses"),
    ("not JavaScript", edit(TASKS, '"^kata: checking \\\\S+"', '"^kata: checking (?P<slug>\\\\S+)"'), check_problem_matcher, "JavaScript"),
    ("too greedy", edit(TASKS, '"regexp": "^(\\\\S[^:]*\\\\.py):(\\\\d+): (.+)$"', '"regexp": "^(.+):(\\\\d+)?:? ?(.*)$"'), check_problem_matcher, "wrongly matches"),
    ("wrong group", edit(TASKS, '"line": 2,', '"line": 3,'), check_problem_matcher, "no line number"),
    ("check pattern drifts", edit(TASKS, '"regexp": "^(\\\\S[^:]*\\\\.py):(\\\\d+): (.+)$",\n          "file": 1,\n          "line": 2,\n          "message": 3\n        }\n      }\n    },', '"regexp": "^(.+):(\\\\d+): (.+)$",\n          "file": 1,\n          "line": 2,\n          "message": 3\n        }\n      }\n    },'), check_problem_matcher, "another pattern"),
    ("no watch task", edit(TASKS, '"label": "Kata: watch"', '"label": "Kata: watch it"'), check_problem_matcher, "no 'Kata: watch' task"),
    ("unknown input", edit(LAUNCH, "${input:flaskApp}", "${input:flask}"), check_launch, "no entry in inputs"),
    ("module not installed", edit(LAUNCH, '"module": "uvicorn"', '"module": "uvicorn_server"'), check_launch, "not installed"),
    ("old debugger type", edit(LAUNCH, '"type": "debugpy"', '"type": "python"'), check_launch, "debugpy"),
    ("stale import paths", add_kata_folder, check_settings, "out of date"),
    ("black formatter", edit(SETTINGS, '"editor.defaultFormatter": "charliermarsh.ruff"', '"editor.defaultFormatter": "ms-python.black-formatter"'), check_settings, "ruff"),
    ("system interpreter", edit(SETTINGS, "/.venv/bin/python", "/usr/bin/python3"), check_settings, "defaultInterpreterPath"),
    ("ruff not recommended", edit(EXTENSIONS, '"charliermarsh.ruff",', ""), check_settings, "charliermarsh.ruff should be recommended"),
]  # fmt: skip


@pytest.mark.parametrize(("how", "check", "complaint"), [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_each_check_fails_on_a_broken_copy(
    pristine: Path, tmp_path: Path, how: Callable[[Path], None], check: Check, complaint: str
) -> None:
    problems = complaints_about(pristine, tmp_path / "workspace", how, check)
    assert any(complaint in problem for problem in problems), f"expected a complaint with {complaint!r}, got {problems}"


def launch_config(root: Path, module: str) -> dict[str, Any]:
    configs = [config for config in load_jsonc(root / LAUNCH)["configurations"] if config.get("module") == module]
    assert configs, f"launch.json has no configuration running {module}"
    config: dict[str, Any] = configs[0]
    return config


def substitute(words: list[str], values: dict[str, str]) -> list[str]:
    """The arguments as VS Code passes them, with ${...} variables replaced."""
    return [re.sub(r"\$\{([^}]+)\}", lambda m: values[m.group(1)], word) for word in words]


def local_only(args: list[str], port: int) -> list[str]:
    """Listen on 127.0.0.1 and a free port here (in the container the config listens on all interfaces)."""
    swapped = {"0.0.0.0": "127.0.0.1", "5000": str(port), "8000": str(port)}
    return [swapped.get(arg, arg) for arg in args]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve_and_get(command: list[str], cwd: Path, env: dict[str, str], port: int, log: Path) -> str:
    """Start a debug configuration's command (without the debugger) in `cwd`, GET / from it, stop it."""
    with log.open("w") as output, subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output) as server:
        try:
            deadline = time.monotonic() + 25
            while time.monotonic() < deadline:
                if server.poll() is not None:
                    pytest.fail(f"{' '.join(command)} exited with {server.returncode}:\n{log.read_text()}")
                try:
                    return httpx.get(f"http://127.0.0.1:{port}/", timeout=1).text
                except httpx.TransportError:
                    time.sleep(0.2)
            pytest.fail(f"{' '.join(command)} did not answer on port {port}:\n{log.read_text()}")
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_debug_tests_configs_run_pytest_on_the_open_file(root: Path) -> None:
    """Whether the open file is the test file or the starter, the kata's tests run (here against the solution)."""
    kata = root / "katas/01_python_basics/04_types_and_operators"  # the model kata
    configs = [c for c in load_jsonc(root / LAUNCH)["configurations"] if c.get("module") == "pytest"]
    assert configs, "launch.json has no configuration running pytest"
    for config, open_file in zip(configs, ["test_types_and_operators.py", "types_and_operators.py"], strict=False):
        values = {"file": str(kata / open_file), "fileDirname": str(kata), "workspaceFolder": str(root)}
        args = substitute(config["args"], values)
        result = subprocess.run(
            [sys.executable, "-m", "pytest", *args, "--solutions"],
            cwd=root, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, f"{config['name']!r} runs no passing tests:\n{result.stdout}{result.stderr}"


@pytest.mark.timeout(40)
def test_flask_config_serves_an_app(root: Path, tmp_path: Path) -> None:
    config = launch_config(root, "flask")
    (tmp_path / "hello.py").write_text(
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/')\ndef index() -> str:\n    return 'hello from flask'\n"
    )
    port = free_port()
    args = local_only(substitute(config["args"], {"input:flaskApp": str(tmp_path / "hello.py")}), port)
    env = {**os.environ, **config.get("env", {})}
    assert (
        serve_and_get([sys.executable, "-m", "flask", *args], root, env, port, tmp_path / "log") == "hello from flask"
    )


@pytest.mark.timeout(40)
def test_fastapi_config_serves_an_app_with_uvicorn(root: Path, tmp_path: Path) -> None:
    config = launch_config(root, "uvicorn")
    (tmp_path / "hello_api.py").write_text(
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/')\ndef index() -> str:\n    return 'hello from fastapi'\n"
    )
    port = free_port()
    values = {"input:appDir": str(tmp_path), "input:asgiApp": "hello_api:app"}
    args = local_only(substitute(config["args"], values), port)
    assert (
        serve_and_get([sys.executable, "-m", "uvicorn", *args], root, dict(os.environ), port, tmp_path / "log")
        == '"hello from fastapi"'
    )


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_testing_panel_collects_every_kata(root: Path) -> None:
    """What VS Code's Testing panel runs to discover tests: pytest --collect-only with the settings' arguments."""
    args = load_jsonc(root / SETTINGS)["python.testing.pytestArgs"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
        cwd=root, capture_output=True, text=True, timeout=170, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"test discovery fails:\n{result.stdout[-3000:]}{result.stderr[-2000:]}"
