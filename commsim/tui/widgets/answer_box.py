"""Where the learner types: Enter sends; Alt+Enter, Shift+Enter or Ctrl+J starts a new line."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea

NEWLINE_KEYS = frozenset({"shift+enter", "alt+enter", "ctrl+j", "newline", "ctrl+enter"})
"""Terminals differ in which of these they can send; Ctrl+J works in all of them."""


class AnswerBox(TextArea):
    """A multi-line answer box that sends on Enter."""

    @dataclass
    class Submitted(Message):
        """The learner pressed Enter; ``text`` is what they typed (possibly blank)."""

        answer_box: AnswerBox
        text: str

        @property
        def control(self) -> AnswerBox:
            return self.answer_box

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder="Type what you would say to them, then press Enter",
        )
        self.cursor_blink = cursor_blink

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only:
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self._replace_via_keyboard("\n", start, end)
            return
        await super()._on_key(event)
