"""Checks for the parcel-rates package: the wheel is BUILT, installed into a FRESH virtual environment, and run.

Everything works offline: `python -m build --wheel --no-isolation` uses the hatchling of this workspace, the fresh
environment gets your wheel with `pip install --no-index --no-deps`, and the dependencies your wheel declares (and
only those) are copied in from this workspace's environment, as pip would have installed them.

Mistakes these tests catch: a flat layout whose command works only inside the project folder (the fresh
environment runs it from an empty folder), a data file left out of the wheel, tests or `src/` shipped inside it,
an entry point naming the wrong function, a dependency not declared (or pinned with ==), no requires-python, a
version written twice (the tests bump it where you single-sourced it and build again), and a lock that is not a
pylock.toml, misses a dependency, or pins without hashes.
"""

import email
import email.message
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

COMMAND = "parcel-rates"
PACKAGE = "parcel_rates"
NOT_SHIPPED = shutil.ignore_patterns(
    "__pycache__", "dist", "build", "*.egg-info", ".venv", "venv", "test_*.py", ".pytest_cache", ".hypothesis"
)
_built: dict[tuple[Path, str], Path] = {}
_installed: dict[Path, Path] = {}
_pip: list[Path] = []


# --- building and installing, offline -----------------------------------------------------------------------------


def build_wheel(project: Path, work: Path) -> Path:
    """Copy the project (without tests and build leftovers) into `work` and build its wheel there."""
    source = work / "project"
    shutil.copytree(project, source, ignore=NOT_SHIPPED)
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"the wheel does not build (python -m build --wheel):\n{done.stdout}{done.stderr}"
    wheels = sorted((work / "dist").glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {wheels}"
    return wheels[0]


def pip_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python that has pip: the workspace's `.tools` one when there is one, else a virtual environment made once."""
    if not _pip:
        tools = next(
            (p / ".tools/bin/python" for p in Path(__file__).resolve().parents if (p / ".tools").is_dir()), None
        )
        if (
            tools is None
            or subprocess.run([tools, "-m", "pip", "--version"], capture_output=True, check=False).returncode
        ):
            home = tmp_path_factory.mktemp("pip")
            venv.create(home, with_pip=True)
            tools = home / "bin" / "python"
        _pip.append(tools)
    return _pip[0]


def wheel_metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_string(archive.read(name).decode("utf-8"))


def declared_requirements(meta: email.message.Message) -> list[Requirement]:
    """The wheel's Requires-Dist that apply here (no extras)."""
    found = [Requirement(line) for line in meta.get_all("Requires-Dist") or []]
    return [r for r in found if r.marker is None or r.marker.evaluate({"extra": ""})]


def copy_dependencies(meta: email.message.Message, target: Path) -> None:
    """Copy each declared dependency (and theirs) from this workspace's environment into `target`, as pip would."""
    todo, seen = [r.name for r in declared_requirements(meta)], set()
    while todo:
        name = todo.pop()
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"your wheel depends on {name!r}, which this workspace has not installed: it needs only click")
        for file in dist.files or []:
            if ".." not in file.parts and not str(file).endswith(".pyc"):
                (target / file).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(Path(str(dist.locate_file(file))), target / file)
        todo += [
            Requirement(r).name for r in dist.requires or [] if (m := Requirement(r).marker) is None or m.evaluate()
        ]


def install_fresh(wheel: Path, work: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding only the wheel and its declared dependencies; returns its bin folder."""
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    done = subprocess.run(
        [pip_python(tmp_path_factory), "-m", "pip", "--python", python, "install", "--no-index", "--no-deps", wheel],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"pip cannot install your wheel:\n{done.stdout}{done.stderr}"
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=work).stdout.strip()
    copy_dependencies(wheel_metadata(wheel), work / "deps")
    Path(site, "declared_dependencies.pth").write_text(f"{work / 'deps'}\n", encoding="utf-8")
    return env_dir / "bin"


def run(command: list[Any], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False
    )


@pytest.fixture
def project(kata_file: Callable[[str], Path]) -> Path:
    """Your project folder (the reference one under --solutions)."""
    return kata_file("pyproject.toml").parent


@pytest.fixture
def wheel(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Your project's wheel, built once per test run."""
    key = (project, "as written")
    if key not in _built:
        _built[key] = build_wheel(project, tmp_path_factory.mktemp("build"))
    return _built[key]


@pytest.fixture
def meta(wheel: Path) -> email.message.Message:
    """The METADATA file inside your wheel: what pip and PyPI read."""
    return wheel_metadata(wheel)


@pytest.fixture
def fresh_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtual environment with your wheel installed (made once per test run)."""
    if wheel not in _installed:
        _installed[wheel] = install_fresh(wheel, wheel.parent.parent, tmp_path_factory)
    return _installed[wheel]


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """An empty folder to run the command from, far from your project."""
    return tmp_path


def parcel_rates(fresh_bin: Path, elsewhere: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = fresh_bin / COMMAND
    assert command.exists(), f"installing your wheel made no `{COMMAND}` command: declare it in [project.scripts]"
    return run([command, *args], cwd=elsewhere)


# --- 1. metadata --------------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(120)
def test_metadata_names_and_describes_the_project(meta: email.message.Message) -> None:
    assert meta["Name"] == "parcel-rates", f"the project's name should be 'parcel-rates', got {meta['Name']!r}"
    assert (meta["Summary"] or "").strip(), "give the project a one-line `description`: it becomes the Summary"


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(120)
def test_requires_python_refuses_pythons_older_than_3_11(meta: email.message.Message) -> None:
    spec = meta["Requires-Python"]
    assert spec, "declare `requires-python`: without it pip installs the package on a Python it cannot run on"
    allowed = SpecifierSet(spec)
    assert "3.10" not in allowed, f"requires-python {spec!r} lets Python 3.10 install it (the code needs 3.11)"
    assert "3.11" in allowed, f"requires-python {spec!r} refuses Python 3.11"
    assert "3.14" in allowed, f"requires-python {spec!r} refuses Python 3.14: no upper cap on Python"


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(120)
def test_dependencies_declare_click_with_a_lower_bound(meta: email.message.Message) -> None:
    requirements = {r.name.lower(): r for r in declared_requirements(meta)}
    assert "click" in requirements, f"declare click in `dependencies`: the code imports it; got {sorted(requirements)}"
    spec = requirements["click"].specifier
    assert not any(s.operator in ("==", "===") for s in spec), (
        f"click{spec} pins one version: a package states the range it works with; exact pins belong in the lock"
    )
    assert "8.0.4" not in spec, f"click{spec} accepts click 8.0, older than the 8.1 the README asks for"
    assert metadata.version("click") in spec, f"click{spec} refuses the click installed here"


# --- 2. src layout and package data -------------------------------------------------------------------------------


@pytest.mark.task(taskno=2)
def test_project_uses_the_src_layout(project: Path) -> None:
    assert (project / "src" / PACKAGE / "__init__.py").is_file(), "make the package src/parcel_rates/__init__.py"
    leftovers = [
        p.name for p in (project / "price_parcel.py", project / "parcel_rates.py", project / PACKAGE) if p.exists()
    ]
    assert not leftovers, (
        f"remove {leftovers} from the project's top: the code lives in src/parcel_rates/ only (git mv it there)"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(120)
def test_wheel_holds_the_package_and_its_rate_card(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("__init__.py", "cli.py", "rates.json"):
        assert f"{PACKAGE}/{needed}" in names, f"the wheel has no {PACKAGE}/{needed}; it holds {names}"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(120)
def test_wheel_holds_nothing_but_the_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    stray = [n for n in names if not n.startswith((f"{PACKAGE}/", "parcel_rates-"))]
    assert not stray, f"the wheel installs files outside the package (tests, src/, the old script?): {stray}"


# --- 3. the entry point, in a fresh environment --------------------------------------------------------------------


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(120)
def test_command_prices_a_parcel_when_installed(fresh_bin: Path, elsewhere: Path) -> None:
    done = parcel_rates(fresh_bin, elsewhere, "2.5", "--zone", "eu")
    assert (done.returncode, done.stdout) == (0, "2.5 kg to eu: 9.40 EUR\n"), (
        f"`parcel-rates 2.5 --zone eu`, installed in a fresh environment and run from an empty folder, "
        f"exited {done.returncode}:\n{done.stdout}{done.stderr}"
    )
    done = parcel_rates(fresh_bin, elsewhere, "1")
    assert (done.returncode, done.stdout) == (0, "1.0 kg to domestic: 5.70 EUR\n"), done.stderr


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(120)
def test_command_refuses_bad_input_with_exit_code_2(fresh_bin: Path, elsewhere: Path) -> None:
    done = parcel_rates(fresh_bin, elsewhere, "2", "--zone", "mars")
    assert done.returncode == 2, f"an unknown zone should exit 2 (click's usage error):\n{done.stdout}{done.stderr}"
    assert "'mars' is not one of" in done.stderr, done.stderr
    done = parcel_rates(fresh_bin, elsewhere, "0")
    assert done.returncode == 2, f"a weight of 0 should exit 2:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=3)
@pytest.mark.timeout(120)
def test_installed_code_comes_from_site_packages(fresh_bin: Path, project: Path) -> None:
    done = run([fresh_bin / "python", "-c", "import parcel_rates; print(parcel_rates.__file__)"], cwd=project)
    assert done.returncode == 0, done.stderr
    assert "site-packages" in done.stdout, (
        f"run from the project folder, `import parcel_rates` finds {done.stdout.strip()}, not the installed "
        "package: with a flat layout your tests would check the folder, not what users install"
    )


# --- 4. one version, written once -----------------------------------------------------------------------------------


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(120)
def test_version_is_1_2_0_everywhere(meta: email.message.Message, fresh_bin: Path, elsewhere: Path) -> None:
    assert meta["Version"] == "1.2.0", f"the release is 1.2.0; the wheel says {meta['Version']!r}"
    done = parcel_rates(fresh_bin, elsewhere, "--version")
    assert done.returncode == 0, done.stderr
    assert re.search(r"\b1\.2\.0\b", done.stdout), f"`parcel-rates --version` prints {done.stdout!r}, not 1.2.0"
    code = "from importlib.metadata import version; print(version('parcel-rates'))"
    assert run([fresh_bin / "python", "-c", code], cwd=elsewhere).stdout.strip() == "1.2.0"


def bump(project: Path, new: str) -> None:
    """Change the version in the one place it is written: [project] version, or the file hatch reads it from."""
    pyproject = project / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    if "version" in config["project"]:
        target, pattern = pyproject, r'(?m)^(version\s*=\s*)["\'][^"\']*["\']'
    else:
        source = config.get("tool", {}).get("hatch", {}).get("version", {}).get("path")
        assert source, "the version is neither in [project] nor read by [tool.hatch.version] from a file"
        target, pattern = project / source, r'(?m)^(__version__\s*=\s*)["\'][^"\']*["\']'
    text, count = re.subn(pattern, rf'\g<1>"{new}"', target.read_text(encoding="utf-8"))
    assert count == 1, f"expected the version written once in {target.name}, found it {count} times"
    target.write_text(text, encoding="utf-8")


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(120)
def test_bumping_the_version_in_one_place_changes_it_everywhere(
    project: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, elsewhere: Path
) -> None:
    copy = tmp_path / "bumped"
    shutil.copytree(project, copy, ignore=NOT_SHIPPED)
    bump(copy, "1.3.0")
    wheel = build_wheel(copy, tmp_path / "work")
    assert wheel_metadata(wheel)["Version"] == "1.3.0", "after the bump, the wheel should be version 1.3.0"
    done = parcel_rates(install_fresh(wheel, wheel.parent.parent, tmp_path_factory), elsewhere, "--version")
    assert "1.3.0" in done.stdout, (
        f"the version was bumped to 1.3.0 where it is single-sourced, yet `parcel-rates --version` prints "
        f"{done.stdout.strip()!r}{done.stderr}: the command must read the version, not repeat it"
    )


# --- 5. the lock ------------------------------------------------------------------------------------------------------


def read_lock(project: Path) -> dict[str, Any]:
    """Your pylock.toml, parsed."""
    path = project / "pylock.toml"
    assert path.is_file(), "write the lock to pylock.toml beside pyproject.toml (see task 5)"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        pytest.fail(f"pylock.toml is not valid TOML: {error}")


@pytest.mark.task(taskno=5)
def test_lock_is_a_pylock_file(project: Path) -> None:
    lock = read_lock(project)
    assert str(lock.get("lock-version", "")).startswith("1."), "a pylock.toml starts with lock-version = '1.0'"
    assert lock.get("created-by"), "a pylock.toml names the tool that wrote it in `created-by`"
    assert isinstance(lock.get("packages"), list), "a pylock.toml lists its [[packages]]"


@pytest.mark.task(taskno=5)
@pytest.mark.timeout(120)
def test_lock_pins_every_declared_dependency(project: Path, meta: email.message.Message) -> None:
    lock = read_lock(project)
    locked = {str(p.get("name", "")).lower(): p for p in lock.get("packages", [])}
    for requirement in declared_requirements(meta):
        package = locked.get(requirement.name.lower())
        assert package, f"the lock has no {requirement.name}: lock again after changing `dependencies`"
        version = str(package.get("version", ""))
        assert version, f"the lock names {requirement.name} without a version"
        assert Version(version) in requirement.specifier, (
            f"the lock pins {requirement.name} {version}, outside {requirement}: it is out of date, lock again"
        )


@pytest.mark.task(taskno=5)
def test_lock_records_a_hash_for_every_download(project: Path) -> None:
    lock = read_lock(project)
    downloaded = [p for p in lock.get("packages", []) if "directory" not in p]
    assert downloaded, "the lock holds no downloaded package: where is click?"
    for package in downloaded:
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files, f"the lock says nothing about where {package.get('name')} comes from (wheels or sdist)"
        unhashed = [f.get("url") or f.get("name") for f in files if not f.get("hashes", {}).get("sha256")]
        assert not unhashed, (
            f"{package.get('name')}: no sha256 for {unhashed}; a lock pins the bytes, not just the version"
        )
