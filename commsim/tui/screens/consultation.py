"""The consultation: the transcript, the answer box, and help on request.

The screen owns one ``AttemptSession`` (engine + scorer + store). Each answer
is shown at once, then taken in a thread worker that matches it, scores it and
commits it with the counterpart's reply before the reply is shown: a turn on
screen is a turn on disk. Hints, idiom meanings and guided choices come from
the engine on request and never change the score.
"""

from __future__ import annotations

import random
import zlib
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Key
from textual.widgets import Footer, Static

from commsim.engine import Turn
from commsim.model import Scenario
from commsim.store import AttemptSession
from commsim.tui.messages import AttemptFinished, SessionReady, TurnTaken
from commsim.tui.prose import reflow
from commsim.tui.screens.base import CommsimScreen
from commsim.tui.screens.confirm import ConfirmScreen
from commsim.tui.screens.idioms import IdiomNote, IdiomsScreen
from commsim.tui.widgets.answer_box import AnswerBox
from commsim.tui.widgets.choices import GuidedChoices
from commsim.tui.widgets.countdown import Countdown
from commsim.tui.widgets.rapport import RapportMeter
from commsim.tui.widgets.station_card import persona_line
from commsim.tui.widgets.transcript import Transcript, TranscriptEntry

ANSWER_TITLE = "Your answer"
ANSWER_KEYS = "enter send · ctrl+j new line"


class ConsultationScreen(CommsimScreen):
    """Talk with the counterpart until an ending, or until the learner ends it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "feedback", "See feedback", priority=True),
        Binding("ctrl+l", "idioms", "Idioms", priority=True),
        Binding("ctrl+t", "hint", "Hint", priority=True),
        Binding("ctrl+g", "guided", "Guided", priority=True),
        Binding("ctrl+e", "end", "End", priority=True),
        Binding("escape", "leave", "Leave"),
    ]
    AUTO_FOCUS = "#answer"

    def __init__(self, scenario: Scenario, *, guided: bool = False, resume: int | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.guided = guided
        self.resume = resume
        self.session: AttemptSession | None = None
        self.busy = True
        self.hints = 0
        self.finished_attempt: int | None = None
        self._feedback_on_finish = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(Content(f"{self.scenario.title} · {persona_line(self.scenario)}"), classes="top-title")
            yield RapportMeter(id="rapport")
            yield Countdown(self.scenario.time_limit, self.commsim.options.ticker, id="countdown")
        yield Transcript(id="transcript")
        choices = GuidedChoices(id="choices")
        choices.border_title = Content("Guided: choose an answer with ↑↓ and Enter, then edit or send it")
        yield choices
        answer = AnswerBox(cursor_blink=self.commsim.options.cursor_blink, id="answer")
        answer.border_title = Content(ANSWER_TITLE)
        answer.border_subtitle = Content(ANSWER_KEYS)
        yield answer
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#choices").display = False
        self.query_one("#countdown").display = self.commsim.countdown
        self.query_one("#rapport").display = self._meter() is not None
        self.commsim.scenario_reloaded.subscribe(self, self._reloaded)
        self._begin()

    # -- starting ---------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="session", exclusive=True)
    def _begin(self, answers: list[str] | None = None) -> None:
        app = self.commsim
        store = app.wait_for_store()
        library = app.library
        assert library is not None, "the library is loaded before a scenario can be opened"
        if self.resume is not None and answers is None:
            session = AttemptSession.resume(store, library, self.resume)
        else:
            source = app.source_of(self.scenario)
            mode = "tui-guided" if self.guided else "tui"
            session = AttemptSession.start(
                store,
                library,
                self.scenario,
                app.options.learner,
                mode=mode,
                source=str(source.resolve()) if source else None,
            )
            for answer in answers or []:
                if session.finished:
                    break
                session.respond(answer)
        self.post_message(SessionReady(session, replayed=len(answers or [])))

    def on_session_ready(self, message: SessionReady) -> None:
        self.session = session = message.session
        self.scenario = session.scenario
        transcript = self.query_one(Transcript)
        transcript.clear()
        for turn in session.consultation.turns:
            transcript.add(self._entry(turn))
        if message.replayed:
            self._note(f"Reloaded the scenario and replayed your {message.replayed} answer(s).")
        elif session.resumed_turns:
            self._note("Welcome back: this is where you stopped. Carry on when you are ready.")
        self.commsim.refresh_records()
        self._after_turn()
        self.query_one(Countdown).start()
        if session.finished:
            self._finish()

    def _reloaded(self, scenario: Scenario) -> None:
        if self.session is None or scenario.id != self.scenario.id or self.finished_attempt is not None:
            return
        answers = [t.text for t in self.session.consultation.turns if t.speaker == "learner"]
        self.scenario = scenario
        self.busy = True
        self._begin(answers)

    # -- taking turns -------------------------------------------------------------------

    @on(AnswerBox.Submitted)
    def _submitted(self, event: AnswerBox.Submitted) -> None:
        if self.session is None or self.session.finished:
            return
        if self.busy:
            # Nothing is lost: the text stays in the box until the reply is in.
            self.notify(f"Wait for {self.scenario.persona.name}'s reply, then press Enter.", markup=False, timeout=3)
            return
        if not event.text.strip():
            self.notify("Type what you would say, then press Enter.", markup=False)
            return
        box = self.query_one(AnswerBox)
        box.clear()
        self.query_one(Transcript).add(TranscriptEntry("learner", "You", event.text.strip()))
        # The box stays editable while the reply is worked out: nothing typed meanwhile is lost.
        self.busy = True
        box.border_subtitle = Content(f"{self.scenario.persona.name} is replying…")
        self._take_turn(event.text)

    @work(thread=True, exit_on_error=False, group="turn")
    def _take_turn(self, text: str) -> None:
        assert self.session is not None
        self.post_message(TurnTaken(self.session.respond(text), text))

    def on_turn_taken(self, message: TurnTaken) -> None:
        assert self.session is not None
        reply = message.reply
        transcript = self.query_one(Transcript)
        transcript.add(self._entry(self.session.consultation.turns[-1]))
        if reply.truncated:
            self._note("Your answer was very long: only its first 100,000 characters were kept.")
        if reply.hint:
            transcript.add(TranscriptEntry("hint", "Hint (they did not follow you)", reflow(reply.hint)))
        if reply.kind == "ending":
            self._finish()
        self._after_turn()

    def _after_turn(self) -> None:
        assert self.session is not None
        box = self.query_one(AnswerBox)
        self.busy = False
        box.border_subtitle = Content(ANSWER_KEYS)
        box.read_only = self.session.finished
        if self.session.finished:
            box.placeholder = "The consultation has ended. Press Enter to see your feedback."
        meter = self._meter()
        if meter is not None:
            name, var = meter
            value = self.session.consultation.state.get(name, var.start)
            self.query_one(RapportMeter).show(var.label or name, int(value), var.min, var.max)
        self._show_choices()
        self.refresh_bindings()
        if self.guided and not self.session.finished:
            self.query_one(GuidedChoices).focus()
        else:
            box.focus()

    def _meter(self):
        """The first state variable the author labelled for learners to see, if any."""
        for name, var in self.scenario.state.items():
            if var.label and not isinstance(var.start, bool):
                return name, var
        return None

    def worker_failed(self, error: BaseException) -> None:
        super().worker_failed(error)
        if self.session is None:
            self.query_one(AnswerBox).placeholder = "This consultation could not start. Press esc to go back."
            return
        # The answer was not stored: give it back to the learner to send again.
        entries = self.query_one(Transcript).entries()
        if entries and entries[-1].kind == "learner" and not self.session.finished:
            text = entries[-1].text
            entries[-1].remove()
            box = self.query_one(AnswerBox)
            box.text = text + ("\n" + box.text if box.text.strip() else "")
        self.busy = False
        self.query_one(AnswerBox).border_subtitle = Content(ANSWER_KEYS)

    # -- finishing ------------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="finish", exclusive=True)
    def _finish(self, early: bool = False) -> None:
        assert self.session is not None
        if early:
            self.session.end_early()
        self.session.finish()
        self.post_message(AttemptFinished(self.session.attempt.id))

    def on_attempt_finished(self, message: AttemptFinished) -> None:
        self.finished_attempt = message.attempt_id
        self.query_one(Countdown).stop()
        self.commsim.refresh_records()
        self.refresh_bindings()
        if self._feedback_on_finish:
            self.action_feedback()
        else:
            self._note("The consultation has ended. Press Enter to see your feedback.")

    def action_feedback(self) -> None:
        if self.finished_attempt is not None:
            hints = self.session.attempt.hints if self.session is not None else self.hints
            self.commsim.show_feedback(self.finished_attempt, self.scenario, hints=hints)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "feedback":
            return self.finished_attempt is not None
        if action in ("hint", "guided", "end", "idioms"):
            return self.session is not None and not self.session.finished
        return True

    def action_end(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes and self.session is not None and not self.session.finished:
                self._feedback_on_finish = True
                self.busy = True
                self._finish(early=True)

        self.app.push_screen(
            ConfirmScreen(
                "End the consultation now?",
                "Your answers so far will be scored and you will see your feedback.",
                "End and see feedback",
                "Keep going",
            ),
            confirmed,
        )

    def action_leave(self) -> None:
        if self.session is None or self.finished_attempt is not None:
            self.commsim.go_library()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.commsim.refresh_records()
                self.commsim.go_library()

        self.app.push_screen(
            ConfirmScreen(
                "Leave this consultation?",
                "Everything you have said is saved. You can carry on later from the library.",
                "Leave",
                "Stay",
            ),
            confirmed,
        )

    # -- help on request ---------------------------------------------------------------------

    def action_hint(self) -> None:
        if self.session is None:
            return
        self.hints += 1
        self.query_one(Transcript).add(TranscriptEntry("hint", "Hint", reflow(self.session.hint())))

    def action_idioms(self) -> None:
        if self.session is not None:
            self.app.push_screen(IdiomsScreen(self._idiom_notes()))

    def _idiom_notes(self) -> list[IdiomNote]:
        """The idioms underlined so far, the most recent line's first."""
        assert self.session is not None
        glossary = self.session.library.glossary
        lines = [e for e in self.query_one(Transcript).entries() if e.kind == "counterpart"]
        latest = set(lines[-1].idioms) if lines else set()
        notes: dict[str, IdiomNote] = {}
        for entry in reversed(lines):
            for phrase in entry.idioms:
                if phrase.casefold() in notes:
                    continue
                idiom = glossary.idiom(phrase)
                meaning = idiom.meaning if idiom else "(not in the glossary yet)"
                notes[phrase.casefold()] = IdiomNote(
                    phrase, meaning, idiom.example if idiom else None, phrase in latest
                )
        return list(notes.values())

    def action_guided(self) -> None:
        self.guided = not self.guided
        self._show_choices()
        if self.guided:
            self.query_one(GuidedChoices).focus()
        else:
            self.query_one(AnswerBox).focus()

    def on_key(self, event: Key) -> None:
        """Typing while the guided choices have the focus goes to the answer box: free text always wins."""
        box = self.query_one(AnswerBox)
        if self.focused is box or box.read_only or not event.is_printable or not event.character:
            return
        box.focus()
        box.insert(event.character)
        event.stop()

    def _show_choices(self) -> None:
        choices = self.query_one(GuidedChoices)
        session = self.session
        choices.display = bool(self.guided and session is not None and not session.finished)
        if not choices.display or session is None:
            return
        node_id = session.consultation.node_id
        shuffle = random.Random(zlib.crc32(node_id.encode()))
        options = [shuffle.choice(r.examples) for r in session.consultation.eligible_responses()]
        shuffle.shuffle(options)
        choices.show_choices(options)

    @on(GuidedChoices.Chosen)
    def _chosen(self, event: GuidedChoices.Chosen) -> None:
        box = self.query_one(AnswerBox)
        box.text = event.text
        box.move_cursor(box.document.end)
        box.focus()

    @on(Countdown.Expired)
    def _time_up(self) -> None:
        if self.session is not None and not self.session.finished:
            self._note(
                f"Time is up ({self.scenario.minutes} minutes). In the exam the station would end here; "
                "carry on to practise, or press ctrl+e to end."
            )

    # -- rendering ----------------------------------------------------------------------------

    def _entry(self, turn: Turn) -> TranscriptEntry:
        if turn.speaker == "learner":
            return TranscriptEntry("learner", "You", turn.text)
        forms: list[list[str]] = []
        if turn.idioms and self.session is not None:
            for phrase in turn.idioms:
                idiom = self.session.library.glossary.idiom(phrase)
                forms.append([phrase, *([idiom.phrase, *idiom.variants] if idiom else [])])
        return TranscriptEntry("counterpart", self.scenario.persona.name, turn.text, idioms=forms)

    def _note(self, text: str) -> None:
        self.query_one(Transcript).add(TranscriptEntry("note", "commsim", text))
