"""The briefing: a PLAB 2 station card, and keys to start."""

from __future__ import annotations

from commsim.tui.screens.consultation import ConsultationScreen
from commsim.tui.screens.library import LibraryScreen
from commsim.tui.widgets.station_card import StationCard
from tests.tui.harness import open_scenario, settle


async def test_shows_the_station_card(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_scenario(pilot, "drain")
        card = str(app.screen.query_one(StationCard).render())
        assert "Candidate instructions" in str(app.screen.query_one(StationCard).border_title)
        for text in (
            "Consent for a chest drain",
            "Alan Brooks, 58, Postman (patient)",
            "Respiratory ward",
            "6 minutes",
            "Foundation",
            "consent, British idiom",
        ):
            assert text in card
        # The author's wrapped lines are re-flowed; the list stays a list.
        assert "Mr Alan Brooks, 58, has fluid around his left lung." in card
        assert "\n- He is awake and talking.\n- The drain goes in today." in card


async def test_enter_starts_and_escape_goes_back(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await open_scenario(pilot, "drain")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsultationScreen)
        assert not app.screen.guided


async def test_g_starts_guided_and_t_turns_the_countdown_off(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await open_scenario(pilot, "drain")
        assert "countdown: on" in str(app.screen.query_one("#start-notes").render())
        await pilot.press("t")
        assert "countdown: off" in str(app.screen.query_one("#start-notes").render())
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ConsultationScreen)
        assert app.screen.guided
        assert not app.screen.query_one("#countdown").display
        assert app.screen.query_one("#choices").display


async def test_play_opens_straight_into_the_briefing(app_factory, tui_library):
    app = app_factory(scenario=tui_library.scenarios["drain-consent"])
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen.query_one(StationCard), StationCard)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
