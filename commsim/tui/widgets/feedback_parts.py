"""The pieces of the feedback screen: a rubric's score and each criterion with its evidence.

A criterion is marked with a symbol and a word (``✔ met``, ``✘ missed``), so
the outcome reads without colour; the learner's quoted words and the model
phrase are shown exactly as they were written.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from commsim.report.render import CriterionView, RubricView

MARKS = {
    "met": "✔ met",
    "avoided": "✔ avoided",
    "missed": "✘ missed",
    "happened": "✘ happened",
    "did not arise": "– n/a",
}
BAR_WIDTH = 20


def score_bar(score: int, width: int = BAR_WIDTH) -> str:
    filled = round(score * width / 100)
    return "█" * filled + "░" * (width - filled)


def criterion_body(view: CriterionView) -> Content:
    parts: list[str | tuple[str, str]] = [(view.title, "bold")]
    if view.quote:
        where = f" (answer {view.answer})" if view.answer else ""
        parts += ["\n", ("You said: ", "italic"), f"“{view.quote}”{where}"]
    if view.feedback:
        parts += ["\n", view.feedback]
    if view.status == "did not arise":
        parts += ["\n", ("This did not come up in your conversation, so it is not scored.", "italic")]
    if view.model_phrase:
        parts += ["\n", ("A UK doctor might say: ", "italic"), f"“{view.model_phrase}”"]
    return Content.assemble(*parts)


class CriterionItem(Horizontal):
    """``✔ met | Explains the procedure / You said: “...” / feedback / model phrase``."""

    def __init__(self, view: CriterionView) -> None:
        super().__init__(classes="criterion " + ("-good" if view.good else "-bad"))
        self.view = view

    def compose(self) -> ComposeResult:
        yield Static(Content(MARKS.get(self.view.status, self.view.status)), classes="mark")
        yield Static(criterion_body(self.view), classes="body")


class RubricPanel(Vertical):
    """A rubric's title and score, then its criteria."""

    def __init__(self, view: RubricView) -> None:
        super().__init__(classes="rubric")
        self.view = view

    def compose(self) -> ComposeResult:
        view = self.view
        yield Static(
            Content.assemble((view.title, "bold"), f"  {view.score}/100  ", score_bar(view.score)),
            classes="rubric-title",
        )
        for criterion in view.criteria:
            yield CriterionItem(criterion)
