"""Progress: past attempts, and each skill's scores over time."""

from __future__ import annotations

from commsim.tui.screens.consultation import ConsultationScreen
from commsim.tui.screens.feedback import FeedbackScreen
from commsim.tui.screens.progress import ProgressScreen
from commsim.tui.widgets.score_trend import ScoreTrend, sparkline
from tests.tui.harness import GOOD_RUN, answer, settle, start, two_attempts_then_progress


def test_sparkline_uses_one_scale_for_every_skill():
    assert sparkline([0, 50, 100]) == "▁▄█"
    assert sparkline([67]) == "▆"


async def test_empty_progress_says_what_to_do(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert "No attempts yet" in str(app.screen.query_one("#progress-hint").render())


async def test_attempts_and_trends_and_opening_one(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await two_attempts_then_progress(pilot)
        assert isinstance(app.screen, ProgressScreen)
        trend = str(app.screen.query_one(ScoreTrend).render())
        assert trend.startswith("Consent on the ward")
        assert "▁█" in trend and "last 100 · best 100 · 2 attempts" in trend
        table = app.screen.query_one("#attempts")
        grades = [table.get_row(key)[2].plain for key in table.rows]
        assert grades == ["Clear pass", "Fail"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen) and app.screen.attempt_id == 2


async def test_an_unfinished_attempt_is_carried_on_from_progress(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        table = app.screen.query_one("#attempts")
        assert [table.get_row(key)[2].plain for key in table.rows] == ["unfinished"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsultationScreen)
        assert [t.text for t in app.screen.session.consultation.turns][1] == GOOD_RUN[0]
