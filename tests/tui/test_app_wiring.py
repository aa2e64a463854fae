"""The app as a whole: the CLI opens it, the palette, help, themes, and the core boundary."""

from __future__ import annotations

import subprocess
import sys

import pytest

from commsim.cli import main
from commsim.tui import app as app_module
from commsim.tui.screens.briefing import BriefingScreen
from commsim.tui.screens.help import HelpScreen
from commsim.tui.screens.library import LibraryScreen
from commsim.tui.screens.progress import ProgressScreen
from tests.tui.harness import settle


@pytest.fixture
def terminal(monkeypatch):
    """Pretend stdin and stdout are a terminal; capture what the app would be run with."""
    runs = []
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(app_module, "run_app", lambda options: runs.append(options) or 0)
    return runs


def test_commsim_alone_opens_the_app_in_a_terminal(terminal):
    assert main([]) == 0
    assert len(terminal) == 1 and terminal[0].scenario is None


def test_commsim_alone_lists_when_not_in_a_terminal(capsys):
    assert main([]) == 0
    assert "Practise one with: commsim play ID" in capsys.readouterr().out


def test_a_dumb_terminal_gets_the_plain_list(terminal, monkeypatch, capsys):
    monkeypatch.setenv("TERM", "dumb")
    assert main([]) == 0
    assert terminal == []
    assert "Practise one with: commsim play ID" in capsys.readouterr().out


def test_play_opens_the_app_at_the_briefing(terminal, tmp_path):
    assert main(["play", "angiogram-consent", "--db", str(tmp_path / "x.db"), "--learner", "Ada"]) == 0
    options = terminal[0]
    assert options.scenario.id == "angiogram-consent"
    assert options.db == tmp_path / "x.db" and options.learner == "Ada"
    assert options.source is None and not options.watch


def test_play_a_file_with_watch(terminal):
    from tests.tui.harness import FIXTURES

    path = FIXTURES.parent.parent / "fixtures" / "valid" / "mini-consent.yaml"
    assert main(["play", str(path), "--watch"]) == 0
    options = terminal[0]
    assert options.watch and options.source == path.resolve()


def test_watch_with_a_script_is_a_usage_error(tmp_path, capsys):
    script = tmp_path / "answers.txt"
    script.write_text("Hello\n")
    assert main(["play", "angiogram-consent", "--script", str(script), "--watch"]) == 2
    assert "--watch" in capsys.readouterr().err


async def test_palette_opens_a_scenario(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"chest drain")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)


async def test_palette_lists_the_main_actions(app_factory):
    from commsim.tui.commands import CommsimCommands

    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        titles = [title for title, _, _ in CommsimCommands(app.screen)._commands()]
        for wanted in (
            "Library: all scenarios",
            "Progress: your attempts and skills over time",
            "Help: how commsim works and its keys",
            "Theme: light",
            "Theme: dark",
            "Theme: high contrast",
            "Countdown: on or off",
            "Open: Consent for a chest drain",
        ):
            assert wanted in titles


async def test_themes(app_factory):
    app = app_factory(theme="high-contrast")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "commsim-high-contrast"
        app.action_set_theme("light")
        assert app.theme == "commsim-light"
        app.action_set_theme("dark")
        assert app.theme == "commsim-dark"


async def test_help_and_progress_keys(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f2")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_a_database_that_cannot_be_used_is_reported_not_raised(app_factory, tmp_path):
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_text("this is not sqlite")
    app = app_factory(db=bad)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        assert app.store is None and "not a commsim database" in (app.store_error or "")
        await pilot.press(*"drain", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("practice cannot start" in m for m in messages)
    assert bad.read_text() == "this is not sqlite"


def test_the_core_never_loads_the_app():
    code = (
        "import sys, commsim.cli, commsim.store, commsim.report, commsim.runner\n"
        "print(','.join(m for m in sys.modules if m.startswith(('textual', 'commsim.tui'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
