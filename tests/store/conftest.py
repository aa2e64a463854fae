"""Fixtures for the store and reports: a tmp_path database for every test, a fixed clock.

The root conftest's autouse ``tmp_database`` points ``COMMSIM_DB`` and the
platform data directory at ``tmp_path``, so no test reads or writes the
user's real database.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from commsim.library import Library
from commsim.model import Scenario
from commsim.store import Store
from tests.conftest import FIXTURES

MINI = FIXTURES / "valid" / "mini-consent.yaml"
STRONG = [
    "When you say you're on edge, what is worrying you about the mole?",
    "Is it OK if I explain what we'd do? We'll numb the skin and take a small sample of the mole.",
    "There's a small chance of infection and you'll have a small scar. Another option is to watch it. You can say no.",
]
WEAK = ["I'd like to take a small piece of the mole to test it.", "Everyone signs it, just sign it."]


@pytest.fixture
def db_path(tmp_database: Path) -> Path:
    return tmp_database


class Clock:
    """A clock that moves on one minute each time it is read: ordered, repeatable timestamps."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path, clock=Clock()) as opened:
        yield opened


@pytest.fixture
def mini(mini_library: Library) -> Scenario:
    return mini_library.scenarios["mini-consent"]


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a commsim child process: this checkout first on the path."""
    env = {**os.environ, **extra}
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else root
    env.pop("COMMSIM_LIBRARY", None)
    return env
