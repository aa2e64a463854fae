"""Offered at start-up when the learner has a consultation they did not finish."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from commsim.store import Attempt
from commsim.tui.screens.base import CommsimModal


class ResumeScreen(CommsimModal):
    """Dismisses with the attempt's id to carry it on, or None for later."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Not now")]

    def __init__(self, attempt: Attempt) -> None:
        super().__init__(classes="dialog-screen")
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        attempt = self.attempt
        answers = max(0, (attempt.turns - 1) // 2)
        when = f"{attempt.started_at.astimezone():%d %b at %H:%M}"
        with Vertical(classes="dialog"):
            yield Static(Content("Carry on where you stopped?"), classes="dialog-title")
            yield Static(
                Content.assemble(
                    "You began ",
                    (attempt.scenario_title, "bold"),
                    f" on {when} and gave {answers} answer{'s' if answers != 1 else ''}. ",
                    "Everything you said was saved.",
                ),
                classes="dialog-body",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Carry on"), id="yes", variant="primary")
                yield Button(Content("Not now"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.attempt.id if event.button.id == "yes" else None)
