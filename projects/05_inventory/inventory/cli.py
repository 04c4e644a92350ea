"""Milestone 6, the command line: `python -m inventory [--db URL] COMMAND ...`.

Given: the command groups, the wiring callback, `db upgrade`/`db downgrade`, `category add` as the
example to follow, and `main`. You write the other commands.

The commands only parse and print; every rule is in the services. The callback wires the app
once per run (`bootstrap`) and hands it to the commands in `ctx.obj`. `main(argv)` returns the
exit code: 0 done, 1 refused by a rule (one `error: ...` line on stderr), 2 bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from inventory import catalogue, migrate
from inventory.bootstrap import App, bootstrap
from inventory.errors import InventoryError

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Products, locations and stock.")
db_app = typer.Typer(no_args_is_help=True, help="Migrate the database.")
category_app = typer.Typer(no_args_is_help=True, help="Product categories.")
supplier_app = typer.Typer(no_args_is_help=True, help="Suppliers.")
product_app = typer.Typer(no_args_is_help=True, help="The product catalogue.")
warehouse_app = typer.Typer(no_args_is_help=True, help="Warehouses.")
location_app = typer.Typer(no_args_is_help=True, help="Locations (WAREHOUSE/CODE).")
report_app = typer.Typer(no_args_is_help=True, help="Reports.")
export_app = typer.Typer(no_args_is_help=True, help="Write CSV files.")
import_app = typer.Typer(no_args_is_help=True, help="Read CSV files (all or nothing).")
for name, group in [
    ("db", db_app),
    ("category", category_app),
    ("supplier", supplier_app),
    ("product", product_app),
    ("warehouse", warehouse_app),
    ("location", location_app),
    ("report", report_app),
    ("export", export_app),
    ("import", import_app),
]:
    app.add_typer(group, name=name)

Quantity = Annotated[int, typer.Argument(help="How many units.")]
Reference = Annotated[str, typer.Option("--ref", help="An order or delivery number.")]


def wired(ctx: typer.Context) -> App:
    """The app wired by the callback."""
    found = ctx.find_object(App)
    if found is None:
        raise RuntimeError("the inventory callback did not run")
    return found


@app.callback()
def connect(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL; default $DATABASE_URL, else inventory.db.")
    ] = None,
) -> None:
    """Wire the app once for this run and close it at the end."""
    ctx.obj = bootstrap(db)
    ctx.call_on_close(ctx.obj.close)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    migrate.upgrade(wired(ctx).engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(wired(ctx).engine)}")


@db_app.command("downgrade")
def db_downgrade(ctx: typer.Context, revision: str) -> None:
    """Migrate the database down to REVISION ("base": empty)."""
    migrate.downgrade(wired(ctx).engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(wired(ctx).engine)}")


@category_app.command("add")
def category_add(ctx: typer.Context, name: str) -> None:
    typer.echo(f"added category {catalogue.add_category(wired(ctx).uow, name)}")


# Milestone 6: the other commands of the README's table, each a few lines like `category add`:
# parse, call one service function with wired(ctx).uow, print the result. No rules here.


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code instead of exiting, so tests can call it."""
    command = typer.main.get_command(app)
    try:
        command.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="inventory")
    except InventoryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a CSV file that cannot be read or written
        print(f"error: {error}", file=sys.stderr)
        return 1
    except SystemExit as done:  # click ends every run this way: 0 done, 2 bad usage (already reported)
        return done.code if isinstance(done.code, int) else 1
    return 0
