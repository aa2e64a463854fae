"""The help screen: how a consultation works and every key, in plain words."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from commsim.tui.screens.base import CommsimModal

HELP = """\
## How commsim works

1. **Choose a scenario** in the library: type to filter, use the arrow keys, press **Enter**.
2. **Read the briefing**: it is the instructions you would get outside a PLAB 2 station.
   Press **Enter** to start, or **g** to start *guided* (example answers to choose from).
3. **Talk**: type what you would say and press **Enter**. The patient, relative or colleague
   answers according to what you said. There are no right words to hit: say it your way.
4. **Read your feedback**: your grade, what you did well and what you missed, quoting
   your own words, with what a UK doctor might say instead.

Everything you say is saved as you say it. If you stop, you can carry on later.

## Keys in a consultation

| key | what it does |
| --- | --- |
| Enter | send your answer |
| Ctrl+J | start a new line in your answer (Shift+Enter or Alt+Enter too, where your terminal sends them) |
| Ctrl+L | explain the underlined everyday expressions (idioms) |
| Ctrl+T | a hint for what to do next (it does not change your score; the number of hints is shown in feedback) |
| Ctrl+G | guided mode on or off: example answers to choose from |
| Ctrl+E | end the consultation now and see your feedback |
| Esc | leave; your answers are kept and you can carry on later |

## Everywhere

| key | what it does |
| --- | --- |
| F1 | this help |
| F2 | your progress over time |
| Ctrl+P | the command palette: open a scenario, change the theme (light, dark, high contrast) |
| Ctrl+Q | quit |

Idioms are underlined **and** listed under the line; met and missed criteria are marked
with ✔ and ✘ **and** the words "met" and "missed": nothing depends on colour.
"""


class HelpScreen(CommsimModal):
    """Keys and the flow of a practice session; any of esc, F1, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,question_mark", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide help"):
            with VerticalScroll(id="help-scroll", can_focus=True):
                yield Markdown(HELP, id="help-text")
            yield Static(Content("↑↓ scroll · esc closes the help"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
