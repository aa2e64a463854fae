"""The library screen, what ``commsim`` opens: every scenario, a filter as you type, and Enter to begin.

The filter box has the focus from the start, so a learner can simply type
("consent", "registrar"); the arrow keys move through the table from the box,
and Enter opens the highlighted scenario's briefing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import DataTable, Footer, Input, LoadingIndicator, Select, Static

from commsim.library import Library
from commsim.scoring import GRADE_LABELS
from commsim.tui.catalogue import ScenarioSummary, summaries
from commsim.tui.screens.base import CommsimScreen
from commsim.tui.widgets.scenario_table import ScenarioRow, ScenarioTable
from commsim.tui.widgets.top_bar import TopBar

ALL_SKILLS = ""


class LibraryScreen(CommsimScreen):
    """Choose a scenario."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open briefing", priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("escape", "clear_filter", "Clear filter"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    AUTO_FOCUS = "#filter"

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.summaries: list[ScenarioSummary] = []
        self._skills: list[str] = []
        self._pending: str | None = None
        """A scenario chosen while the library was still loading: opened when it arrives."""

    def compose(self) -> ComposeResult:
        yield TopBar("commsim · Scenario library", "Loading…", id="top")
        with Horizontal(id="filters"):
            yield Input(
                placeholder="Type to filter: consent, registrar, idiom…",
                id="filter",
                compact=True,
                select_on_focus=False,
            )
            yield Select[str]([], prompt="All skills", id="skill", compact=True, allow_blank=True)
        with Vertical(id="table-area"):
            yield LoadingIndicator(id="loading")
            yield ScenarioTable(id="scenarios")
            yield Static(id="empty", classes="notice")
        yield Static(id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenarios").display = False
        self.query_one("#empty").display = False
        self.commsim.catalogue_preview.subscribe(self, self._show_summaries)
        self.commsim.library_changed.subscribe(self, self._library_changed)
        self.commsim.records_changed.subscribe(self, lambda _: self._refresh())
        if self.commsim.library is not None:
            self._library_changed(self.commsim.library)

    def _show_summaries(self, summaries: list[ScenarioSummary]) -> None:
        self.summaries = summaries
        skills = sorted({s.casefold(): s for sc in summaries for s in sc.skills}.values(), key=str.casefold)
        if skills != self._skills:  # Setting the options again would clear a skill already chosen.
            self._skills = skills
            self.query_one("#skill", Select).set_options([(Content(s), s) for s in skills])
        self.query_one("#loading").display = False
        self._refresh()

    def _library_changed(self, library: Library) -> None:
        self.library = library
        self._show_summaries(summaries(library))
        if library.problems:
            self.notify(
                f"{len(library.problems)} problem(s) in the library files; run 'commsim validate' to see them.",
                severity="warning",
                markup=False,
            )
        pending, self._pending = self._pending, None
        if pending in library.scenarios and self.is_current:
            self.commsim.open_briefing(library.scenarios[pending])

    # -- filtering ------------------------------------------------------------------

    def _matching(self) -> list[ScenarioSummary]:
        query = self.query_one("#filter", Input).value.strip()
        skill = self.query_one("#skill", Select).value
        found = [s for s in self.summaries if s.matches(query)]
        if isinstance(skill, str) and skill:
            found = [s for s in found if skill.casefold() in (k.casefold() for k in s.skills)]
        return sorted(found, key=lambda s: (s.difficulty, s.title.casefold()))

    def _refresh(self) -> None:
        if not self.summaries and self.library is None:
            return
        best = self.commsim.best_grades()
        rows = [
            ScenarioRow(
                id=s.id,
                title=s.title,
                counterpart=s.counterpart,
                setting=s.setting,
                skills=s.skills,
                level=s.difficulty,
                minutes=s.minutes,
                best=GRADE_LABELS.get(best.get(s.id, ""), "—"),
            )
            for s in self._matching()
        ]
        table = self.query_one(ScenarioTable)
        table.show(rows)
        table.display = bool(rows)
        empty = self.query_one("#empty", Static)
        empty.display = not rows
        if not rows:
            empty.update(Content("No scenario matches. Press esc to clear the filter, or choose another skill."))
        total = len(self.summaries)
        self.query_one(TopBar).set_status(f"{len(rows)} of {total} scenarios · learner: {self.commsim.options.learner}")
        self._show_details()

    @on(Input.Changed, "#filter")
    @on(Select.Changed, "#skill")
    def _filter_changed(self) -> None:
        self._refresh()

    @on(DataTable.RowHighlighted)
    def _show_details(self) -> None:
        details = self.query_one("#details", Static)
        summary = self._highlighted()
        if summary is None:
            details.update("")
            return
        parts: list[Content | str | tuple[str, str]] = [
            ("Setting ", "bold"),
            summary.setting,
            "\n",
            ("Skills  ", "bold"),
            ", ".join(summary.skills) or "—",
        ]
        open_ones = self.commsim.unfinished(summary.id)
        if open_ones:
            answers = max(0, (open_ones[0].turns - 1) // 2)
            plural = "s" if answers != 1 else ""
            parts += ["\n", ("Unfinished ", "bold"), f"open its briefing to carry on ({answers} answer{plural} so far)"]
        details.update(Content.assemble(*parts))

    def _highlighted(self) -> ScenarioSummary | None:
        if not self.query_one(ScenarioTable).display:
            return None
        scenario_id = self.query_one(ScenarioTable).highlighted_id
        return next((s for s in self.summaries if s.id == scenario_id), None)

    # -- keys ---------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        table = self.query_one(ScenarioTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)), animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Let an open skill list use the arrow keys and Enter itself.
        return not (action in ("move", "open") and self.query_one("#skill", Select).expanded)

    def action_open(self) -> None:
        summary = self._highlighted()
        if summary is None:
            return
        if self.library is None:
            self._pending = summary.id
            self.notify("Opening it as soon as the library has loaded…", markup=False, timeout=3)
        elif summary.id in self.library.scenarios:
            self.commsim.open_briefing(self.library.scenarios[summary.id])

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def on_screen_resume(self) -> None:
        # Back from a briefing or feedback: the filter is kept, selected, so typing starts a new one.
        filter_box = self.query_one("#filter", Input)
        if self.focused is filter_box:
            filter_box.select_all()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#skill", Select).clear()
        self.query_one("#filter", Input).focus()

    def on_key(self, event: Key) -> None:
        """Type to filter from anywhere on the screen: letters go to the filter box."""
        filter_box = self.query_one("#filter", Input)
        if self.focused is filter_box or self.query_one("#skill", Select).has_focus_within or not event.is_printable:
            return
        if event.character:
            filter_box.focus()
            filter_box.insert_text_at_cursor(event.character)
            event.stop()
