"""An interrupted consultation is offered for resume; an author's scenario file reloads as it changes."""

from __future__ import annotations

import os
import shutil
import time

from commsim.library import Library
from commsim.tui.screens.briefing import BriefingScreen
from commsim.tui.screens.consultation import ConsultationScreen
from commsim.tui.screens.resume import ResumeScreen
from commsim.tui.widgets.station_card import StationCard
from commsim.tui.widgets.transcript import Transcript
from tests.tui.harness import FIXTURES, GOOD_RUN, answer, settle, start


async def test_an_interrupted_attempt_is_offered_at_the_next_start(app_factory):
    first = app_factory()
    async with first.run_test() as pilot:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])
    # The app was closed mid-consultation (as if the terminal had gone).
    second = app_factory()
    async with second.run_test() as pilot:
        await settle(pilot)
        assert isinstance(second.screen, ResumeScreen)
        body = str(second.screen.query_one(".dialog-body").render())
        assert "Consent for a chest drain" in body and "gave 1 answer" in body
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(second.screen, ConsultationScreen)
        texts = [e.text for e in second.screen.query_one(Transcript).entries()]
        assert texts[1] == GOOD_RUN[0]
        assert texts[-1].startswith("Welcome back")
        for text in GOOD_RUN[1:]:
            await answer(pilot, text)
        assert second.screen.finished_attempt == 1


async def test_not_now_and_the_briefing_offers_it_again(app_factory):
    first = app_factory()
    async with first.run_test() as pilot:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])
    second = app_factory()
    async with second.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*"drain", "enter")
        await settle(pilot)
        assert isinstance(second.screen, BriefingScreen)
        assert "r carries on your unfinished attempt" in str(second.screen.query_one("#start-notes").render())
        await pilot.press("r")
        await settle(pilot)
        assert second.screen.session.attempt.id == 1


async def test_watch_reloads_the_briefing_and_replays_the_consultation(app_factory, tmp_path):
    source = tmp_path / "drain.yaml"
    shutil.copy(FIXTURES / "scenarios" / "drain-consent.yaml", source)
    library = Library.load(scenario_dirs=[], rubric_dir=FIXTURES / "rubrics")
    scenario = library.read_scenario(source)
    app = app_factory(library=library, scenario=scenario, source=source, watch=True, watch_interval=0.05)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        _edit(source, "title: Consent for a chest drain", "title: Consent for a chest drain (v2)")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Consent for a chest drain (v2)" in str(app.screen.query_one(StationCard).render())
        await pilot.press("enter")
        await settle(pilot)
        await answer(pilot, GOOD_RUN[0])
        _edit(source, "said it hurt like anything.", "said it hurt like billy-o.")
        await pilot.pause(0.3)
        await settle(pilot)
        texts = [e.text for e in app.screen.query_one(Transcript).entries()]
        assert texts[2] == "My brother had one and said it hurt like billy-o."
        assert texts[-1] == "Reloaded the scenario and replayed your 1 answer(s)."
        assert app.screen.session.attempt.scenario_source == str(source.resolve())
        # A broken edit is reported and the last good version stays.
        _edit(source, "start: greeting", "start: nowhere")
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.screen.scenario.title == "Consent for a chest drain (v2)"


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stamp = time.time() + 1
    os.utime(path, (stamp, stamp))
