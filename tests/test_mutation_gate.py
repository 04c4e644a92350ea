"""The mutation gate judges scores itself: weakened tests must fail it, the model kata's tests must pass it."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from kata.workspace import discover
from tests.workspace_copies import MODEL, SLUG, make_workspace

pytestmark = pytest.mark.timeout(600)  # each test runs mutmut on a copy of the model kata
GATE = Path(__file__).parents[1] / "tools" / "mutation_gate.py"


def gate_module() -> ModuleType:
    """tools/mutation_gate.py, imported as a module."""
    sys.path.insert(0, str(GATE.parent))
    try:
        return importlib.import_module("mutation_gate")
    finally:
        sys.path.remove(str(GATE.parent))


def gate(workspace: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(GATE), "--root", str(workspace), SLUG]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_model_kata_passes_the_gate(root: Path, tmp_path: Path) -> None:
    result = gate(make_workspace(root, tmp_path))
    assert result.returncode == 0, f"the model kata must pass the gate:\n{result.stdout}{result.stderr}"
    assert "100.0%" in result.stdout, f"the model kata's tests kill every mutant:\n{result.stdout}"


def test_deleting_an_assertion_fails_the_gate(root: Path, tmp_path: Path) -> None:
    workspace = make_workspace(root, tmp_path)
    tests = workspace / MODEL / f"test_{SLUG}.py"
    weakened = tests.read_text().replace(
        'assert format_size(num_bytes) == expected, f"format_size({num_bytes}) should be {expected!r}"',
        "format_size(num_bytes)",
    )
    assert weakened != tests.read_text(), "the assertion to delete was not found"
    tests.write_text(weakened)
    result = gate(workspace)
    assert result.returncode == 1, f"weakened tests must fail the gate:\n{result.stdout}{result.stderr}"
    assert "under the bar" in result.stdout


def test_every_domain_file_exists_in_its_project(root: Path) -> None:
    mutation_gate = gate_module()
    projects = {path.name.split("_", 1)[1]: path for path in (root / "solutions" / "projects").iterdir()}
    for slug, files in mutation_gate.DOMAIN.items():
        assert slug in projects, f"DOMAIN names {slug!r}, which is no project"
        present = {path.name for path in projects[slug].rglob("*.py")}
        missing = sorted(set(files) - present)
        assert not missing, f"DOMAIN lists files {slug}'s solution does not have: {missing}"


def test_a_module_the_starter_gives_unchanged_is_not_mutated(root: Path, tmp_path: Path) -> None:
    mutation_gate = gate_module()
    workspace = make_workspace(root, tmp_path)
    (workspace / MODEL / "given_helper.py").write_text("def helper() -> int:\n    return 1\n")  # not in solutions/
    (exercise,) = [e for e in discover(workspace) if e.slug == SLUG]
    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    mutation_gate.build_sandbox(exercise, sandbox)
    config = tomllib.loads((sandbox / "pyproject.toml").read_text())["tool"]["mutmut"]
    assert config["do_not_mutate"] == ["src/given_helper.py"], "only the given module is left unmutated"
