"""Guided mode: the scenario's example answers at this point, offered as choices to pick from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class GuidedChoices(OptionList):
    """Numbered choices; picking one posts ``Chosen`` with its text (to edit, then send)."""

    @dataclass
    class Chosen(Message):
        text: str

    def show_choices(self, choices: Sequence[str]) -> None:
        self.clear_options()
        self.add_options(Option(Content(f"{i}. {text}"), id=str(i)) for i, text in enumerate(choices, start=1))
        self._texts = list(choices)
        if choices:
            self.highlighted = 0
        # Options added while the list was hidden do not re-measure its height by themselves.
        self.call_after_refresh(self.refresh, layout=True)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self._texts[event.option_index]))
