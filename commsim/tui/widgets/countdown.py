"""The station's countdown, like the bell in a PLAB 2 exam: minutes and seconds left, in words too."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static


class Countdown(Static):
    """Time left of ``limit`` seconds, read from ``ticker`` (a monotonic clock the app passes down)."""

    class Expired(Message):
        """The time limit has been reached (once)."""

    def __init__(self, limit: int, ticker: Callable[[], float], *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.limit = limit
        self.ticker = ticker
        self._started: float | None = None
        self._expired = False
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self._render_time(self.limit)

    def start(self) -> None:
        self._started = self.ticker()
        self._expired = False
        self._tick()
        if self._timer is None:
            self._timer = self.set_interval(1, self._tick)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def remaining(self) -> int:
        if self._started is None:
            return self.limit
        return max(0, self.limit - int(self.ticker() - self._started))

    def _tick(self) -> None:
        remaining = self.remaining
        self._render_time(remaining)
        if remaining == 0 and not self._expired:
            self._expired = True
            self.post_message(self.Expired())

    def _render_time(self, remaining: int) -> None:
        self.set_class(0 < remaining <= 60, "-low")
        self.set_class(remaining == 0, "-up")
        if remaining == 0:
            self.update(Content("⏱ time is up"))
        else:
            self.update(Content(f"⏱ {remaining // 60}:{remaining % 60:02d} left"))
