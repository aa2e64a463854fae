"""Progress: the learner's attempts, and each skill's scores over time as sparklines."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from commsim.scoring import GRADE_LABELS
from commsim.store import Attempt
from commsim.tui.screens.base import CommsimScreen
from commsim.tui.widgets.score_trend import ScoreTrend
from commsim.tui.widgets.top_bar import TopBar


class ProgressScreen(CommsimScreen):
    """Past attempts (Enter opens one) and per-skill trends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.library", "Library"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    AUTO_FOCUS = "#attempts"

    def compose(self) -> ComposeResult:
        yield TopBar("commsim · Your progress", f"learner: {self.commsim.options.learner}", id="top")
        yield Static(
            Content.assemble(("Skills over time", "bold"), "  (each bar is one attempt, 0 to 100)"), id="trends-title"
        )
        yield Vertical(id="trends")
        table: DataTable[Text] = DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="progress-hint", classes="notice")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#attempts", DataTable)
        table.add_column("Date", key="date", width=12)
        table.add_column("Scenario", key="scenario", width=26 if self.app.size.width < 100 else 44)
        table.add_column("Grade", key="grade", width=11)
        table.add_column("Scores", key="scores")
        self.commsim.records_changed.subscribe(self, self._show)
        self._show(self.commsim.attempts)
        self.commsim.refresh_records()

    def _show(self, attempts: list[Attempt]) -> None:
        self._show_trends([a for a in reversed(attempts) if a.finished])
        table = self.query_one("#attempts", DataTable)
        table.clear()
        for attempt in attempts:
            grade = GRADE_LABELS.get(attempt.grade or "", "—") if attempt.finished else "unfinished"
            if attempt.finished:
                scores = " · ".join(f"{rid} {score}" for rid, score in attempt.scores.items())
            else:
                scores = "Enter to carry on"
            table.add_row(
                Text(f"{attempt.started_at.astimezone():%d %b %H:%M}"),
                Text(_clip(attempt.scenario_title, 44 if self.app.size.width >= 100 else 26)),
                Text(grade),
                Text(scores),
                key=str(attempt.id),
            )
        hint = self.query_one("#progress-hint", Static)
        if attempts:
            hint.update(Content("Enter: open the feedback of an attempt, or carry on an unfinished one."))
        else:
            hint.update(Content("No attempts yet. Press esc for the library and choose a scenario to practise."))

    def _show_trends(self, finished: list[Attempt]) -> None:
        """Oldest first: one row per rubric (skill) the learner has been scored on."""
        trends = self.query_one("#trends", Vertical)
        trends.remove_children()
        series: dict[str, list[int]] = {}
        for attempt in finished:
            for rid, score in attempt.scores.items():
                series.setdefault(rid, []).append(score)
        library = self.commsim.library
        titles = {rid: library.rubrics[rid].title if library and rid in library.rubrics else rid for rid in series}
        title_width = min(36, max((len(t) for t in titles.values()), default=10))
        spark_width = max((len(s) for s in series.values()), default=1)
        rows = []
        for rid, scores in series.items():
            row = ScoreTrend(classes="trend")
            row.show(titles[rid], scores, title_width, spark_width)
            rows.append(row)
        if not rows:
            rows.append(
                Static(Content("Your skills will appear here once you finish a consultation."), classes="trend")
            )
        trends.mount_all(rows)

    @on(DataTable.RowSelected, "#attempts")
    def _open(self, event: DataTable.RowSelected) -> None:
        attempt = next((a for a in self.commsim.attempts if str(a.id) == event.row_key.value), None)
        if attempt is None:
            return
        if attempt.finished:
            self.commsim.show_feedback(attempt.id, self.commsim.scenario_for(attempt))
        else:
            self.commsim.resume_attempt(attempt.id)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
