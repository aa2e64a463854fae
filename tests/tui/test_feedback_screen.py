"""Feedback: the grade, each criterion with the learner's own words, idioms, the path, try again."""

from __future__ import annotations

import os

from commsim.tui.screens.consultation import ConsultationScreen
from commsim.tui.screens.feedback import FeedbackScreen
from commsim.tui.screens.library import LibraryScreen
from commsim.tui.widgets.feedback_parts import CriterionItem
from tests.tui.harness import GOOD_RUN, finish, settle


def criteria(app) -> dict[str, tuple[str, str]]:
    """Criterion title → (mark, body text)."""
    found = {}
    for item in app.screen.query(CriterionItem):
        mark = str(item.query_one(".mark").render())
        found[item.view.title] = (mark, str(item.query_one(".body").render()))
    return found


async def test_feedback_quotes_the_learner_and_shows_model_phrases(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert "Grade:  CLEAR PASS" in summary
        assert "Consent on the ward  100/100" in summary
        assert "Mr Brooks understood the drain and agreed to it freely." in summary
        found = criteria(app)
        mark, body = found["Asks what worries them"]
        assert mark == "✔ met"
        assert f"You said: “{GOOD_RUN[0]}” (answer 1)" in body
        assert "You asked what was worrying the patient before you explained." in body
        mark, body = found["Checks understanding"]
        assert mark == "✔ met" and "(answer 3)" in body
        mark, body = found["Pressures the patient"]
        assert mark == "✔ avoided" and "You said" not in body


async def test_missed_criteria_get_a_model_phrase(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish(pilot, ["I just need you to sign the form please."])
        found = criteria(app)
        mark, body = found["Pressures the patient"]
        assert mark == "✘ happened"
        assert "You said: “I just need you to sign the form please.”" in body
        assert "A UK doctor might say: “Take the time you need; we can talk again this afternoon.”" in body
        mark, body = found["Explains the procedure"]
        assert mark == "✘ missed"
        assert "A UK doctor might say: “We numb the skin and pass a thin tube through a small cut.”" in body
        assert "Grade:  FAIL" in str(app.screen.query_one("#summary").render())


async def test_idioms_met_and_path_taken(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish(pilot)
        idioms = str(app.screen.query_one("#idioms").render())
        assert "under the weather: Slightly unwell." in idioms
        assert "pop in: Come in or visit briefly." in idioms
        assert str(app.screen.query_one("#path").render()).endswith("greeting → worry → explained → consented")


async def test_hints_are_reported_without_changing_the_score(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        from tests.tui.harness import answer, start

        await start(pilot)
        await pilot.press("ctrl+t")
        for text in GOOD_RUN:
            await answer(pilot, text)
        await pilot.press("enter")
        await settle(pilot)
        summary = str(app.screen.query_one("#summary").render())
        assert "You asked for 1 hint. Hints do not change your score." in summary
        assert "100/100" in summary


async def test_try_again_replays_from_the_start(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await finish(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConsultationScreen)
        assert len(app.screen.session.consultation.turns) == 1
        assert app.screen.session.attempt.id == 2
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_save_writes_the_html_report(app_factory, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_factory()
    async with app.run_test() as pilot:
        await finish(pilot)
        await pilot.press("s")
        await settle(pilot)
        report = tmp_path / "commsim-report-1.html"
        assert report.exists()
        assert GOOD_RUN[0] in report.read_text(encoding="utf-8")
    assert os.getcwd() == str(tmp_path)


async def test_best_grade_reaches_the_library(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await finish(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        from commsim.tui.widgets.scenario_table import ScenarioTable

        assert app.screen.query_one(ScenarioTable).get_row("drain-consent")[-1].plain == "Clear pass"
