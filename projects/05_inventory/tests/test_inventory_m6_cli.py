"""Milestone 6: the command line, `python -m inventory [--db URL] COMMAND ...`.

Each test runs `main(argv)` in this process on a fresh database (SQLite, and PostgreSQL with
DATABASE_URL), starting with `db upgrade` as a user would.

Mistakes these tests catch: a refusal printed as a traceback (or on stdout, or with exit code
0), bad usage not reported with exit code 2, `--db` ignored in favour of DATABASE_URL (or
DATABASE_URL ignored), a libpq `postgresql://` URL not converted for SQLAlchemy, money printed
as `16.8`, CSV commands that do not round-trip.
"""

from pathlib import Path

import pytest
from inventory.cli import main


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]):
    """Run `inventory --db <url> ARGS...`; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def stocked_cli(cli):
    """The CLI on a migrated database with a small catalogue (built inside the test)."""

    def build():
        for args in [
            ("db", "upgrade"),
            ("category", "add", "Fasteners"),
            ("supplier", "add", "Acme", "--email", "orders@acme.test"),
            ("product", "add", "BOLT-M6", "Hex bolt M6", "--category", "Fasteners", "--cost", "0.12"),
            ("product", "update", "BOLT-M6", "--supplier", "Acme", "--reorder-level", "100"),
            ("warehouse", "add", "MAIN", "Main warehouse"),
            ("location", "add", "MAIN", "A1"),
            ("location", "add", "MAIN", "B2"),
        ]:
            code, out, err = cli(*args)
            assert code == 0, f"`inventory {' '.join(args)}` failed with {code}: {out}{err}"
        return cli

    return build


@pytest.mark.task(taskno=6)
def test_db_upgrade_then_catalogue_commands(cli) -> None:
    code, out, _ = cli("db", "upgrade")
    assert code == 0
    assert "0001" in out, "`db upgrade` migrates to the head revision and says which"
    assert cli("category", "add", "Tools")[0] == 0
    code, out, _ = cli("product", "add", "HAMMER", "Claw hammer", "--category", "Tools", "--cost", "12.5")
    assert code == 0
    assert "HAMMER" in out
    code, out, _ = cli("product", "show", "HAMMER")
    assert code == 0
    assert "Claw hammer" in out
    assert "12.50" in out, "costs print with two decimals"
    code, out, _ = cli("product", "list")
    assert out.splitlines()[0].startswith("HAMMER")
    assert cli("product", "delete", "HAMMER")[0] == 0
    assert cli("product", "list")[1] == ""


@pytest.mark.task(taskno=6)
def test_stock_movements_from_the_command_line(stocked_cli) -> None:
    cli = stocked_cli()
    assert cli("receive", "BOLT-M6", "MAIN/A1", "150", "--ref", "PO-1")[0] == 0
    assert cli("transfer", "BOLT-M6", "MAIN/A1", "MAIN/B2", "20")[0] == 0
    assert cli("ship", "BOLT-M6", "MAIN/B2", "5", "--ref", "SO-9")[0] == 0
    assert cli("adjust", "BOLT-M6", "MAIN/A1", "128", "--reason", "count")[0] == 0
    code, out, _ = cli("stock")
    assert (code, out) == (0, "BOLT-M6  MAIN/A1  128\nBOLT-M6  MAIN/B2  15\n"), (
        "one `SKU  LOCATION  QUANTITY` line each"
    )
    code, out, _ = cli("history", "--sku", "BOLT-M6")
    assert code == 0
    assert len(out.splitlines()) == 4
    assert "PO-1" in out
    assert "SO-9" in out


@pytest.mark.task(taskno=6)
def test_a_refusal_is_one_error_line_and_exit_code_1(stocked_cli) -> None:
    cli = stocked_cli()
    cli("receive", "BOLT-M6", "MAIN/A1", "1")
    code, out, err = cli("ship", "BOLT-M6", "MAIN/A1", "2")
    assert code == 1, "a rule refusing the command exits with 1"
    assert err.startswith("error: "), f"one `error: ...` line on stderr, got {err!r}"
    assert len(err.splitlines()) == 1, f"one `error: ...` line on stderr, got {err!r}"
    assert "Traceback" not in out + err
    code, _, err = cli("product", "add", "X", "X", "--category", "Nope", "--cost", "1")
    assert code == 1
    assert "Nope" in err


@pytest.mark.task(taskno=6)
def test_bad_usage_exits_with_2(stocked_cli) -> None:
    cli = stocked_cli()
    assert cli("receive", "BOLT-M6", "MAIN/A1", "many")[0] == 2, "a quantity that is not a number is bad usage"
    assert cli("product", "add", "X", "X", "--cost", "1")[0] == 2, "--category is required"
    assert cli("no-such-command")[0] == 2


@pytest.mark.task(taskno=6)
def test_reports_from_the_command_line(stocked_cli) -> None:
    cli = stocked_cli()
    cli("receive", "BOLT-M6", "MAIN/A1", "140")
    code, out, _ = cli("report", "low-stock")
    assert code == 0
    assert out == "nothing to reorder\n"
    cli("ship", "BOLT-M6", "MAIN/A1", "50")
    code, out, _ = cli("report", "low-stock")
    assert "BOLT-M6  Hex bolt M6  on hand 90" in out, "the SKU, the name and what is on hand"
    assert "Acme" in out, "and whom to order from"
    code, out, _ = cli("report", "valuation")
    assert code == 0
    assert out.splitlines()[-1] == "total 10.80", "90 x 0.12 = 10.80, printed to the cent"


@pytest.mark.task(taskno=6)
def test_csv_files_round_trip_through_the_command_line(stocked_cli, tmp_path: Path) -> None:
    cli = stocked_cli()
    cli("receive", "BOLT-M6", "MAIN/B2", "7")
    products, levels = tmp_path / "products.csv", tmp_path / "stock.csv"
    assert cli("export", "products", str(products))[0] == 0
    assert cli("export", "stock", str(levels))[0] == 0
    assert levels.read_text(encoding="utf-8") == "sku,location,quantity\nBOLT-M6,MAIN/B2,7\n"
    levels.write_text("sku,location,quantity\nBOLT-M6,MAIN/B2,3\nBOLT-M6,MAIN/A1,2\n", encoding="utf-8")
    assert cli("import", "stock", str(levels))[0] == 0
    assert cli("stock")[1] == "BOLT-M6  MAIN/A1  2\nBOLT-M6  MAIN/B2  3\n"
    assert cli("import", "products", str(products))[0] == 0
    code, _, err = cli("import", "products", str(tmp_path / "missing.csv"))
    assert code == 1
    assert err.startswith("error: ")


@pytest.mark.task(taskno=6)
def test_the_database_comes_from_database_url_without_db(db_url: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert main(["db", "upgrade"]) == 0
    assert main(["category", "add", "Tools"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "category", "add", "Tools"]) == 1, "same database: the category exists"
    assert "Tools" in capsys.readouterr().err
