"""The shared database fixtures (kata.fixtures): one definition each, and they do what they promise.

A fresh PostgreSQL schema and the two-connection race are written once, in src/kata/fixtures.py, and every
kata and project asks for them. A second copy elsewhere (a file that runs CREATE SCHEMA, defines a fixture
named like a shared one, or pauses transactions at SQLAlchemy's "commit" event) fails here.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text

from kata.fixtures import Race, fresh_postgres_schema, race_at_commit, sqlalchemy_url

ROOT = Path(__file__).resolve().parent.parent
HOME = Path("src/kata/fixtures.py")
SCANNED = ("katas", "projects", "solutions", "src", "tests", "tools", "bench")
SHARED_FIXTURES = {"postgres_schema_url", "commit_race"}
CREATES_A_SCHEMA = re.compile(r"\bCREATE\s+SCHEMA\s+[\w\"{%]", re.IGNORECASE)  # the SQL, with the schema's name


def _is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Attribute) and target.attr == "fixture") or (
        isinstance(target, ast.Name) and target.id == "fixture"
    )


def _fixture_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names a function is a fixture under: its own, or the decorator's `name=`; none if it is no fixture."""
    names = set()
    for decorator in function.decorator_list:
        if _is_fixture(decorator):
            names.add(function.name)
            keywords = decorator.keywords if isinstance(decorator, ast.Call) else []
            names |= {str(kw.value.value) for kw in keywords if kw.arg == "name" and isinstance(kw.value, ast.Constant)}
    return names


def _pauses_at_commit(node: ast.AST) -> bool:
    """`event.listen(x, "commit", ...)` or `@event.listens_for(x, "commit")`: a race helper's pause."""
    if not isinstance(node, ast.Call) or len(node.args) < 2:
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    event = node.args[1]
    return name in {"listen", "listens_for"} and isinstance(event, ast.Constant) and event.value == "commit"


def second_definitions(root: Path) -> list[str]:
    """Every place outside src/kata/fixtures.py that defines what that module shares, as `path: what`."""
    found = []
    for top in SCANNED:
        for path in sorted((root / top).rglob("*.py")):
            relative = path.relative_to(root)
            if relative == HOME or {"__pycache__", "mutants"} & set(relative.parts):
                continue
            source = path.read_text(encoding="utf-8")
            if CREATES_A_SCHEMA.search(source):
                found.append(f"{relative}: runs CREATE SCHEMA (use kata.fixtures.fresh_postgres_schema)")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    for name in sorted(_fixture_names(node) & SHARED_FIXTURES):
                        found.append(f"{relative}: defines the fixture {name} (kata.fixtures provides it)")
                if _pauses_at_commit(node):
                    found.append(f"{relative}: pauses at the 'commit' event (use kata.fixtures.race_at_commit)")
    return found


def test_each_shared_fixture_is_defined_once_in_the_repository() -> None:
    assert second_definitions(ROOT) == []


PLANTED = {
    "projects/99_shop/tests/conftest.py": (
        "import pytest\n\n\n@pytest.fixture\ndef postgres_schema_url():\n"
        "    admin.execute('CREATE' ' SCHEMA x')\n    yield 'postgresql://'\n"
    ),
    "katas/05_databases/conftest.py": (
        "from pytest import fixture\n\n\n@fixture(name='commit_race')\ndef my_race():\n    return None\n"
    ),
    "solutions/projects/99_shop/tests/race.py": (
        "from sqlalchemy import event\n\n\ndef race(engine):\n    event.listen(engine, 'commit', print)\n"
    ),
    "tests/helpers.py": "SQL = '''\n  create\n  schema   audit'''\n",
    HOME.as_posix(): "import pytest\n\n\n@pytest.fixture\ndef postgres_schema_url():\n    'CREATE' ' SCHEMA'\n",
}


def test_a_planted_second_definition_is_found(tmp_path: Path) -> None:
    for name, source in PLANTED.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(source.replace("'CREATE' ' SCHEMA", "'CREATE SCHEMA"), encoding="utf-8")
    assert second_definitions(tmp_path) == [
        "katas/05_databases/conftest.py: defines the fixture commit_race (kata.fixtures provides it)",
        "projects/99_shop/tests/conftest.py: runs CREATE SCHEMA (use kata.fixtures.fresh_postgres_schema)",
        "projects/99_shop/tests/conftest.py: defines the fixture postgres_schema_url (kata.fixtures provides it)",
        "solutions/projects/99_shop/tests/race.py: pauses at the 'commit' event (use kata.fixtures.race_at_commit)",
        "tests/helpers.py: runs CREATE SCHEMA (use kata.fixtures.fresh_postgres_schema)",
    ], "the home module is exempt; every other copy is named"


def test_the_plugin_is_loaded_everywhere_the_tests_run() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"kata.fixtures" = "kata.fixtures"' in pyproject, "registered as a pytest11 entry point"
    assert '"-p", "kata.fixtures",' in pyproject, "loaded by the workspace's addopts (plugin autoload is off)"
    gate = (ROOT / "tools" / "mutation_gate.py").read_text(encoding="utf-8")
    assert '"-p",\n        "kata.fixtures",' in gate, "loaded in the mutation gate's sandbox too"


def test_sqlalchemy_url_names_the_psycopg_driver() -> None:
    assert sqlalchemy_url("postgresql://u@h/db?options=x") == "postgresql+psycopg://u@h/db?options=x"
    assert sqlalchemy_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert sqlalchemy_url("sqlite:///x.db") == "sqlite:///x.db"


@pytest.mark.parametrize("server", ["", "mysql://localhost/test", "postgresql://127.0.0.1:1/test"])
def test_without_a_server_the_schema_is_skipped_or_under_ci_failed(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", server)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL test skipped"), fresh_postgres_schema():
        pass
    monkeypatch.setenv("CI", "true")
    failed = pytest.raises(pytest.fail.Exception, match="CI is set, so the PostgreSQL tests must run")
    with failed, fresh_postgres_schema():
        pass


def _search_path_schema(url: str) -> str:
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT (current_schemas(false))[1], current_setting('synchronous_commit')").fetchone()
    assert row is not None
    assert row[1] == "off", "test databases need not wait for the disk"
    return str(row[0])


@pytest.mark.postgres
def test_a_fresh_schema_is_empty_on_the_search_path_and_dropped_afterwards(postgres_schema_url: str) -> None:
    with fresh_postgres_schema() as url:
        schema = _search_path_schema(url)
        assert schema.startswith("kata_")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE TABLE t (id int)")
            assert connection.execute("SELECT count(*) FROM t").fetchone() == (0,)
    assert _search_path_schema(postgres_schema_url) not in {schema, "t"}, "each one is a schema of its own"
    with psycopg.connect(postgres_schema_url) as connection:
        left = connection.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    assert left == (0,), "the schema is dropped on exit"


@pytest.fixture(params=["sqlite", "postgresql"])
def counter(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with one row, `counter.n = 0`."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'race.db'}"
    else:
        url = sqlalchemy_url(request.getfixturevalue("postgres_schema_url"))
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
        connection.execute(text("INSERT INTO counter VALUES (1, 0)"))
    try:
        yield engine
    finally:
        engine.dispose()


def _increment(engine: Engine, *, lock: bool) -> int:
    """Read n, then write n + 1 in the same transaction; return what was read."""
    with engine.begin() as connection:
        if lock and engine.dialect.name == "sqlite":
            connection.execute(text("UPDATE counter SET n = n WHERE id = 1"))  # SQLite's lock is the database's
        query = "SELECT n FROM counter WHERE id = 1" + (
            " FOR UPDATE" if lock and engine.dialect.name != "sqlite" else ""
        )
        seen = int(connection.execute(text(query)).scalar_one())
        connection.execute(text("UPDATE counter SET n = :n WHERE id = 1"), {"n": seen + 1})
    return seen


def _value(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT n FROM counter")).scalar_one())


def test_a_locking_increment_makes_the_second_wait_and_counts_both(counter: Engine) -> None:
    race = race_at_commit(counter, lambda: _increment(counter, lock=True), lambda: _increment(counter, lock=True))
    assert race == Race((0, 1), waited=True), "the second waits for the first's lock, then reads 1"
    assert _value(counter) == 2


@pytest.mark.postgres
def test_a_plain_read_then_write_loses_an_update_every_time(postgres_schema_url: str) -> None:
    engine = create_engine(sqlalchemy_url(postgres_schema_url))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
        connection.execute(text("INSERT INTO counter VALUES (1, 0)"))
    try:
        race = race_at_commit(engine, lambda: _increment(engine, lock=False), lambda: _increment(engine, lock=False))
        assert race == Race((0, 0), waited=True), "both read 0; the second's UPDATE waits for the first's row"
        assert _value(engine) == 1, "the lost update, reproduced"
        reads = race_at_commit(engine, lambda: _increment(engine, lock=False), lambda: _value(engine), lambda: 7)
        assert reads == Race((1, 1, 7), waited=False), "readers never wait: they see what was committed"
    finally:
        engine.dispose()


def test_outcomes_keep_their_order_and_exceptions_are_described(counter: Engine) -> None:
    def refuse() -> int:
        raise ValueError("no")

    race = race_at_commit(counter, lambda: _increment(counter, lock=True), refuse)
    assert isinstance(race.outcomes[1], ValueError)
    assert race.described() == [0, "ValueError: no"]


def test_a_first_call_that_never_commits_is_reported(counter: Engine) -> None:
    with pytest.raises(AssertionError, match="the first call never reached its commit: 'done'"):
        race_at_commit(counter, lambda: "done", lambda: "never started")
    assert not counter.dispatch.commit, "the race's listeners are removed afterwards"


def test_the_race_fixture_hands_out_the_shared_function(commit_race: object) -> None:
    assert commit_race is race_at_commit
