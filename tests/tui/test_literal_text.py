"""Text from learners and authors is shown as written: markup-like text, and a 20 kB paste, break nothing."""

from __future__ import annotations

from textual import events

from commsim.store import Store
from commsim.tui.screens.feedback import FeedbackScreen
from commsim.tui.widgets.answer_box import AnswerBox
from commsim.tui.widgets.station_card import StationCard
from commsim.tui.widgets.transcript import SHOWN_CHARS, Transcript
from tests.tui.harness import answer, open_scenario, settle, start

MARKUP = (
    "[bold]not bold[/] [/] [link=https://example.org]x[/link] [red on blue]y {{ 7*7 }} $accent [@click=app.quit]q[/]"
)


async def test_markup_typed_by_a_learner_is_shown_stored_and_quoted_literally(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await answer(pilot, f"What worries you about the drain? {MARKUP}", typed=True)
        entry = app.screen.query_one(Transcript).entries()[1]
        rendered = entry.render()
        assert MARKUP in rendered.plain
        assert not rendered.spans[1:], "only the speaker's name is styled"
        assert app.is_running
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        # The quote is the sentence that met the criterion; the whole answer is in the conversation.
        texts = [str(w.render()) for w in app.screen.query("TranscriptEntry")]
        assert any(MARKUP in t for t in texts)
    with Store.open(app.options.db) as store:
        assert MARKUP in store.load_attempt(1).turns[1].text


async def test_scenario_text_that_looks_like_markup_is_shown_as_written(app_factory):
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("ScenarioTable")
        assert table.get_row("markup-title")[0].plain.startswith("Handover [bold]at night[/]")
        await open_scenario(pilot, "handover")
        card = str(app.screen.query_one(StationCard).render())
        assert "Handover [bold]at night[/] with [link=https://example.org]a link[/link]" in card
        assert "Medical ward [red]3 am[/red]" in card
        assert "[b]escalation[/b]" in card
        assert "Call the registrar. [i]Not italic[/i] and {{ not a template }}." in card
        await pilot.press("enter")
        await settle(pilot)
        first = app.screen.query_one(Transcript).entries()[0]
        assert first.speaker == "Dr [bold]Kaur[/]"
        assert "Registrar here. [blink]What's up?[/blink]" in first.render().plain


async def test_a_20_kb_paste_is_sent_stored_whole_and_shown_shortened(app_factory):
    pasted = ("I would like to explain [bold]everything[/] about the drain. " * 400)[:20_000]
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        box = app.screen.query_one(AnswerBox)
        app.post_message(events.Paste(pasted))  # as the terminal driver sends it
        await settle(pilot)
        assert box.text == pasted
        await pilot.press("enter")
        await settle(pilot)
        entry = app.screen.query_one(Transcript).entries()[1]
        assert entry.text == pasted.strip()
        assert entry.render().plain.endswith(f"({len(pasted.strip()) - SHOWN_CHARS:,} more characters, all saved)")
        assert app.screen.query_one(Transcript).entries()[2].kind == "counterpart"
        await pilot.press(*"still typing")
        assert box.text == "still typing"
    with Store.open(app.options.db) as store:
        assert store.load_attempt(1).turns[1].text == pasted.strip()


async def test_notifications_do_not_read_markup(app_factory, tui_library):
    app = app_factory()
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        app.show_error(ValueError("[bold]broken[/"))
        await settle(pilot)
        notification = list(app._notifications)[-1]
        assert notification.message == "Something went wrong: ValueError: [bold]broken[/"
        assert notification.markup is False
