"""What every commsim screen shares: errors from its workers reach the learner as one message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from commsim.tui.app import CommsimApp


class CommsimScreen(Screen[Any]):
    """A full screen of the app."""

    @property
    def commsim(self) -> CommsimApp:
        """The app, typed."""
        return cast("CommsimApp", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.worker_failed(event.worker.error)

    def worker_failed(self, error: BaseException) -> None:
        """Called when one of this screen's workers raised; screens may add to it."""
        self.commsim.show_error(error)


class CommsimModal(ModalScreen[Any]):
    """A dialog over the current screen."""

    @property
    def commsim(self) -> CommsimApp:
        return cast("CommsimApp", self.app)
