"""What the counterpart's everyday expressions mean, shown only when the learner asks (ctrl+l)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from commsim.tui.screens.base import CommsimModal


@dataclass(frozen=True)
class IdiomNote:
    phrase: str
    meaning: str
    example: str | None
    latest: bool
    """Used in the counterpart's most recent line."""


class IdiomsScreen(CommsimModal):
    """The idioms met so far, the most recent line's first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+l,enter", "dismiss", "Back to the consultation"),
    ]

    def __init__(self, notes: list[IdiomNote]) -> None:
        super().__init__(classes="dialog-screen")
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content("Everyday expressions and what they mean"), classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll"):
                if not self.notes:
                    yield Static(Content("No idioms so far. Underlined words in their lines are idioms."))
                for note in self.notes:
                    parts: list[str | tuple[str, str]] = [(note.phrase, "bold underline")]
                    if note.latest:
                        parts.append(("  (just now)", "italic"))
                    parts += ["\n", note.meaning]
                    if note.example:
                        parts += ["\n", ("For example: ", "italic"), note.example]
                    yield Static(Content.assemble(*parts), classes="idiom")
            yield Static(Content("esc: back to the consultation"), classes="dialog-hint")
