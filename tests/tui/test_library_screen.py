"""The library screen: what ``commsim`` opens."""

from __future__ import annotations

from commsim.tui.screens.briefing import BriefingScreen
from commsim.tui.screens.library import LibraryScreen
from commsim.tui.widgets.scenario_table import ScenarioTable
from tests.tui.harness import settle


def rows(app) -> list[str]:
    table = app.screen.query_one(ScenarioTable)
    return [str(key.value) for key in table.rows] if table.display else []


async def test_lists_every_scenario_with_its_columns(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert rows(app) == ["drain-consent", "markup-title"]
        table = app.screen.query_one(ScenarioTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["Scenario", "With", "Setting", "Skills", "Level", "Min", "Best"]
        title, who, setting, skills, level, minutes, best = (c.plain for c in table.get_row("drain-consent"))
        assert (title, who, level, minutes, best) == ("Consent for a chest drain", "patient", "Foundation", "6", "—")
        assert "Respiratory ward, Monday morning".startswith(setting.rstrip("…"))
        assert "consent, British idiom".startswith(skills.rstrip("…"))


async def test_narrow_terminal_keeps_setting_and_skills_below_the_table(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        labels = [str(c.label) for c in app.screen.query_one(ScenarioTable).columns.values()]
        assert labels == ["Scenario", "With", "Level", "Min", "Best"]
        details = str(app.screen.query_one("#details").render())
        assert "Respiratory ward, Monday morning" in details
        assert "consent, British idiom" in details


async def test_typing_filters_and_enter_opens_the_briefing(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press(*"handover")
        assert rows(app) == ["markup-title"]
        await pilot.press("escape")
        assert rows(app) == ["drain-consent", "markup-title"]
        await pilot.press(*"nothing like this")
        assert rows(app) == []
        assert "No scenario matches" in str(app.screen.query_one("#empty").render())
        await pilot.press("escape", *"drain", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.id == "drain-consent"


async def test_typing_with_the_table_focused_goes_to_the_filter(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one(ScenarioTable).focus()
        await pilot.press("down", *"drain")
        assert app.screen.query_one("#filter").value == "drain"
        assert rows(app) == ["drain-consent"]


async def test_filter_by_skill(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one("#skill").value = "handover"
        await settle(pilot)
        assert rows(app) == ["markup-title"]


async def test_arrow_keys_move_from_the_filter_box(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.scenario.id == "markup-title"


async def test_loads_the_library_itself_when_not_given_one(tmp_path):
    from tests.tui.harness import make_app

    app = make_app(tmp_path / "db.sqlite", None)
    app.options.library = None
    app.library = None
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.library is not None and app.library.scenarios
        assert len(rows(app)) == len(app.library.scenarios)


def test_the_quick_preview_lists_what_the_full_load_lists(library):
    from commsim.tui.catalogue import preview, summaries

    quick = {s.id: s for s in preview()}
    for checked in summaries(library):
        assert quick[checked.id] == checked


async def test_a_scenario_chosen_while_loading_opens_when_the_library_arrives(app_factory, tui_library):
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        screen.library = None  # as on a cold start: the quick listing is shown, the full load goes on
        await pilot.press(*"drain", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        screen._library_changed(tui_library)
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.id == "drain-consent"
