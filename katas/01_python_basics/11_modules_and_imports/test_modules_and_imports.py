"""Tests for the modules-and-imports kata.

Mistakes these tests catch: the helpers left unfinished in textkit.py, or
copied into it but left defined in the service too (two copies that drift apart); textkit importing the service (a circular import);
`__all__` missing or listing the wrong names; `import re` left behind in the
service but missing from textkit; the debugging print still running on import;
`main` called at import time instead of under `if __name__ == "__main__":`; the
exit code thrown away (`main(...)` without `raise SystemExit(...)`); the usage
message printed to stdout instead of stderr; the script name counted as an
argument (`sys.argv` instead of `sys.argv[1:]`).
"""

import ast
import importlib
import importlib.util
import runpy
import string
import sys
from pathlib import Path
from types import ModuleType

import modules_and_imports
import pytest
from hypothesis import given
from hypothesis import strategies as st

SERVICE_FILE = Path(modules_and_imports.__file__)
USAGE = "usage: modules_and_imports.py NAME EMAIL"
HELPERS = {"slugify", "normalise_email"}


def load_textkit() -> ModuleType:
    """Import the learner's textkit module, or fail with a message saying where it belongs."""
    importlib.invalidate_caches()  # see a file created since this process started
    assert importlib.util.find_spec("textkit") is not None, (
        f"textkit.py should be in {SERVICE_FILE.parent.name}/, next to modules_and_imports.py "
        "(`kata reset modules_and_imports` brings back the starter)"
    )
    return importlib.import_module("textkit")


def top_level_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def run_as_script(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    """Run the service file the way `python modules_and_imports.py ...` would; return its exit code."""
    monkeypatch.setattr(sys, "argv", [str(SERVICE_FILE), *argv])
    try:
        runpy.run_path(str(SERVICE_FILE), run_name="__main__")
    except SystemExit as exit_:
        return exit_.code
    return None


@pytest.mark.task(taskno=1)
def test_textkit_offers_the_helpers() -> None:
    textkit = load_textkit()
    assert textkit.slugify("Ada Lovelace!") == "ada-lovelace", "slugify moved to textkit should work as before"
    assert textkit.normalise_email("  Ada@Example.COM ") == "ada@example.com", (
        "normalise_email moved to textkit should work as before"
    )


@pytest.mark.task(taskno=1)
def test_textkit_declares_its_public_names_and_a_docstring() -> None:
    textkit = load_textkit()
    assert sorted(getattr(textkit, "__all__", [])) == ["normalise_email", "slugify"], (
        "set __all__ = ['normalise_email', 'slugify'] so `from textkit import *` brings in exactly those"
    )
    assert textkit.__doc__, "start textkit.py with a module docstring that says what it is for"


@pytest.mark.task(taskno=1)
@given(st.text(alphabet=string.ascii_letters + string.digits + " \t-_!?.,'éÉß²٣", max_size=40))
def test_textkit_slugs_are_url_safe_and_stable(text: str) -> None:
    slug = load_textkit().slugify(text)
    assert slug == "" or all(word and word.isascii() and word.isalnum() for word in slug.split("-")), (
        f"a slug is lower-case ASCII words joined by single dashes, got {slug!r}"
    )
    assert slug == slug.lower(), f"a slug is lower case, got {slug!r}"
    assert load_textkit().slugify(slug) == slug, "slugifying a slug changes nothing"


@pytest.mark.task(taskno=2)
def test_service_no_longer_defines_the_helpers() -> None:
    still_here = sorted(HELPERS & top_level_functions(SERVICE_FILE))
    assert not still_here, (
        f"modules_and_imports.py still defines {still_here}: move them to textkit.py, do not keep a second copy"
    )


@pytest.mark.task(taskno=2)
def test_service_imports_the_helpers_from_textkit() -> None:
    textkit = load_textkit()
    assert "textkit" in imported_modules(SERVICE_FILE), (
        "modules_and_imports.py should import the helpers: from textkit import normalise_email, slugify"
    )
    for name in sorted(HELPERS):
        if hasattr(modules_and_imports, name):
            assert getattr(modules_and_imports, name) is getattr(textkit, name), (
                f"modules_and_imports.{name} should be the very function from textkit, not a copy"
            )
    assert modules_and_imports.signup_line("Ada Lovelace", " ADA@example.com") == "ada-lovelace <ada@example.com>", (
        "signup_line should keep working with the imported helpers"
    )


@pytest.mark.task(taskno=2)
def test_textkit_works_without_importing_the_service() -> None:
    textkit = load_textkit()
    assert textkit.slugify("Hello, World") == "hello-world", "textkit's own slugify should work (task 1)"
    assert "modules_and_imports" not in imported_modules(Path(str(textkit.__file__))), (
        "textkit must not import modules_and_imports: helpers do not depend on the code that uses them"
    )


@pytest.mark.task(taskno=3)
def test_importing_the_service_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(SERVICE_FILE), run_name="modules_and_imports")
    out, err = capsys.readouterr()
    assert (out, err) == ("", ""), (
        f"importing the module printed {out + err!r}: remove the debugging print, and call main() only under "
        'if __name__ == "__main__":'
    )


@pytest.mark.task(taskno=3)
def test_main_prints_the_signup_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert modules_and_imports.main(["Ada Lovelace", "ADA@example.com"]) == 0, "main returns 0 when all went well"
    assert capsys.readouterr().out == "ada-lovelace <ada@example.com>\n", "main prints the signup line"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("argv", [[], ["Ada Lovelace"], ["Ada", "ada@example.com", "extra"]], ids=len)
def test_main_prints_usage_to_stderr_for_wrong_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert modules_and_imports.main(argv) == 2, "2 is the usual exit code for a command used wrongly"
    out, err = capsys.readouterr()
    assert err == USAGE + "\n", f"print {USAGE!r} to standard error (file=sys.stderr)"
    assert out == "", "nothing on standard output when the arguments are wrong"


@pytest.mark.task(taskno=3)
def test_running_as_a_script_prints_and_exits_with_mains_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_as_script(["Ada Lovelace", "ADA@example.com"], monkeypatch)
    assert code == 0, (
        'run as a script, the file should end with: if __name__ == "__main__": raise SystemExit(main(sys.argv[1:]))'
    )
    assert capsys.readouterr().out == "ada-lovelace <ada@example.com>\n", "the script prints the signup line"
    assert run_as_script([], monkeypatch) == 2, "with no arguments the script exits with main's code, 2"
