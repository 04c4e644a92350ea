"""Under --solutions the grader runs the reference suite from solutions/, so your learner_tests/ is not collected
then (its test file has the same name, and libsys is not in the mirror). Without it, `pytest` runs your suite too.
"""

from pathlib import Path

import pytest


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    mine = collection_path.name == "learner_tests" and collection_path.parent == Path(__file__).parent
    return True if mine and config.getoption("solutions", default=False) else None
