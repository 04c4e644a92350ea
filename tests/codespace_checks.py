"""Checks that a Codespace opens ready: current pins, every service a test needs, prebuild-friendly commands.

Each check takes the workspace root and returns a list of problems, empty when all is well; tests/test_codespace.py
runs each on this repository and on a copy broken on purpose.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from packaging.specifiers import SpecifierSet
from ruamel.yaml import YAML

from tests.editor_checks import DEVCONTAINER, WORKFLOW, check_jsonschema, compose_services, load_jsonc

COMPOSE = Path(".devcontainer/docker-compose.yml")
DOCKERFILE = Path(".devcontainer/Dockerfile")
CI_SCRIPT = Path(".ci/run")
DEPENDABOT = Path(".github/dependabot.yml")

DOCKER_FEATURE = "ghcr.io/devcontainers/features/docker-in-docker"
# The newest majors published, each read at the newest commit of its source (raise them when a new one ships;
# .github/dependabot.yml proposes it):
# - docker-in-docker: "version": "4.0.0" in src/docker-in-docker/devcontainer-feature.json of
#   github.com/devcontainers/features at 765e8ebd (2026-07-14). 3.0.0 fixed dockerd failing to start on
#   Codespaces hosts; :2 is frozen at 2.17.0.
# - the Python image: "version": "3.1.5" in src/python/manifest.json of github.com/devcontainers/images at
#   bed3eb26 (release v0.4.29, 2026-07-01); src/python/history/3.0.6.md lists 3.0.6-3.11-bookworm with its digest.
DOCKER_FEATURE_MAJOR = 4
PYTHON_IMAGE_MAJOR = 3
PYTHON_IMAGE = re.compile(
    r"^mcr\.microsoft\.com/devcontainers/python:(?P<major>\d+)(\.\d+\.\d+)?-(?P<python>3\.\d+)-(?P<debian>[a-z]+)"
)
# The one Docker extension: the one the docker-in-docker feature adds (its devcontainer-feature.json).
DOCKER_EXTENSION = "ms-azuretools.vscode-containers"
OLD_DOCKER_EXTENSIONS = {"ms-azuretools.vscode-docker"}
# Where the browser tests look for Chromium: Debian's `chromium` package installs it there (`dpkg -L chromium`).
BROWSER = "/usr/bin/chromium"
BROWSER_PACKAGE = "chromium"
BROWSER_PATH = re.compile(r"/[\w/.-]*/(chromium|chromium-browser|chrome|google-chrome)")
# Variables the tests read that tune the self-check rather than name a service; every other *_URL or KATA_*
# variable a test reads must be provided by the dev container and by CI.
KNOBS = {
    "KATA_ROOT": "the self-check's planted copies (tests/conftest.py)",
    "KATA_COLD_RUNS": "a fresh process per exercise run instead of the warm server (tests/exercise_runs.py)",
    "KATA_HYPOTHESIS_SEED": "hypothesis's seed in the self-check: fixed unless `make hunt` draws new ones",
}
SCHEMES = {"DATABASE_URL": "postgresql", "REDIS_URL": "redis", "NATS_URL": "nats", "AMQP_URL": "amqp"}
ECOSYSTEMS = {"devcontainers": "/", "github-actions": "/", "uv": "/"}
TEST_FOLDERS = ("katas", "projects", "tests")


def devcontainer(root: Path) -> dict[str, Any]:
    config: dict[str, Any] = load_jsonc(root / DEVCONTAINER)
    return config


def workflow(root: Path) -> dict[str, Any]:
    document: dict[str, Any] = YAML(typ="safe").load(root / WORKFLOW)
    return document


# --- the Dockerfile, read as Docker does -------------------------------------


def instructions(dockerfile: Path) -> Iterator[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    logical = ""
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        if not logical and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            logical += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (logical + line).strip().partition(" ")
        logical = ""
        yield keyword.upper(), arguments.strip()


def base_image(dockerfile: Path) -> str:
    return next((arguments.split()[0] for keyword, arguments in instructions(dockerfile) if keyword == "FROM"), "")


def apt_packages(dockerfile: Path) -> set[str]:
    """Every package an `apt-get install` in a RUN instruction names (shell words, operators split off)."""
    packages: set[str] = set()
    for keyword, arguments in instructions(dockerfile):
        if keyword != "RUN":
            continue
        lexer = shlex.shlex(arguments, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
        for start, word in enumerate(words):
            if word == "install" and start and words[start - 1] == "apt-get":
                for argument in words[start + 1 :]:
                    if argument.startswith("-"):
                        continue
                    if not re.fullmatch(r"[a-z0-9][a-z0-9.+-]*", argument):  # an operator or keyword ends the list
                        break
                    packages.add(argument)
    return packages - {"then", "else", "fi"}


# --- what the tests read ------------------------------------------------------


def files_of_the_tests(root: Path) -> Iterator[Path]:
    """The Python files that make up the tests: test modules, conftest.py, and the modules of tests/ folders."""
    for folder in TEST_FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            relative = path.relative_to(root)
            if path.name.startswith("test_") or path.name == "conftest.py" or "tests" in relative.parts[:-1]:
                yield path


def environment_reads(source: str) -> set[str]:
    """The names read with os.environ[...], os.environ.get(...), os.getenv(...) or environ.get(...)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        key: ast.expr | None = None
        if isinstance(node, ast.Subscript) and _is_environ(node.value):
            key = node.slice
        elif isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute):
            getter = node.func
            if (getter.attr == "get" and _is_environ(getter.value)) or (
                getter.attr == "getenv" and isinstance(getter.value, ast.Name) and getter.value.id == "os"
            ):
                key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
    return names


def _is_environ(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def service_variables(root: Path) -> dict[str, Path]:
    """Every *_URL or KATA_* variable a test reads (knobs aside), with the first file that reads it."""
    found: dict[str, Path] = {}
    for path in files_of_the_tests(root):
        for name in environment_reads(path.read_text(encoding="utf-8")):
            if (name.endswith("_URL") or name.startswith("KATA_")) and name not in KNOBS:
                found.setdefault(name, path.relative_to(root))
    return found


def ci_script_exports(root: Path) -> dict[str, str]:
    """`export NAME=value` lines of .ci/run, as bash reads them (the value's default if it is ${NAME:-default})."""
    exports = {}
    for words in shell_lines(root / CI_SCRIPT):
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, _, value = words[1].partition("=")
            default = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
            exports[name] = default.group(1) if default else value
    return exports


def job_env(root: Path) -> dict[str, str]:
    """The environment of the CI job that runs .ci/run."""
    for job in workflow(root).get("jobs", {}).values():
        if any("bash .ci/run" in str(step.get("run", "")) for step in job.get("steps", [])):
            return {**workflow(root).get("env", {}), **job.get("env", {})}
    return {}


# --- the checks ---------------------------------------------------------------


def feature_problems(root: Path) -> list[str]:
    """docker-in-docker at the current major, and KATA_DOCKER=1 exactly where it is."""
    config = devcontainer(root)
    tags = [key.rpartition(":")[2] for key in config.get("features", {}) if key.startswith(DOCKER_FEATURE + ":")]
    problems = []
    if not tags:
        problems.append(f"features: the docker-in-docker feature ({DOCKER_FEATURE}:{DOCKER_FEATURE_MAJOR}) is missing")
    for tag in tags:
        major = tag.split(".")[0]
        if not major.isdigit():
            problems.append(f"features: pin docker-in-docker to its major (:{DOCKER_FEATURE_MAJOR}), not :{tag}")
        elif int(major) < DOCKER_FEATURE_MAJOR:
            problems.append(
                f"features: docker-in-docker:{tag} is a frozen major; the current one is {DOCKER_FEATURE_MAJOR}"
            )
    docker_asked = config.get("containerEnv", {}).get("KATA_DOCKER") == "1"
    if tags and not docker_asked:
        problems.append("containerEnv: KATA_DOCKER should be '1' where the docker feature runs (project 9's image)")
    if docker_asked and not tags:
        problems.append("containerEnv: KATA_DOCKER=1 without the docker-in-docker feature: the image test would skip")
    return problems


def base_image_problems(root: Path) -> list[str]:
    image = base_image(root / DOCKERFILE)
    match = PYTHON_IMAGE.match(image)
    if not match:
        return [f"Dockerfile: FROM {image!r} names no image major (python:<major>-3.<minor>-<debian>)"]
    if int(match["major"]) < PYTHON_IMAGE_MAJOR:
        return [f"Dockerfile: FROM {image!r} is on a frozen image major; the current one is {PYTHON_IMAGE_MAJOR}"]
    return []


def ci_images(root: Path) -> dict[str, list[str]]:
    """The images CI runs, service containers and `docker run` steps, each with its arguments."""
    images: dict[str, list[str]] = {}
    for job in workflow(root).get("jobs", {}).values():
        for service in job.get("services", {}).values():
            images[service.get("image", "")] = []
        for step in job.get("steps", []):
            for words in shell_lines(str(step.get("run", ""))):
                if words[:2] == ["docker", "run"]:
                    image, arguments = _docker_run_image(words[2:])
                    images[image] = arguments
    return images


def _docker_run_image(words: list[str]) -> tuple[str, list[str]]:
    """The image of `docker run [options] IMAGE [arguments]` and its arguments."""
    takes_value = {"--name", "--publish", "-p", "--env", "-e", "--network", "--volume", "-v"}
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in takes_value else 1
    return (words[index], words[index + 1 :]) if index < len(words) else ("", [])


def version_problems(root: Path) -> list[str]:
    """The Dockerfile, the compose file and CI agree: Python, PostgreSQL's major and psql's, every service image."""
    problems = []
    match = PYTHON_IMAGE.match(base_image(root / DOCKERFILE))
    container_python = match["python"] if match else "?"
    ci_pythons = {
        str(step.get("with", {}).get("python-version"))
        for job in workflow(root).get("jobs", {}).values()
        for step in job.get("steps", [])
        if str(step.get("uses", "")).startswith("actions/setup-python@")
    }
    if ci_pythons != {container_python}:
        problems.append(f"Python: the dev container has {container_python}, CI sets up {sorted(ci_pythons)}")
    lowest = next((spec.version for spec in SpecifierSet(_requires_python(root)) if spec.operator == ">="), "?")
    if container_python != lowest:
        problems.append(
            f"Python: the dev container has {container_python}, the oldest the project supports is {lowest}"
        )

    services = compose_services(root / COMPOSE)
    images = ci_images(root)
    for name, service in services.items():
        image = service.get("image")
        if image and image not in images:
            problems.append(f"the dev container's {name} runs {image}, which CI does not run")
    postgres_major = str(services.get("db", {}).get("image", "")).partition(":")[2].split(".")[0]
    clients = {p.rpartition("-")[2] for p in apt_packages(root / DOCKERFILE) if p.startswith("postgresql-client-")}
    if clients != {postgres_major}:
        problems.append(
            f"psql: the Dockerfile installs postgresql-client-{sorted(clients)}, the db runs {postgres_major}"
        )
    nats = services.get("nats", {})
    if "-js" not in nats.get("command", []):
        problems.append("the dev container's nats runs without JetStream (-js)")
    if "-js" not in images.get(str(nats.get("image")), []):
        problems.append("CI's NATS runs without JetStream (-js)")
    return problems


def _requires_python(root: Path) -> str:
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["requires-python"])


def service_variable_problems(root: Path) -> list[str]:
    """Every service variable a test reads is set by the dev container (to a running service) and by CI."""
    config = devcontainer(root)
    container_env = config.get("containerEnv", {})
    running = set(config.get("runServices", []))
    services = compose_services(root / COMPOSE)
    exports, ci_env = ci_script_exports(root), job_env(root)
    problems = []
    for name, reader in sorted(service_variables(root).items()):
        for where, env in (("containerEnv", container_env), (str(CI_SCRIPT), exports), (str(WORKFLOW), ci_env)):
            if name not in env:
                problems.append(f"{where}: {name} is not set, but {reader} reads it")
        if not name.endswith("_URL") or name not in container_env:
            continue
        url = urlsplit(container_env[name])
        if url.hostname not in services or url.hostname not in running:
            problems.append(f"containerEnv: {name} points at {url.hostname!r}, not a service in runServices")
        schemes = {urlsplit(env.get(name, "")).scheme for env in (container_env, exports, ci_env)}
        if schemes != {SCHEMES.get(name, url.scheme)}:
            problems.append(f"{name}: the dev container and CI disagree on its scheme ({sorted(schemes)})")
    return problems


def browser_problems(root: Path) -> list[str]:
    """The browser the tests drive is where the Dockerfile's package and the CI workflow put it."""
    paths = set()
    for path in files_of_the_tests(root):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and BROWSER_PATH.fullmatch(node.value):
                paths.add(node.value)
    problems = [
        f"the tests look for a browser at {p}; the dev container and CI provide {BROWSER}" for p in paths - {BROWSER}
    ]
    if BROWSER_PACKAGE not in apt_packages(root / DOCKERFILE):
        problems.append(f"Dockerfile: no apt-get install of {BROWSER_PACKAGE} (the browser tests need {BROWSER})")
    if not any(_runs_headless(step.get("run", "")) for job in workflow(root)["jobs"].values() for step in job["steps"]):
        problems.append(f"{WORKFLOW}: no step runs {BROWSER} headless before the tests (the runner's may be a shim)")
    return problems


def shell_lines(script: Path | str) -> Iterator[list[str]]:
    """The words of each line of a shell script (a line with a quote that spans lines is left out)."""
    text = script.read_text(encoding="utf-8") if isinstance(script, Path) else script
    for line in text.splitlines():
        try:
            yield shlex.split(line, comments=True)
        except ValueError:
            continue


def _has(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words)))


def _runs_headless(script: Any) -> bool:
    return any(words[:1] == [BROWSER] and "--headless" in words for words in shell_lines(str(script)))


def prebuild_problems(root: Path) -> list[str]:
    """What a prebuild captures (the install), per-user steps after it, and the container's everyday settings."""
    config = devcontainer(root)
    problems = []
    install = [config.get(key) for key in ("onCreateCommand", "updateContentCommand")]
    if "make install" not in install:
        problems.append("updateContentCommand (or onCreateCommand) should run 'make install', so prebuilds capture it")
    script = next((w for w in shlex.split(str(config.get("postCreateCommand", ""))) if w.endswith(".sh")), None)
    trusts = ["git", "config", "--global", "--add", "safe.directory"]
    if script is None or not any(_has(words, trusts) for words in shell_lines(root / script)):
        problems.append("postCreateCommand should add the workspace to git's safe.directory (kata reset runs git)")
    if not config.get("remoteUser"):
        problems.append("remoteUser is not set (it would come only from the image's label)")
    if config.get("otherPortsAttributes", {}).get("onAutoForward") != "ignore":
        problems.append("otherPortsAttributes.onAutoForward should be 'ignore': the tests open random ports")
    if config.get("containerEnv", {}).get("UV_LINK_MODE") != "copy":
        problems.append("containerEnv: UV_LINK_MODE should be 'copy' (uv's cache and .venv/ are on two filesystems)")
    extensions = config.get("customizations", {}).get("vscode", {}).get("extensions", [])
    old = sorted(OLD_DOCKER_EXTENSIONS & set(extensions))
    if old:
        problems.append(
            f"extensions: {old} beside {DOCKER_EXTENSION}, which the docker feature adds: one Docker extension"
        )
    return problems


def dependabot_problems(root: Path) -> list[str]:
    path = root / DEPENDABOT
    if not path.is_file():
        return [f"{DEPENDABOT} is missing"]
    complaint = check_jsonschema("vendor.dependabot", path)
    if complaint:
        return [complaint]
    updates = YAML(typ="safe").load(path).get("updates", [])
    watched = {(update.get("package-ecosystem"), update.get("directory")) for update in updates}
    problems = [f"{DEPENDABOT}: no {e} updates for {d}" for e, d in ECOSYSTEMS.items() if (e, d) not in watched]
    problems += [f"{DEPENDABOT}: {d} does not exist" for _, d in watched if not (root / d.lstrip("/")).is_dir()]
    return problems
