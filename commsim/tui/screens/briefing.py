"""The briefing: the station card to read before the consultation, and a key to begin."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from commsim.model import Scenario
from commsim.store import Attempt
from commsim.tui.screens.base import CommsimScreen
from commsim.tui.widgets.station_card import StationCard
from commsim.tui.widgets.top_bar import TopBar


class BriefingScreen(CommsimScreen):
    """Read the task, then start (freely, or guided with example answers to choose from)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("g", "start(True)", "Guided"),
        Binding("r", "resume", "Carry on"),
        Binding("t", "toggle_countdown", "Countdown"),
        Binding("escape", "app.library", "Library"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    AUTO_FOCUS = "#brief"

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield TopBar(f"Briefing · {self.scenario.title}", id="top")
        with VerticalScroll(id="brief", can_focus=True):
            yield StationCard(self.scenario, id="card")
        yield Static(id="start-notes", classes="notice")
        yield Footer()

    def on_mount(self) -> None:
        self.commsim.records_changed.subscribe(self, lambda _: self._show_notes())
        self.commsim.scenario_reloaded.subscribe(self, self._reloaded)
        self._show_notes()

    def _reloaded(self, scenario: Scenario) -> None:
        if scenario.id == self.scenario.id or self.commsim.source_of(self.scenario) is not None:
            self.scenario = scenario
            self.query_one(StationCard).show(scenario)
            self.query_one(TopBar).set_title(f"Briefing · {scenario.title}")

    def _open_attempt(self) -> Attempt | None:
        open_ones = self.commsim.unfinished(self.scenario.id)
        return open_ones[0] if open_ones else None

    def _show_notes(self) -> None:
        countdown = "on" if self.commsim.countdown else "off"
        parts: list[str | tuple[str, str]] = [
            ("Enter", "bold"),
            " starts the consultation.  ",
            ("g", "bold"),
            " starts it guided, with example answers to choose from.  ",
            ("t", "bold"),
            f" countdown: {countdown}.",
        ]
        attempt = self._open_attempt()
        if attempt is not None:
            when = f"{attempt.started_at.astimezone():%d %b %H:%M}"
            parts += ["\n", ("r", "bold"), f" carries on your unfinished attempt from {when} ({attempt.turns} lines)."]
        self.query_one("#start-notes", Static).update(Content.assemble(*parts))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self._open_attempt() is not None
        return True

    def action_start(self, guided: bool = False) -> None:
        self.commsim.start_consultation(self.scenario, guided=guided)

    def action_resume(self) -> None:
        attempt = self._open_attempt()
        if attempt is not None:
            self.commsim.start_consultation(self.scenario, resume=attempt.id)

    def action_toggle_countdown(self) -> None:
        self.commsim.countdown = not self.commsim.countdown
        self._show_notes()
