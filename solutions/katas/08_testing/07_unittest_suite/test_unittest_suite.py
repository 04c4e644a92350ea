"""Reference tests for unittest_suite.py, written with unittest alone.

Run them from the kata's folder with `python -m unittest test_unittest_suite -v`.
"""

# ruff: noqa: PT009, PT027  (unittest alone on purpose: this kata is about unittest)
import json
import tempfile
import unittest
from pathlib import Path
from unittest.mock import MagicMock, patch

from unittest_suite import (  # type: ignore[import-not-found, unused-ignore]
    CHAT_TIMEOUT,
    CHAT_URL,
    announce,
    export_name,
    prune,
    publish,
    save_orders,
)

DAY = 24 * 60 * 60
MONDAY_0315 = 1_796_613_300  # 2026-12-07 03:15:00 UTC
ORDERS = [
    {"order_id": "A1", "customer": "ada", "total": "12.50"},
    {"order_id": "A2", "customer": "bo", "total": "3.00"},
]


class ExportFolderTestCase(unittest.TestCase):
    """Each test gets an empty temporary folder and a clock that stands at MONDAY_0315."""

    def setUp(self) -> None:
        self.scratch = tempfile.TemporaryDirectory()
        self.folder = Path(self.scratch.name)
        clock = patch("unittest_suite.time", return_value=MONDAY_0315)
        self.clock = clock.start()
        self.addCleanup(clock.stop)

    def tearDown(self) -> None:
        self.scratch.cleanup()

    def make_exports(self, count: int, folder: Path | None = None) -> list[Path]:
        """`count` empty exports, one a day before MONDAY_0315, oldest first."""
        paths = [(folder or self.folder) / export_name(MONDAY_0315 - day * DAY) for day in range(count, 0, -1)]
        for path in paths:
            path.touch()
        return paths

    def names(self) -> list[str]:
        return sorted(path.name for path in self.folder.iterdir())


class TestSaveAndPrune(ExportFolderTestCase):
    def test_saves_a_header_row_then_one_row_per_order(self) -> None:
        path = save_orders(self.folder, ORDERS)
        lines = path.read_text(encoding="utf-8").splitlines()
        self.assertEqual(lines, ["order_id,customer,total", "A1,ada,12.50", "A2,bo,3.00"])

    def test_leaves_only_the_export_in_the_folder(self) -> None:
        save_orders(self.folder, ORDERS)
        self.assertEqual(self.names(), ["orders-20261207-031500.csv"])

    def test_prune_deletes_the_oldest_exports_first(self) -> None:
        exports = self.make_exports(4)
        self.assertEqual(prune(self.folder, keep=2), exports[:2])
        self.assertEqual(self.names(), [path.name for path in exports[2:]])

    def test_prune_leaves_other_files_alone(self) -> None:
        (self.folder / "customers.csv").touch()
        (self.folder / "README.txt").touch()
        exports = self.make_exports(3)
        self.assertEqual(prune(self.folder, keep=1), exports[:2])
        self.assertEqual(self.names(), ["README.txt", "customers.csv", exports[2].name])


class TestRefusals(ExportFolderTestCase):
    def test_nothing_to_export(self) -> None:
        with self.assertRaisesRegex(ValueError, "^nothing to export$"):
            save_orders(self.folder, [])
        self.assertEqual(self.names(), [])

    def test_a_missing_field_names_the_order_counted_from_one(self) -> None:
        orders = [ORDERS[0], {"order_id": "A2", "customer": "bo"}]
        with self.assertRaises(ValueError) as caught:
            save_orders(self.folder, orders)
        self.assertEqual(str(caught.exception), "order 2 has no 'total'")
        self.assertEqual(self.names(), [])

    def test_a_failed_write_leaves_no_part_file(self) -> None:
        orders = [ORDERS[0], {**ORDERS[1], "note": "gift"}]
        with self.assertRaisesRegex(ValueError, "note"):
            save_orders(self.folder, orders)
        self.assertEqual(self.names(), [])

    def test_prune_refuses_to_keep_nothing(self) -> None:
        self.make_exports(2)
        for keep in (0, -1):
            with self.subTest(keep=keep), self.assertRaises(ValueError) as caught:
                prune(self.folder, keep=keep)
            self.assertEqual(str(caught.exception), f"keep must be at least 1, got {keep}")
        self.assertEqual(len(self.names()), 2)


class TestTables(ExportFolderTestCase):
    def test_export_names(self) -> None:
        cases = [
            (0, "orders-19700101-000000.csv"),
            (MONDAY_0315, "orders-20261207-031500.csv"),
            (MONDAY_0315 + 12 * 60 * 60 + 0.9, "orders-20261207-151500.csv"),
            (1_798_761_599, "orders-20261231-235959.csv"),
        ]
        for stamp, expected in cases:
            with self.subTest(stamp=stamp):
                self.assertEqual(export_name(stamp), expected)

    def test_prune_keeps_the_newest(self) -> None:
        cases = [(0, 3, 0), (1, 1, 1), (3, 5, 3), (5, 5, 5), (6, 5, 5), (10, 7, 7)]
        for count, keep, left in cases:
            with self.subTest(count=count, keep=keep):
                folder = self.folder / f"{count}-{keep}"
                folder.mkdir()
                exports = self.make_exports(count, folder)
                self.assertEqual(prune(folder, keep=keep), exports[: count - left])
                self.assertEqual(sorted(folder.iterdir()), exports[count - left :])


class TestCollaborators(ExportFolderTestCase):
    def test_the_file_is_named_after_the_clock(self) -> None:
        self.clock.return_value = MONDAY_0315 + 15 * 60 * 60
        self.assertEqual(save_orders(self.folder, ORDERS).name, "orders-20261207-181500.csv")

    def test_a_second_export_in_the_same_second_is_refused(self) -> None:
        first = save_orders(self.folder, ORDERS)
        with self.assertRaisesRegex(FileExistsError, "^orders-20261207-031500.csv already exists$"):
            save_orders(self.folder, ORDERS[:1])
        self.assertEqual(len(first.read_text(encoding="utf-8").splitlines()), 3)

    @patch("unittest_suite.announce")
    def test_publish_announces_the_saved_file_and_its_count(self, announce_mock: MagicMock) -> None:
        path = publish(self.folder, ORDERS)
        self.assertEqual(path, self.folder / "orders-20261207-031500.csv")
        announce_mock.assert_called_once_with(path, 2)

    @patch("unittest_suite.announce")
    def test_publish_prunes_with_its_keep(self, announce_mock: MagicMock) -> None:
        self.make_exports(3)
        path = publish(self.folder, ORDERS, keep=2)
        self.assertEqual(self.names()[-1], path.name)
        self.assertEqual(len(self.names()), 2)
        announce_mock.assert_called_once()

    def test_announce_posts_json_to_the_chat_with_a_timeout(self) -> None:
        with patch("unittest_suite.urlopen") as urlopen:
            announce(self.folder / "orders-20261207-031500.csv", 3)
        urlopen.assert_called_once()
        request = urlopen.call_args.args[0]
        self.assertEqual(request.full_url, CHAT_URL)
        self.assertEqual(request.get_method(), "POST")
        self.assertEqual(json.loads(request.data), {"text": "3 orders exported to orders-20261207-031500.csv"})
        self.assertEqual(urlopen.call_args.kwargs, {"timeout": CHAT_TIMEOUT})


if __name__ == "__main__":
    unittest.main()
