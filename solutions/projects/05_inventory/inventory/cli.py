"""Milestone 6, the command line: `python -m inventory [--db URL] COMMAND ...`.

The commands only parse and print; every rule is in the services. The callback wires the app
once per run (`bootstrap`) and hands it to the commands in `ctx.obj`. `main(argv)` returns the
exit code: 0 done, 1 refused by a rule (one `error: ...` line on stderr), 2 bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from inventory import catalogue, csv_io, migrate, reports, stock
from inventory.bootstrap import App, bootstrap
from inventory.errors import InventoryError
from inventory.records import MovementRecord, ProductRecord

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


def show_product(product: ProductRecord) -> str:
    supplier = f", from {product.supplier}" if product.supplier else ""
    return (
        f"{product.sku}  {product.name}  [{product.category}{supplier}]"
        f"  cost {product.unit_cost}  reorder at {product.reorder_level}"
    )


def show_movement(movement: MovementRecord) -> str:
    where = " -> ".join(place for place in (movement.source, movement.destination) if place)
    reference = f"  ({movement.reference})" if movement.reference else ""
    return f"#{movement.id}  {movement.kind}  {movement.quantity} x {movement.sku}  {where}{reference}"


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


@supplier_app.command("add")
def supplier_add(ctx: typer.Context, name: str, email: str | None = None) -> None:
    typer.echo(f"added supplier {catalogue.add_supplier(wired(ctx).uow, name, email)}")


@product_app.command("add")
def product_add(
    ctx: typer.Context,
    *,
    sku: str,
    name: str,
    category: Annotated[str, typer.Option()],
    cost: Annotated[str, typer.Option(help="Unit cost, e.g. 12.50.")],
    supplier: str | None = None,
    reorder_level: int = 0,
) -> None:
    """Add a product to an existing category."""
    product = catalogue.add_product(
        wired(ctx).uow, sku, name, category=category, unit_cost=cost, supplier=supplier, reorder_level=reorder_level
    )
    typer.echo(f"added {show_product(product)}")


@product_app.command("list")
def product_list(ctx: typer.Context, category: str | None = None) -> None:
    for product in catalogue.list_products(wired(ctx).uow, category):
        typer.echo(show_product(product))


@product_app.command("show")
def product_show(ctx: typer.Context, sku: str) -> None:
    typer.echo(show_product(catalogue.get_product(wired(ctx).uow, sku)))


@product_app.command("update")
def product_update(
    ctx: typer.Context,
    *,
    sku: str,
    name: str | None = None,
    category: str | None = None,
    supplier: str | None = None,
    cost: str | None = None,
    reorder_level: int | None = None,
) -> None:
    """Change the given fields of a product."""
    product = catalogue.update_product(
        wired(ctx).uow,
        sku,
        name=name,
        category=category,
        supplier=supplier,
        unit_cost=cost,
        reorder_level=reorder_level,
    )
    typer.echo(f"updated {show_product(product)}")


@product_app.command("delete")
def product_delete(ctx: typer.Context, sku: str) -> None:
    catalogue.delete_product(wired(ctx).uow, sku)
    typer.echo(f"deleted {sku}")


@warehouse_app.command("add")
def warehouse_add(ctx: typer.Context, code: str, name: str) -> None:
    typer.echo(f"added warehouse {catalogue.add_warehouse(wired(ctx).uow, code, name)}")


@location_app.command("add")
def location_add(ctx: typer.Context, warehouse: str, code: str) -> None:
    typer.echo(f"added location {catalogue.add_location(wired(ctx).uow, warehouse, code)}")


@location_app.command("list")
def location_list(ctx: typer.Context) -> None:
    for label in catalogue.list_locations(wired(ctx).uow):
        typer.echo(label)


@app.command()
def receive(ctx: typer.Context, sku: str, location: str, quantity: Quantity, ref: Reference = "") -> None:
    """Goods in: add QUANTITY of SKU to LOCATION."""
    typer.echo(show_movement(stock.receive(wired(ctx).uow, sku, location, quantity, reference=ref)))


@app.command()
def ship(ctx: typer.Context, sku: str, location: str, quantity: Quantity, ref: Reference = "") -> None:
    """Goods out: take QUANTITY of SKU from LOCATION."""
    typer.echo(show_movement(stock.ship(wired(ctx).uow, sku, location, quantity, reference=ref)))


@app.command()
def transfer(
    ctx: typer.Context, *, sku: str, source: str, destination: str, quantity: Quantity, ref: Reference = ""
) -> None:
    """Move QUANTITY of SKU from SOURCE to DESTINATION."""
    typer.echo(show_movement(stock.transfer(wired(ctx).uow, sku, source, destination, quantity, reference=ref)))


@app.command()
def adjust(ctx: typer.Context, sku: str, location: str, counted: int, reason: Annotated[str, typer.Option()]) -> None:
    """A stock count found COUNTED units of SKU in LOCATION: record the difference."""
    movement = stock.adjust(wired(ctx).uow, sku, location, counted, reason)
    typer.echo(f"no difference: {counted} x {sku} in {location}" if movement is None else show_movement(movement))


@app.command("stock")
def stock_levels(ctx: typer.Context, sku: str | None = None) -> None:
    """Every non-empty stock level (of one SKU, if given)."""
    for line in stock.stock_lines(wired(ctx).uow, sku):
        typer.echo(f"{line.sku}  {line.location}  {line.quantity}")


@app.command()
def history(ctx: typer.Context, sku: str | None = None) -> None:
    """The stock journal, oldest first."""
    for movement in stock.movements(wired(ctx).uow, sku):
        typer.echo(show_movement(movement))


@report_app.command("low-stock")
def report_low_stock(ctx: typer.Context) -> None:
    """Products at or below their reorder level."""
    rows = reports.low_stock(wired(ctx).uow)
    for row in rows:
        supplier = f", order from {row.supplier}" if row.supplier else ""
        typer.echo(f"{row.sku}  {row.name}  on hand {row.on_hand}, reorder at {row.reorder_level}{supplier}")
    if not rows:
        typer.echo("nothing to reorder")


@report_app.command("valuation")
def report_valuation(ctx: typer.Context, warehouse: str | None = None) -> None:
    """What the stock is worth at unit cost."""
    result = reports.valuation(wired(ctx).uow, warehouse)
    for line in result.lines:
        typer.echo(f"{line.sku}  {line.quantity} x {line.unit_cost} = {line.value}")
    typer.echo(f"total {result.total}")


@export_app.command("products")
def export_products(ctx: typer.Context, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        typer.echo(f"exported {csv_io.export_products(wired(ctx).uow, out)} products to {path}")


@export_app.command("stock")
def export_stock(ctx: typer.Context, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        typer.echo(f"exported {csv_io.export_stock(wired(ctx).uow, out)} stock levels to {path}")


@import_app.command("products")
def import_products(ctx: typer.Context, path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as source:
        typer.echo(f"imported {csv_io.import_products(wired(ctx).uow, source)} products from {path}")


@import_app.command("stock")
def import_stock(ctx: typer.Context, path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as source:
        typer.echo(f"imported {csv_io.import_stock(wired(ctx).uow, source)} stock levels from {path}")


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
