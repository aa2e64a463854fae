"""The snapshot tests use the pilot tests' fixtures: fixture library, tmp database, frozen clocks, UTC."""

from tests.tui.conftest import _deterministic, app_factory, tui_library

__all__ = ["_deterministic", "app_factory", "tui_library"]
