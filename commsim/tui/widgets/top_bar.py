"""The one-line bar at the top of each screen: where you are on the left, status on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class TopBar(Horizontal):
    """``commsim · Library`` on the left; counts, timers or meters on the right."""

    def __init__(self, title: Content | str, status: Content | str = "", *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._title = _plain(title)
        self._status = _plain(status)

    def compose(self) -> ComposeResult:
        yield Static(self._title, classes="top-title")
        yield Static(self._status, classes="top-status")

    def set_title(self, title: Content | str) -> None:
        self._title = _plain(title)
        if self.is_mounted:
            self.query_one(".top-title", Static).update(self._title)

    def set_status(self, status: Content | str) -> None:
        self._status = _plain(status)
        if self.is_mounted:
            self.query_one(".top-status", Static).update(self._status)


def _plain(value: Content | str) -> Content:
    """Text as literal content: a scenario title such as ``[bold] test`` stays as written."""
    return value if isinstance(value, Content) else Content(value)
