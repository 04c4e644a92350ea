"""Fixtures for the workspace's own tests (the self-check)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kata.workspace import find_root


def workspace_root() -> Path:
    """The workspace the self-check proves: this repository, or `KATA_ROOT` when a test plants a broken copy."""
    override = os.environ.get("KATA_ROOT")
    return Path(override).resolve() if override else find_root(Path(__file__).parent)


@pytest.fixture(scope="session")
def root() -> Path:
    """The root of the workspace under test."""
    return workspace_root()
