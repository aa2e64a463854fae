"""The consultation: free text in, the counterpart's reply out, every turn stored as it is taken."""

from __future__ import annotations

from commsim.store import Store
from commsim.tui.screens.consultation import ConsultationScreen
from commsim.tui.screens.feedback import FeedbackScreen
from commsim.tui.screens.idioms import IdiomsScreen
from commsim.tui.widgets.answer_box import AnswerBox
from commsim.tui.widgets.transcript import Transcript
from tests.tui.harness import GOOD_RUN, answer, settle, start


def transcript(app) -> list[tuple[str, str, str]]:
    return [(e.kind, e.speaker, e.text) for e in app.screen.query_one(Transcript).entries()]


def stored_turns(app) -> list[tuple[str, str]]:
    with Store.open(app.options.db) as store:
        attempt = store.attempts()[0]
        return [(t.speaker, t.text) for t in store.load_attempt(attempt.id).turns]


async def test_counterpart_and_learner_are_told_apart_and_each_turn_is_stored(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        assert isinstance(app.screen, ConsultationScreen)
        assert transcript(app)[0][:2] == ("counterpart", "Alan Brooks")
        await answer(pilot, GOOD_RUN[0], typed=True)
        kinds = [(kind, speaker) for kind, speaker, _ in transcript(app)]
        assert kinds == [("counterpart", "Alan Brooks"), ("learner", "You"), ("counterpart", "Alan Brooks")]
        assert transcript(app)[-1][2] == "My brother had one and said it hurt like anything."
        # Stored before it was shown: the database already has both lines.
        assert stored_turns(app)[-2:] == [("learner", GOOD_RUN[0]), ("counterpart", transcript(app)[-1][2])]
        assert str(app.screen.query_one("#rapport").render()) == "Rapport ●●●○○ 3/5"


async def test_enter_sends_and_ctrl_j_starts_a_new_line(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await pilot.press(*"What worries you", "ctrl+j", *"about the drain?")
        assert app.screen.query_one(AnswerBox).text == "What worries you\nabout the drain?"
        await pilot.press("enter")
        await settle(pilot)
        assert transcript(app)[1] == ("learner", "You", "What worries you\nabout the drain?")
        assert app.screen.query_one(AnswerBox).text == ""


async def test_an_empty_answer_is_not_sent(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await pilot.press("space", "enter")
        await settle(pilot)
        assert len(transcript(app)) == 1
        assert len(stored_turns(app)) == 1


async def test_a_misunderstood_answer_gets_the_fallback(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await answer(pilot, "Purple elephants dance quietly")
        assert transcript(app)[-1] == ("counterpart", "Alan Brooks", "Sorry, doctor, you've lost me.")


async def test_idioms_are_underlined_listed_and_explained_on_request(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        first = app.screen.query_one(Transcript).entries()[0]
        assert first.idioms == ["under the weather", "on edge"]
        rendered = first.render()
        underlined = {rendered.plain[s.start : s.end] for s in rendered.spans if "underline" in str(s.style)}
        assert underlined == {"under the weather", "a bit on edge"}
        assert "Idioms: under the weather · on edge" in rendered.plain
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, IdiomsScreen)
        assert [n.phrase for n in app.screen.notes] == ["under the weather", "on edge"]
        assert app.screen.notes[0].meaning == "Slightly unwell."
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConsultationScreen)


async def test_hint_is_shown_and_counted(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert transcript(app)[-1] == ("hint", "Hint", "Ask what is worrying him before you explain the drain.")
        assert app.screen.hints == 1


async def test_guided_mode_offers_the_scenarios_examples(app_factory, tui_library):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        choices = app.screen.query_one("#choices")
        assert choices.display and choices.has_focus
        node = tui_library.scenarios["drain-consent"].nodes["greeting"]
        offered = choices._texts
        assert len(offered) == len(node.responses)
        assert all(any(text in r.examples for r in node.responses) for text in offered)
        await pilot.press("enter")
        await settle(pilot)
        box = app.screen.query_one(AnswerBox)
        assert box.has_focus and box.text == offered[0]
        await pilot.press("enter")
        await settle(pilot)
        assert transcript(app)[1] == ("learner", "You", offered[0])


async def test_typing_while_the_choices_have_focus_goes_to_the_answer_box(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot, guided=True)
        assert app.screen.query_one("#choices").has_focus
        await pilot.press(*"Hello")
        assert app.screen.query_one(AnswerBox).text == "Hello"


async def test_reaching_an_ending_then_enter_shows_feedback(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        for text in GOOD_RUN:
            await answer(pilot, text)
        assert transcript(app)[-1][2] == "The consultation has ended. Press Enter to see your feedback."
        assert app.screen.query_one(AnswerBox).read_only
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)


async def test_end_early_asks_first_then_scores(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("tab", "enter")  # "Keep going"
        await settle(pilot)
        assert isinstance(app.screen, ConsultationScreen)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("enter")  # "End and see feedback"
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        with Store.open(app.options.db) as store:
            attempt = store.attempts()[0]
        assert attempt.finished and attempt.ended_early


async def test_leaving_keeps_the_attempt_open_to_resume(app_factory):
    app = app_factory()
    async with app.run_test() as pilot:
        await start(pilot)
        await answer(pilot, GOOD_RUN[0])
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # "Leave"
        await settle(pilot)
        assert app.unfinished()[0].scenario_id == "drain-consent"
        assert "Unfinished" in str(app.screen.query_one("#details").render())


async def test_the_countdown_shows_the_time_left(app_factory):
    now = [0.0]
    app = app_factory(ticker=lambda: now[0])
    async with app.run_test() as pilot:
        await start(pilot)
        countdown = app.screen.query_one("#countdown")
        assert str(countdown.render()) == "⏱ 6:00 left"
        now[0] = 301.0
        countdown._tick()
        assert str(countdown.render()) == "⏱ 0:59 left" and countdown.has_class("-low")
        now[0] = 400.0
        countdown._tick()
        await settle(pilot)
        assert str(countdown.render()) == "⏱ time is up" and countdown.has_class("-up")
        assert transcript(app)[-1][2].startswith("Time is up (6 minutes).")


async def test_enter_while_the_reply_is_on_its_way_keeps_the_text(app_factory):
    app = app_factory()
    async with app.run_test(notifications=True) as pilot:
        await start(pilot)
        screen = app.screen
        screen.busy = True  # as while a slow first reply is worked out
        await pilot.press(*"Hello", "enter")
        assert screen.query_one(AnswerBox).text == "Hello"
        assert any("Wait for Alan Brooks's reply" in n.message for n in app._notifications)
        screen.busy = False
        await pilot.press("enter")
        await settle(pilot)
        assert transcript(app)[1] == ("learner", "You", "Hello")
