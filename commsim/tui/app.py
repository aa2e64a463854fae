"""The commsim app: screens, themes, the store and the library, wired together.

``create_app`` is the one way to build the app: the CLI, the snapshot tests
and the start-up benchmark all call it. The app owns the long-lived things
(the library, the attempts database, the learner's records) and the
navigation between screens; each screen owns its own piece of work. Loading
and every database call run in thread workers, so the interface never waits
on the disk.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from commsim.errors import CommsimError
from commsim.library import Library
from commsim.model import GRADES, Scenario
from commsim.store import Attempt, Store
from commsim.tui.catalogue import ScenarioSummary, preview
from commsim.tui.commands import CommsimCommands
from commsim.tui.library_cache import cached_library, load_library
from commsim.tui.messages import CataloguePreview, LibraryLoaded, RecordsLoaded, ScenarioReloaded, StoreOpened
from commsim.tui.options import AppOptions
from commsim.tui.screens.briefing import BriefingScreen
from commsim.tui.screens.consultation import ConsultationScreen
from commsim.tui.screens.feedback import FeedbackScreen
from commsim.tui.screens.help import HelpScreen
from commsim.tui.screens.library import LibraryScreen
from commsim.tui.screens.progress import ProgressScreen
from commsim.tui.screens.resume import ResumeScreen
from commsim.tui.themes import THEMES, theme_name


class CommsimApp(App[int]):
    """Practise NHS consultations: the learner's terminal app."""

    CSS_PATH = "commsim.tcss"
    TITLE = "commsim"
    COMMANDS: ClassVar = App.COMMANDS | {CommsimCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", priority=True),
        Binding("f2", "progress", "Progress", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, options: AppOptions | None = None) -> None:
        self.options = options or AppOptions()
        super().__init__()
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = theme_name(self.options.theme)
        self.library: Library | None = self.options.library
        self.store: Store | None = None
        self.store_error: str | None = None
        self.attempts: list[Attempt] = []
        self.countdown = self.options.countdown
        self.library_changed: Signal[Library] = Signal(self, "library-changed")
        self.catalogue_preview: Signal[list[ScenarioSummary]] = Signal(self, "catalogue-preview")
        self.records_changed: Signal[list[Attempt]] = Signal(self, "records-changed")
        self.scenario_reloaded: Signal[Scenario] = Signal(self, "scenario-reloaded")
        self._store_ready = threading.Event()
        self._resume_offered = self.options.scenario is not None
        self._watched_stamp: tuple[int, int] | None = None

    # -- start-up ----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return LibraryScreen()

    def on_mount(self) -> None:
        if self.library is None:
            self._load_library()
        else:
            self.call_later(self.library_changed.publish, self.library)
            self._warm_scorer()
        self._open_store()
        if self.options.scenario is not None:
            self.open_briefing(self.options.scenario)
        if self.options.watch and self.options.source is not None:
            self._watched_stamp = _stamp(self.options.source)
            self.set_interval(self.options.watch_interval, self._check_watched)

    @work(thread=True, exit_on_error=False, group="library")
    def _load_library(self) -> None:
        use_cache = self.options.use_cache
        library = cached_library() if use_cache else None
        if library is None:
            # A cold start: list the scenarios at once, then check them all.
            self.post_message(CataloguePreview(preview()))
            library = load_library(use_cache)
        self.post_message(LibraryLoaded(library))

    def on_catalogue_preview(self, message: CataloguePreview) -> None:
        if self.library is None:
            self.catalogue_preview.publish(message.summaries)

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        self.library = message.library
        self.library_changed.publish(message.library)
        self._warm_scorer()

    @work(thread=True, exit_on_error=False, group="warm")
    def _warm_scorer(self) -> None:
        """Build the scorer before the first answer, so the first reply is as quick as the rest."""
        if self.library is not None:
            _ = self.library.scorer

    @work(thread=True, exit_on_error=False, group="store")
    def _open_store(self) -> None:
        options = self.options
        try:
            kwargs = {"clock": options.clock} if options.clock is not None else {}
            store = Store.open(options.db, **kwargs)
        except CommsimError as error:
            self.post_message(StoreOpened(None, str(error)))
            return
        self.post_message(StoreOpened(store))

    def on_store_opened(self, message: StoreOpened) -> None:
        self.store, self.store_error = message.store, message.error
        self._store_ready.set()
        if message.error:
            self.notify(
                f"Your attempts cannot be saved: {message.error}",
                title="Attempts database",
                severity="error",
                timeout=15,
                markup=False,
            )
        self.refresh_records()

    @work(thread=True, exit_on_error=False, group="records", exclusive=True)
    def refresh_records(self) -> None:
        """Re-read the learner's attempts (after one starts or finishes)."""
        if self.store is not None:
            self.post_message(RecordsLoaded(self.store.attempts(learner=self.options.learner)))

    def on_records_loaded(self, message: RecordsLoaded) -> None:
        self.attempts = message.attempts
        self.records_changed.publish(message.attempts)
        unfinished = self.unfinished()
        if not self._resume_offered:
            # Offered once, at start-up only: later loads follow attempts this run began.
            self._resume_offered = True
            if unfinished and len(self.screen_stack) == 1:
                self.push_screen(ResumeScreen(unfinished[0]), self._resume_chosen)

    def _resume_chosen(self, attempt_id: int | None) -> None:
        if attempt_id is not None:
            self.resume_attempt(attempt_id)

    # -- what screens ask of the app ------------------------------------------------

    def wait_for_store(self, timeout: float = 30.0) -> Store:
        """The open store, waiting for it if start-up is still opening it (call from a worker thread only)."""
        if not self._store_ready.wait(timeout):
            raise CommsimError("the attempts database is taking too long to open; try again")
        if self.store is None:
            raise CommsimError(f"your attempts cannot be saved, so practice cannot start: {self.store_error}")
        return self.store

    def unfinished(self, scenario_id: str | None = None) -> list[Attempt]:
        """The learner's open attempts (newest first), optionally at one scenario."""
        return [a for a in self.attempts if not a.finished and scenario_id in (None, a.scenario_id)]

    def best_grades(self) -> dict[str, str]:
        """Scenario id → the best grade the learner has reached there."""
        best: dict[str, str] = {}
        for attempt in self.attempts:
            if attempt.finished and attempt.grade:
                current = best.get(attempt.scenario_id)
                if current is None or GRADES.index(attempt.grade) > GRADES.index(current):  # type: ignore[arg-type]
                    best[attempt.scenario_id] = attempt.grade
        return best

    def source_of(self, scenario: Scenario) -> Path | None:
        """The YAML file of a scenario the app was started with from a path (not from the library)."""
        if self.options.scenario is not None and scenario.id == self.options.scenario.id:
            return self.options.source
        return None

    def scenario_for(self, attempt: Attempt) -> Scenario | None:
        if self.options.scenario is not None and attempt.scenario_id == self.options.scenario.id:
            return self.options.scenario
        if self.library is not None:
            return self.library.scenarios.get(attempt.scenario_id)
        return None

    def show_error(self, error: BaseException) -> None:
        """The one place errors from workers reach the learner: a message, never a traceback."""
        if isinstance(error, CommsimError):
            self.notify(str(error), title="Sorry", severity="error", timeout=12, markup=False)
        else:
            self.log.error(error)
            self.notify(
                f"Something went wrong: {type(error).__name__}: {error}",
                title="Internal error",
                severity="error",
                timeout=12,
                markup=False,
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)

    # -- navigation ---------------------------------------------------------------

    def go_library(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def open_briefing(self, scenario: Scenario) -> None:
        self.go_library()
        self.push_screen(BriefingScreen(scenario))

    def start_consultation(self, scenario: Scenario, *, guided: bool = False, resume: int | None = None) -> None:
        screen = ConsultationScreen(scenario, guided=guided, resume=resume)
        if isinstance(self.screen, (BriefingScreen, FeedbackScreen)):
            self.switch_screen(screen)
        else:
            self.go_library()
            self.push_screen(screen)

    def resume_attempt(self, attempt_id: int) -> None:
        attempt = next((a for a in self.attempts if a.id == attempt_id), None)
        scenario = self.scenario_for(attempt) if attempt else None
        if attempt is None or scenario is None:
            self.notify("That attempt's scenario is no longer in the library.", severity="error", markup=False)
            return
        self.start_consultation(scenario, resume=attempt_id)

    def show_feedback(self, attempt_id: int, scenario: Scenario | None, hints: int | None = None) -> None:
        screen = FeedbackScreen(attempt_id, scenario, hints=hints)
        if isinstance(self.screen, ConsultationScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "progress":
            # Mid-consultation the learner leaves first (esc), which says their answers are kept;
            # a briefing's footer is full with its own keys.
            return not isinstance(self.screen, (ConsultationScreen, ProgressScreen, BriefingScreen))
        return True

    def action_progress(self) -> None:
        if not isinstance(self.screen, ProgressScreen):
            self.go_library()
            self.push_screen(ProgressScreen())

    def action_library(self) -> None:
        self.go_library()

    def action_set_theme(self, short: str) -> None:
        self.theme = theme_name(short)

    def action_toggle_countdown(self) -> None:
        self.countdown = not self.countdown
        self.notify(f"Countdown {'on' if self.countdown else 'off'}.", markup=False)

    def get_system_commands(self, screen: Screen):
        # commsim offers its own three themes (light, dark, high contrast) in the palette.
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command
        yield SystemCommand("Help", "How commsim works, and every key", self.action_help)

    # -- watching a scenario file (for authors) --------------------------------------------

    def _check_watched(self) -> None:
        source = self.options.source
        if source is None:
            return
        stamp = _stamp(source)
        if stamp != self._watched_stamp and stamp is not None:
            self._watched_stamp = stamp
            self._reload_watched(source)

    @work(thread=True, exit_on_error=False, group="watch", exclusive=True)
    def _reload_watched(self, source: Path) -> None:
        library = self.library
        if library is None:
            return
        self.post_message(ScenarioReloaded(library.read_scenario(source)))

    def on_scenario_reloaded(self, message: ScenarioReloaded) -> None:
        self.options.scenario = message.scenario
        self.notify(f"Reloaded {self.options.source}", title="Scenario changed", markup=False)
        self.scenario_reloaded.publish(message.scenario)

    async def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def create_app(options: AppOptions | None = None, **overrides: object) -> CommsimApp:
    """The app, for the CLI, the tests and the benchmark.

    Args:
        options: how to start; keyword ``overrides`` set single fields of a default ``AppOptions``.
    """
    if options is None:
        options = AppOptions(**overrides)  # type: ignore[arg-type]
    return CommsimApp(options)


def run_app(options: AppOptions) -> int:
    """Run the app in the terminal until the learner quits; return the exit code."""
    app = create_app(options)
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()
    return app.return_code or 0
