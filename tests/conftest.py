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


@pytest.fixture(autouse=True)
def tmp_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own database, and the user's data directory is out of reach."""
    db = tmp_path / "commsim.db"
    monkeypatch.setenv("COMMSIM_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("COMMSIM_LEARNER", raising=False)
    return db


@pytest.fixture(scope="session")
def library() -> Library:
    os.environ.pop("COMMSIM_LIBRARY", None)
    return Library.load()


@pytest.fixture(scope="session")
def mini_library() -> Library:
    """The bundled rubrics with the small fixture scenario."""
    return Library.load(scenario_dirs=[FIXTURES / "valid"])
