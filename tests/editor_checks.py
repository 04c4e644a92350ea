"""Checks of the dev container, editor and CI files, with the real tool for each file.

Every check takes the workspace root (or a file) and returns a list of problems,
empty when all is well. The tests run each one on this repository and on a
temporary copy with the file broken, so a check that cannot fail is caught.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.resources
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import json5
import jsonschema
from click.testing import CliRunner

BIN = Path(sys.executable).parent
DEVCONTAINER = Path(".devcontainer/devcontainer.json")
TASKS = Path("tasks.json")
VSCODE = Path(".vscode")
WORKFLOW = Path(".github/workflows/ci.yml")
WATCH_SAMPLE = Path("tests/data/kata_watch_output.txt")

# devcc ships a copy of the official schema (devcontainers/spec, schemas/devContainer.base.schema.json).
# Its digest pins the exact schema we validate against: a new devcc release that changes it fails here.
DEVCONTAINER_SCHEMA = ("devcc", "data/schema/devContainer.base.schema.json")
DEVCONTAINER_SCHEMA_SHA256 = "a0883c0405ff433db188849d458fb20b9c0d73e0ba1a6e44c1d83f3b485408dd"

EXTENSION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$", re.IGNORECASE)
# An image release (3.1.5-) or a rolling image major (3-, as the official templates use), then Python and Debian.
PINNED_DEVCONTAINER_BASE = re.compile(
    r"^FROM\s+mcr\.microsoft\.com/devcontainers/python:\d+(\.\d+\.\d+)?-3\.\d+-[a-z]+(@sha256:[0-9a-f]{64})?\s*$",
    re.MULTILINE,
)
# ${workspaceFolder}, ${env:PATH}, ${input:flaskApp}, ... (https://code.visualstudio.com/docs/reference/variables-reference)
VARIABLE = re.compile(r"\$\{([^}]+)\}")
VSCODE_VARIABLES = {
    "userHome", "workspaceFolder", "workspaceFolderBasename", "file", "fileWorkspaceFolder", "relativeFile",
    "relativeFileDirname", "fileBasename", "fileBasenameNoExtension", "fileExtname", "fileDirname",
    "fileDirnameBasename", "cwd", "lineNumber", "selectedText", "execPath", "defaultBuildTask", "pathSeparator", "/",
}  # fmt: skip
PREFIXED_VARIABLES = {"env", "config", "command", "input", "workspaceFolder"}
# Programs a task may start besides `kata` and `make`, and where each comes from.
OTHER_PROGRAMS = {
    "code": "VS Code's own command line, present in every VS Code terminal",
    "psql": "postgresql-client, installed by .devcontainer/Dockerfile",
}
Check = Callable[[Path], list[str]]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def check_jsonschema(builtin: str, path: Path) -> str | None:
    """Run check-jsonschema with one of its built-in schemas, in this process (its start-up dominates a run).

    Returns its complaint, or None when the file is valid.
    """
    command: click.Command = importlib.import_module("check_jsonschema").main
    result = CliRunner().invoke(command, ["--builtin-schema", builtin, "--color", "never", str(path)])
    return None if result.exit_code == 0 else f"check-jsonschema ({builtin}): {result.output.strip()}"


@functools.cache
def kata_lacks(subcommand: str) -> str | None:
    """Why `kata SUBCOMMAND` does not exist, or None when it does (asked of the installed tool)."""
    result = run(tool("kata"), subcommand, "--help")
    return None if result.returncode == 0 else result.stderr.strip() or result.stdout.strip()


def tool(name: str) -> Path:
    """A command-line tool installed in this virtual environment by the lock."""
    return BIN / name


def load_jsonc(path: Path) -> Any:
    """Parse a JSON-with-comments file, as VS Code reads devcontainer.json, tasks.json and friends."""
    return json5.loads(path.read_text(encoding="utf-8"))


def devcontainer_schema() -> dict[str, Any]:
    package, name = DEVCONTAINER_SCHEMA
    data = importlib.resources.files(package).joinpath(name).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != DEVCONTAINER_SCHEMA_SHA256:
        raise AssertionError(f"{package}'s {name} changed (sha256 {digest}); review it, then update the pin")
    schema: dict[str, Any] = json.loads(data)
    return schema


def schema_problems(document: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Every schema violation, as the innermost errors (a failed oneOf says little by itself), each once."""
    validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
    found = [
        f"{where} at {leaf.json_path}: {shorten(leaf.message)}"
        for error in validator.iter_errors(document)
        for leaf in innermost(error)
    ]
    return list(dict.fromkeys(found))


def innermost(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    if not error.context:
        yield error
    for sub in error.context:
        yield from innermost(sub)


def shorten(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


def parse_problems(path: Path) -> tuple[Any, list[str]]:
    try:
        return load_jsonc(path), []
    except (OSError, ValueError) as error:
        return None, [f"{path.name}: cannot be read as JSON with comments: {error}"]


# --- the dev container ------------------------------------------------------


def compose_services(compose_file: Path) -> dict[str, Any]:
    """The services of a compose file, as the Compose CLI normalises them (no engine needed)."""
    result = run(tool("docker-compose"), "-f", compose_file, "config", "--format", "json")
    if result.returncode != 0:
        return {}
    services: dict[str, Any] = json.loads(result.stdout).get("services", {})
    return services


def devcontainer_problems(root: Path) -> list[str]:
    """devcontainer.json: the official schema, then what the schema cannot know."""
    path = root / DEVCONTAINER
    config, problems = parse_problems(path)
    if problems:
        return problems
    problems += schema_problems(config, devcontainer_schema(), "devcontainer.json")
    folder = path.parent

    compose_file = folder / str(config.get("dockerComposeFile", ""))
    services = compose_services(compose_file) if compose_file.is_file() else {}
    if not services:
        problems.append(f"dockerComposeFile {compose_file.name!r} is missing or has no services")
    for key, names in (("service", [config.get("service")]), ("runServices", config.get("runServices", []))):
        problems += [
            f"{key}: {name!r} is not a service in {compose_file.name}" for name in names if name not in services
        ]

    problems += post_create_problems(root, config.get("postCreateCommand"))
    problems += url_problems(config.get("containerEnv", {}), services)

    forwarded = {str(port) for port in config.get("forwardPorts", [])}
    labelled = {port for port, attributes in config.get("portsAttributes", {}).items() if attributes.get("label")}
    problems += [f"forwardPorts: {port} has no label in portsAttributes" for port in sorted(forwarded - labelled)]
    wanted_ports = {"5000", "8000", "5432"}
    missing_ports = wanted_ports - {port.rsplit(":", 1)[-1] for port in forwarded}
    problems += [f"forwardPorts: {port} is not forwarded" for port in sorted(missing_ports)]

    extensions = config.get("customizations", {}).get("vscode", {}).get("extensions", [])
    problems += extension_problems(extensions, "customizations.vscode.extensions")
    recommended, read_problems = parse_problems(root / VSCODE / "extensions.json")
    problems += read_problems
    if recommended is not None and sorted(recommended.get("recommendations", [])) != sorted(extensions):
        problems.append(".vscode/extensions.json and devcontainer.json's customizations.vscode.extensions differ")
    return problems


def post_create_problems(root: Path, command: Any) -> list[str]:
    if not isinstance(command, str):
        return [f"postCreateCommand should be one shell command running the post-create script, not {command!r}"]
    scripts = [word for word in shlex.split(command) if word.endswith(".sh")]
    if not scripts:
        return [f"postCreateCommand {command!r} names no script"]
    problems = []
    for script in scripts:
        # Lifecycle commands run in the workspace folder, the repository root.
        path = root / script
        if not path.is_file():
            problems.append(f"postCreateCommand: {script} does not exist")
            continue
        if not path.stat().st_mode & 0o111:
            problems.append(f"postCreateCommand: {script} is not executable (chmod +x)")
        text = path.read_text(encoding="utf-8")
        if not text.startswith("#!/usr/bin/env bash\n") or "set -euo pipefail" not in text:
            problems.append(f"{script}: start with '#!/usr/bin/env bash' and 'set -euo pipefail'")
        if "make install" not in text:
            problems.append(f"{script}: should run 'make install', the README's quick start")
        syntax = run("bash", "-n", path)
        if syntax.returncode != 0:
            problems.append(f"{script}: bash -n: {syntax.stderr.strip()}")
    return problems


def url_problems(env: dict[str, str], services: dict[str, Any]) -> list[str]:
    problems = []
    for name, scheme in (("DATABASE_URL", "postgresql"), ("REDIS_URL", "redis")):
        url = env.get(name)
        if url is None:
            problems.append(f"containerEnv: {name} is not set")
            continue
        parts = urlsplit(url)
        if parts.scheme != scheme:
            problems.append(f"containerEnv: {name} must use the {scheme}:// scheme (libpq form), not {parts.scheme!r}")
        if parts.hostname not in services:
            problems.append(f"containerEnv: {name} points at {parts.hostname!r}, which is not a compose service")
    database = urlsplit(env.get("DATABASE_URL", "")).path.lstrip("/")
    db_env = services.get("db", {}).get("environment", {})
    if database and db_env.get("POSTGRES_DB") != database:
        problems.append(
            f"DATABASE_URL names database {database!r}, but the db service creates {db_env.get('POSTGRES_DB')!r}"
        )
    return problems


def extension_problems(ids: list[str], where: str) -> list[str]:
    problems = [f"{where}: {ext!r} is not a publisher.name extension id" for ext in ids if not EXTENSION_ID.match(ext)]
    problems += [f"{where}: {ext!r} is listed twice" for ext, n in Counter(ids).items() if n > 1]
    return problems


def compose_problems(compose_file: Path) -> list[str]:
    """The compose file through the Compose CLI and the compose-spec schema, then the services we rely on."""
    problems = []
    result = run(tool("docker-compose"), "-f", compose_file, "config", "-q")
    if result.returncode != 0:
        problems.append(f"docker-compose config: {result.stderr.strip()}")
    complaint = check_jsonschema("vendor.compose-spec", compose_file)
    problems += [complaint] if complaint else []
    if problems:
        return problems
    services = compose_services(compose_file)
    workspace = services.get("workspace", {})
    if "build" not in workspace:
        problems.append("the workspace service should be built from the Dockerfile")
    if workspace.get("command") != ["sleep", "infinity"]:
        problems.append("the workspace service should run 'sleep infinity' so the editor can attach")
    db = services.get("db", {})
    if not str(db.get("image", "")).startswith("postgres:"):
        problems.append("a PostgreSQL service named 'db' is missing")
    if not db.get("healthcheck", {}).get("test"):
        problems.append("the db service has no healthcheck")
    if not any(volume.get("type") == "volume" for volume in db.get("volumes", [])):
        problems.append("the db service keeps its data in no named volume")
    if "redis" not in services:
        problems.append("a Redis service named 'redis' is missing")
    return problems


def dockerfile_problems(dockerfile: Path) -> list[str]:
    problems = []
    result = run(tool("hadolint"), "--no-color", dockerfile)
    if result.returncode != 0:
        problems.append(f"hadolint: {result.stdout.strip()} {result.stderr.strip()}")
    if not PINNED_DEVCONTAINER_BASE.search(dockerfile.read_text(encoding="utf-8")):
        problems.append(
            "FROM must be mcr.microsoft.com/devcontainers/python:<image major or release>-3.<minor>-<debian>, pinned"
        )
    return problems


def workflow_problems(workflow: Path) -> list[str]:
    complaint = check_jsonschema("vendor.github-workflows", workflow)
    problems = [complaint] if complaint else []
    result = run(tool("actionlint"), "-no-color", "-shellcheck=", "-pyflakes=", workflow)
    if result.returncode != 0:
        problems.append(f"actionlint: {result.stdout.strip()} {result.stderr.strip()}")
    if problems:
        return problems
    text = workflow.read_text(encoding="utf-8")
    problems += [f"{workflow.name}: should run {step!r}" for step in ("bash .ci/run",) if step not in text]
    return problems


# --- the editor -------------------------------------------------------------


def variables(value: Any) -> Iterator[str]:
    """Every ${...} variable used anywhere in a JSON value."""
    if isinstance(value, str):
        yield from VARIABLE.findall(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from variables(item)
    elif isinstance(value, list):
        for item in value:
            yield from variables(item)


def variable_problems(document: Any, inputs: set[str], where: str) -> list[str]:
    problems = []
    for name in variables(document):
        kind, _, rest = name.partition(":")
        if kind == "input" and rest not in inputs:
            problems.append(f"{where}: ${{{name}}} has no entry in inputs")
        elif (name not in VSCODE_VARIABLES) if not rest else (kind not in PREFIXED_VARIABLES):
            problems.append(f"{where}: ${{{name}}} is not a VS Code variable")
    return problems


def tasks_problems(root: Path) -> list[str]:
    """tasks.json: reachable from .vscode, labels unique, dependencies resolve, every command exists."""
    problems = []
    link = root / VSCODE / "tasks.json"
    if not link.is_symlink() or link.readlink() != Path("..") / TASKS:
        problems.append(".vscode/tasks.json should be a relative symlink to ../tasks.json")
    document, read_problems = parse_problems(root / TASKS)
    if read_problems:
        return problems + read_problems
    tasks = document.get("tasks", [])
    # Ask the kata tool about every subcommand at once: each answer costs a process start.
    subcommands = {
        words[1] for task in tasks if len(words := shlex.split(task.get("command", ""))) > 1 and words[0] == "kata"
    }
    with ThreadPoolExecutor() as pool:
        list(pool.map(kata_lacks, subcommands))
    labels = Counter(task.get("label") for task in tasks)
    problems += [f"tasks.json: the label {label!r} is used {n} times" for label, n in labels.items() if n > 1]
    for task in tasks:
        depends = task.get("dependsOn", [])
        for dependency in [depends] if isinstance(depends, str) else depends:
            if dependency not in labels:
                problems.append(f"tasks.json: {task.get('label')!r} depends on unknown task {dependency!r}")
        problems += command_problems(root, task)
    problems += variable_problems(document, {i.get("id") for i in document.get("inputs", [])}, "tasks.json")
    return problems


def command_problems(root: Path, task: dict[str, Any]) -> list[str]:
    """The program a task starts exists; for `kata` and `make`, so does the subcommand or target."""
    label = task.get("label")
    if "command" not in task:
        return [] if task.get("dependsOn") else [f"tasks.json: {label!r} has no command"]
    program, *arguments = shlex.split(task["command"]) + [str(arg) for arg in task.get("args", [])]
    first = arguments[0] if arguments else None
    if program == "kata":
        why = kata_lacks(first) if first else None
    elif program == "make":
        result = run("make", "--dry-run", "--no-print-directory", "-C", root, *([first] if first else []))
        why = result.stderr.strip() if result.returncode != 0 else None
    elif program == "psql":
        dockerfile = (root / ".devcontainer/Dockerfile").read_text(encoding="utf-8")
        return (
            []
            if "postgresql-client" in dockerfile
            else [f"tasks.json: {label!r} runs psql, which the Dockerfile does not install"]
        )
    elif program in OTHER_PROGRAMS:
        return []
    else:
        return [f"tasks.json: {label!r} runs {program!r}, which nothing installs"]
    return [f"tasks.json: {label!r} runs '{program} {first}', which does not exist: {why}"] if why else []


def watch_task(root: Path) -> dict[str, Any]:
    document = load_jsonc(root / TASKS)
    for task in document.get("tasks", []):
        if task.get("label") == "Kata: watch":
            found: dict[str, Any] = task
            return found
    raise LookupError("tasks.json has no 'Kata: watch' task")


def matcher_patterns(task: dict[str, Any]) -> dict[str, str]:
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    if isinstance(pattern, list):  # a multi-line matcher: the failure line is its first pattern
        pattern = pattern[0]
    return {
        "begins": matcher["background"]["beginsPattern"],
        "ends": matcher["background"]["endsPattern"],
        "failure": pattern["regexp"],
    }


_JS_MATCH = """
const [patterns, lines] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const [name, source] of Object.entries(patterns)) {
  const re = new RegExp(source);
  out[name] = lines.map((line) => { const m = re.exec(line); return m ? Array.from(m) : null; });
}
process.stdout.write(JSON.stringify(out));
"""


def regex_matches(patterns: dict[str, str], lines: list[str]) -> dict[str, list[list[str | None] | None]]:
    """Match each pattern against each line as VS Code does: JavaScript regular expressions, via Node.js.

    Without Node.js, Python's `re` stands in (it agrees on the constructs the matcher uses).
    """
    node = shutil.which("node")
    if node:
        result = subprocess.run(
            [node, "-e", _JS_MATCH], input=json.dumps([patterns, lines]), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise ValueError(f"a problem-matcher pattern is not a valid JavaScript regular expression: {result.stderr}")
        matches: dict[str, list[list[str | None] | None]] = json.loads(result.stdout)
        return matches
    compiled = {name: re.compile(source) for name, source in patterns.items()}
    return {
        name: [[m.group(0), *m.groups()] if (m := regex.search(line)) else None for line in lines]
        for name, regex in compiled.items()
    }


SAMPLE_BEGIN = re.compile(r"^kata: checking (\S+)")
SAMPLE_END = re.compile(r"^kata: done (\S+) \((passed|failed)\)")
SAMPLE_FAILURE = re.compile(r"^(\S[^:]*\.py):(\d+): (.+)$")


def problem_matcher_problems(root: Path, sample: Path) -> list[str]:
    """The watch task's matcher against real `kata watch` output: every run opens and closes, every failure lands.

    VS Code matches the terminal's text, after colour codes are interpreted, so they are stripped here too.
    The sample was captured from `kata watch types_and_operators` in a pseudo-terminal (pexpect): the
    first run against the starter, then a save of the solved file (spinner frames before it dropped).
    """
    try:
        task = watch_task(root)
        patterns = matcher_patterns(task)
        groups = pattern_groups(task)
        lines = [ANSI.sub("", line) for line in sample.read_text(encoding="utf-8").splitlines()]
        matches = regex_matches(patterns, lines)
    except (LookupError, KeyError, TypeError, ValueError) as error:
        return [f"Kata: watch problem matcher: {error!r}"]
    problems = []
    names = ("beginsPattern", "endsPattern", "failure regexp")
    for number, line in enumerate(lines):
        got = [matches[name][number] for name in ("begins", "ends", "failure")]
        want = [bool(SAMPLE_BEGIN.match(line)), bool(SAMPLE_END.match(line)), bool(SAMPLE_FAILURE.match(line))]
        for name, match, expected in zip(names, got, want, strict=True):
            if bool(match) != expected:
                verb = "misses" if expected else "wrongly matches"
                problems.append(f"the {name} {verb} line {number + 1} of {sample.name}: {line!r}")
        failure = got[2]
        if failure is not None and want[2]:
            problems += location_problems(root, groups, failure, line)
    if not any(SAMPLE_FAILURE.match(line) for line in lines):
        problems.append(f"{sample.name} shows no failure line to match")
    watch_pattern = task["problemMatcher"]["pattern"]
    for other in load_jsonc(root / TASKS).get("tasks", []):
        matcher = other.get("problemMatcher")
        reads_kata = isinstance(matcher, dict) and matcher.get("owner") == "kata"
        if reads_kata and matcher.get("pattern") != watch_pattern:
            problems.append(
                f"{other.get('label')!r} reads kata's failure lines with another pattern than the watcher's"
            )
    return problems


def pattern_groups(task: dict[str, Any]) -> dict[str, int]:
    pattern = task["problemMatcher"]["pattern"]
    pattern = pattern[0] if isinstance(pattern, list) else pattern
    return {key: int(pattern[key]) for key in ("file", "line", "message")}


def location_problems(root: Path, groups: dict[str, int], match: list[str | None], line: str) -> list[str]:
    """The file, line and message the matcher takes from a failure line point at a real place."""
    try:
        file, line_number, message = (match[groups[key]] for key in ("file", "line", "message"))
    except IndexError:
        return [f"the failure pattern's file/line/message groups do not exist in its regexp ({line!r})"]
    if not (line_number or "").isdigit() or not message:
        return [f"the failure pattern takes no line number or message from {line!r}"]
    if not file or not (root / file).is_file():
        return [f"the failure pattern takes {file!r} as the file of {line!r}, which does not exist"]
    return []


def launch_problems(root: Path) -> list[str]:
    document, problems = parse_problems(root / VSCODE / "launch.json")
    if problems:
        return problems
    configurations = document.get("configurations", [])
    names = Counter(config.get("name") for config in configurations)
    problems += [f"launch.json: the name {name!r} is used {n} times" for name, n in names.items() if n > 1]
    for config in configurations:
        if config.get("type") != "debugpy":
            problems.append(f"launch.json: {config.get('name')!r} should use the debugpy debugger")
        module = config.get("module")
        if module and importlib.util.find_spec(module) is None:
            problems.append(f"launch.json: {config.get('name')!r} runs module {module!r}, which is not installed")
    modules = {config.get("module") for config in configurations}
    problems += [
        f"launch.json: no configuration debugs {m}" for m in ("pytest", "flask", "uvicorn") if m not in modules
    ]
    inputs = {item.get("id") for item in document.get("inputs", [])}
    problems += variable_problems(document, inputs, "launch.json")
    return problems


def settings_problems(root: Path) -> list[str]:
    settings, problems = parse_problems(root / VSCODE / "settings.json")
    if problems:
        return problems
    expected = {
        "python.defaultInterpreterPath": "${workspaceFolder}/.venv/bin/python",
        "python.testing.pytestEnabled": True,
    }
    problems += [
        f"settings.json: {key} should be {value!r}" for key, value in expected.items() if settings.get(key) != value
    ]
    if settings.get("[python]", {}).get("editor.defaultFormatter") != "charliermarsh.ruff":
        problems.append("settings.json: ruff (charliermarsh.ruff) should format Python")
    sync = run(sys.executable, root / "tools/sync_editor_paths.py", "--check", "--root", root)
    if sync.returncode != 0:
        problems.append(f"settings.json: {sync.stderr.strip() or sync.stdout.strip()}")
    for path in settings.get("python.analysis.extraPaths", []):
        if not (root / path).is_dir():
            problems.append(f"settings.json: python.analysis.extraPaths names {path}, which does not exist")
    recommended = load_jsonc(root / VSCODE / "extensions.json").get("recommendations", [])
    problems += extension_problems(recommended, ".vscode/extensions.json")
    for needed in ("ms-python.python", "ms-python.vscode-pylance", "charliermarsh.ruff", "ms-python.mypy-type-checker"):
        if needed not in recommended:
            problems.append(f".vscode/extensions.json: {needed} should be recommended")
    return problems


# --- copies to break ----------------------------------------------------------

NEVER_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".tools", ".kata", "__pycache__", "*_cache", ".hypothesis", "mutants"
)


def copy_workspace(root: Path, destination: Path) -> Path:
    """The workspace's own files (what git would commit), without virtual environments or caches."""
    listing = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=root)
    if listing.returncode != 0:  # not a git clone (a planted copy): copy the tree instead
        shutil.copytree(root, destination, symlinks=True, ignore=NEVER_COPIED)
        return destination
    for name in filter(None, listing.stdout.split("\0")):
        source, target = root / name, destination / name
        if not source.is_symlink() and not source.exists():  # deleted in the work tree, not yet committed
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(source.readlink())
        else:
            shutil.copy2(source, target)
    return destination


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise AssertionError(f"the breakage no longer applies: {old!r} is not in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(relative: Path, old: str, new: str) -> Callable[[Path], None]:
    """A breakage: replace `old` by `new` in one file of a copy."""
    return lambda copy: replace(copy / relative, old, new)


def complaints_about(pristine: Path, destination: Path, breakage: Callable[[Path], None], check: Check) -> list[str]:
    """What `check` says about a fresh copy of `pristine` broken by `breakage`."""
    shutil.copytree(pristine, destination, symlinks=True)
    breakage(destination)
    return check(destination)
