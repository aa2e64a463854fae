"""Shared fixtures: the bundled library, and paths to the test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from commsim.library import Library

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _no_user_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the bundled library only, whatever the developer's environment holds."""
    monkeypatch.delenv("COMMSIM_LIBRARY", raising=False)
    monkeypatch.delenv("COMMSIM_DEBUG", raising=False)


@pytest.fixture(scope="session")
def library() -> Library:
    os.environ.pop("COMMSIM_LIBRARY", None)
    return Library.load()


@pytest.fixture(scope="session")
def mini_library() -> Library:
    """The bundled rubrics with the small fixture scenario."""
    return Library.load(scenario_dirs=[FIXTURES / "valid"])
