"""What the app is started with: one dataclass shared by the CLI, the tests and the benchmark."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commsim.library import Library
from commsim.model import Scenario

LEARNER_ENV = "COMMSIM_LEARNER"
THEME_ENV = "COMMSIM_THEME"
DEFAULT_LEARNER = "me"


def default_learner() -> str:
    return os.environ.get(LEARNER_ENV, "").strip() or DEFAULT_LEARNER


@dataclass
class AppOptions:
    """Everything that varies between runs of the app.

    Attributes:
        db: the attempts database; None means ``COMMSIM_DB`` or the default file.
        learner: the learner's display name, as stored with each attempt.
        library: an already loaded library (the CLI's); None loads it in a worker.
        scenario: open straight into this scenario's briefing.
        source: the YAML file ``scenario`` was read from, when it is not in the library.
        watch: reload ``source`` whenever it changes (for authors).
        theme: ``dark``, ``light`` or ``high-contrast`` (else ``COMMSIM_THEME``).
        countdown: show the station's countdown (the learner can turn it off).
        cursor_blink: tests turn blinking off, so screenshots are stable.
        clock: the wall clock for stored timestamps (tests freeze it).
        ticker: the monotonic clock that drives the countdown (tests freeze it).
        use_cache: keep a pickled copy of the loaded library for fast start-up.
        watch_interval: seconds between checks of the watched file.
    """

    db: Path | None = None
    learner: str = ""
    library: Library | None = None
    scenario: Scenario | None = None
    source: Path | None = None
    watch: bool = False
    theme: str | None = None
    countdown: bool = True
    cursor_blink: bool = True
    clock: Callable[[], datetime] | None = None
    ticker: Callable[[], float] = time.monotonic
    use_cache: bool = True
    watch_interval: float = 0.5

    def __post_init__(self) -> None:
        self.learner = self.learner.strip() or default_learner()
        if self.theme is None:
            self.theme = os.environ.get(THEME_ENV, "").strip() or None
