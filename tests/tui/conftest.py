"""Deterministic app runs: UTC, no user environment, a tmp database, the fixture library.

Pilot tests are ``async def``; they are run here with ``asyncio.run`` (one
event loop per test), so no async plugin is needed.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from commsim.library import Library
from commsim.tui.app import CommsimApp
from tests.tui.harness import fixture_library, make_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in ("COMMSIM_DB", "COMMSIM_LEARNER", "COMMSIM_THEME", "COMMSIM_LIBRARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COMMSIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    time.tzset()


@pytest.fixture(scope="session")
def tui_library() -> Library:
    return fixture_library()


@pytest.fixture
def app_factory(tmp_path: Path, tui_library: Library) -> Callable[..., CommsimApp]:
    def factory(**overrides: object) -> CommsimApp:
        library = overrides.pop("library", tui_library)
        db = overrides.pop("db", tmp_path / "commsim.db")
        return make_app(db, library, **overrides)  # type: ignore[arg-type]

    return factory
