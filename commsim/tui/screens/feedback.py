"""Feedback on a finished attempt: grade, each rubric and criterion with the learner's own words,
the idioms met, the path through the branches, and the conversation itself.

The content is gathered by the report module (``build_view``), the same code
that writes the HTML report, so the screen and the report never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, LoadingIndicator, Static

from commsim.errors import CommsimError
from commsim.model import Scenario
from commsim.report import ReportView, build_view, render_report
from commsim.tui.messages import FeedbackReady, ReportSaved
from commsim.tui.prose import reflow
from commsim.tui.screens.base import CommsimScreen
from commsim.tui.widgets.feedback_parts import RubricPanel, score_bar
from commsim.tui.widgets.top_bar import TopBar
from commsim.tui.widgets.transcript import TranscriptEntry


class FeedbackScreen(CommsimScreen):
    """What went well, what to try, in the learner's own words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "again", "Again"),
        Binding("s", "save", "Save report"),
        Binding("p", "app.progress", "Progress", show=False),
        Binding("enter,escape", "app.library", "Library"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    AUTO_FOCUS = "#feedback-body"

    def __init__(self, attempt_id: int, scenario: Scenario | None, *, hints: int | None = None) -> None:
        super().__init__()
        self.attempt_id = attempt_id
        self.scenario = scenario
        self.hints = hints
        self.view: ReportView | None = None

    def compose(self) -> ComposeResult:
        title = self.scenario.title if self.scenario else f"attempt {self.attempt_id}"
        yield TopBar(f"Feedback · {title}", id="top")
        with VerticalScroll(id="feedback-body", can_focus=True):
            yield LoadingIndicator()
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="feedback")
    def _load(self) -> None:
        app = self.commsim
        store = app.wait_for_store()
        assert app.library is not None
        record = store.load_attempt(self.attempt_id)
        self.post_message(FeedbackReady(build_view(record, app.library, store.trend(self.attempt_id))))

    async def on_feedback_ready(self, message: FeedbackReady) -> None:
        self.view = view = message.view
        self.query_one(TopBar).set_status(Content.assemble("Grade: ", (view.grade_label.upper(), "bold")))
        body = self.query_one("#feedback-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._sections(view))
        body.scroll_home(animate=False)

    def _sections(self, view: ReportView) -> list:
        sections: list = [Static(self._summary(view), id="summary")]
        sections += [RubricPanel(rubric) for rubric in view.rubrics]
        if view.idioms:
            lines: list[str | tuple[str, str]] = [("Idioms you met", "bold")]
            for idiom in view.idioms:
                lines += ["\n", (idiom.phrase, "bold underline"), f": {idiom.meaning}"]
            sections.append(Static(Content.assemble(*lines), classes="section", id="idioms"))
        if view.path:
            sections.append(
                Static(
                    Content.assemble(("Your path", "bold"), "\n", " → ".join(view.path)), classes="section", id="path"
                )
            )
        sections.append(Static(Content.assemble(("Your conversation", "bold")), classes="section"))
        for turn in view.transcript:
            who = f"You (answer {turn.answer})" if turn.answer else turn.who
            kind = "learner" if turn.speaker == "learner" else "counterpart"
            sections.append(TranscriptEntry(kind, who, turn.text))
        return sections

    def _summary(self, view: ReportView) -> Content:
        parts: list[str | tuple[str, str]] = [("Grade: ", "bold"), (f" {view.grade_label.upper()} ", "bold reverse")]
        width = max((len(r.title) for r in view.rubrics), default=0)
        for rubric in view.rubrics:
            parts += ["\n", rubric.title.ljust(width), f"  {rubric.score:>3}/100  ", score_bar(rubric.score, 10)]
        if view.ended_early:
            parts += ["\n", "You ended the consultation before it reached an ending."]
        elif view.ending:
            parts += ["\n", ("How it ended: ", "bold"), reflow(view.ending_summary or view.ending)]
        if self.hints:
            plural = "s" if self.hints != 1 else ""
            parts += ["\n", f"You asked for {self.hints} hint{plural}. Hints do not change your score."]
        if len(view.trend) > 1:
            parts += ["\n", f"This is attempt {len(view.trend)} with these skills: F2 shows your progress over time."]
        return Content.assemble(*parts)

    def action_again(self) -> None:
        if self.scenario is not None:
            self.commsim.start_consultation(self.scenario)
        else:
            self.notify("That scenario is no longer in the library.", markup=False)

    def action_save(self) -> None:
        self._save()

    @work(thread=True, exit_on_error=False, group="save")
    def _save(self) -> None:
        app = self.commsim
        store = app.wait_for_store()
        assert app.library is not None
        text = render_report(store, app.library, self.attempt_id, "html")
        path = Path.cwd() / f"commsim-report-{self.attempt_id}.html"
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommsimError(f"{path}: cannot write the report ({error.strerror})") from None
        self.post_message(ReportSaved(str(path)))

    def on_report_saved(self, message: ReportSaved) -> None:
        self.notify(f"Saved your report to {message.path}", title="Report saved", markup=False, timeout=8)
