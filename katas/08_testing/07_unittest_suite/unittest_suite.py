"""Nightly order exports: a day's orders saved as a CSV file in an export folder, old exports pruned, the team told.

This module is correct. Do not edit it: write its tests in test_unittest_suite.py, with unittest (see README.md).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from time import gmtime, strftime, time
from urllib.request import Request, urlopen

FIELDS = ("order_id", "customer", "total")
KEEP = 7
CHAT_URL = "https://chat.example/hooks/exports"
CHAT_TIMEOUT = 5


def export_name(stamp: float) -> str:
    """The file name of an export made at `stamp` (seconds since the epoch), in UTC, 24-hour clock:
    export_name(1_796_613_300) == "orders-20261207-031500.csv"."""
    return strftime("orders-%Y%m%d-%H%M%S.csv", gmtime(stamp))


def save_orders(folder: Path, orders: Sequence[Mapping[str, object]]) -> Path:
    """Write `orders` to `folder` as CSV (a header row of FIELDS, then one row per order) and return the file's path.

    The file is named export_name(time()). It is written as "<name>.part" first and renamed when complete, so a
    reader never sees half a file; when writing fails (an order with a field not in FIELDS makes the CSV writer
    raise ValueError part-way), the .part file is removed and the error goes on to the caller.

    Raises, before writing anything: ValueError("nothing to export") for no orders; ValueError("order 2 has no
    'total'") for an order without one of the FIELDS (its position counted from 1, the first missing field in
    FIELDS order); FileExistsError("orders-...csv already exists") when an export of the same second is there.
    """
    if not orders:
        raise ValueError("nothing to export")
    for position, order in enumerate(orders, start=1):
        for field in FIELDS:
            if field not in order:
                raise ValueError(f"order {position} has no {field!r}")
    target = folder / export_name(time())
    if target.exists():
        raise FileExistsError(f"{target.name} already exists")
    part = target.with_name(target.name + ".part")
    try:
        with part.open("w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(orders)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    part.replace(target)
    return target


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` exports in `folder` (files named orders-*.csv; their names sort by time)
    and return the deleted paths, oldest first. Other files are left alone.

    Raises ValueError("keep must be at least 1, got 0") when `keep` is under 1.
    """
    if keep < 1:
        raise ValueError(f"keep must be at least 1, got {keep}")
    exports = sorted(folder.glob("orders-*.csv"))
    doomed = exports[:-keep]
    for path in doomed:
        path.unlink()
    return doomed


def announce(path: Path, count: int) -> None:
    """Tell the team: POST {"text": "3 orders exported to orders-...csv"} as JSON to CHAT_URL, with a timeout of
    CHAT_TIMEOUT seconds. (It talks to a real server: your tests patch it, or the urlopen it calls.)"""
    body = json.dumps({"text": f"{count} orders exported to {path.name}"}).encode()
    request = Request(CHAT_URL, data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urlopen(request, timeout=CHAT_TIMEOUT) as response:
        response.read()


def publish(folder: Path, orders: Sequence[Mapping[str, object]], *, keep: int = KEEP) -> Path:
    """The nightly job: save_orders, then prune(folder, keep), then announce(path, number of orders); return the path."""
    path = save_orders(folder, orders)
    prune(folder, keep)
    announce(path, len(orders))
    return path
