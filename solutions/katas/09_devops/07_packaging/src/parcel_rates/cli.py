"""The `parcel-rates` command: the price of a parcel from the rate card shipped inside the package."""

import json
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files
from typing import Any

import click


def rate_card() -> dict[str, Any]:
    """The rate card, read from the package's own data, wherever it is installed."""
    card: dict[str, Any] = json.loads(files("parcel_rates").joinpath("rates.json").read_text(encoding="utf-8"))
    return card


def price(weight_kg: Decimal, zone: str) -> Decimal:
    """The base fee plus the price per kilogram, rounded to cents."""
    rates = rate_card()["zones"][zone]
    total = Decimal(rates["base"]) + Decimal(rates["per_kg"]) * weight_kg
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@click.command()
@click.argument("weight_kg", type=click.FloatRange(min=0, min_open=True))
@click.option("--zone", type=click.Choice(sorted(rate_card()["zones"])), default="domestic", show_default=True)
@click.version_option(package_name="parcel-rates")
def main(weight_kg: float, zone: str) -> None:
    """Print the price of sending a parcel of WEIGHT_KG kilograms to ZONE."""
    weight = Decimal(str(weight_kg))
    click.echo(f"{weight} kg to {zone}: {price(weight, zone)} {rate_card()['currency']}")
