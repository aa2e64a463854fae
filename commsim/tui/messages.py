"""Messages that carry the results of slow work (loading, storing, reporting) back to the UI thread.

Workers run in threads and never touch widgets; they post one of these, and
the screen or app that started them updates the display. Messages that belong
to one widget (an answer sent, a choice picked) live in that widget's class.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from commsim.engine import Reply
from commsim.library import Library
from commsim.model import Scenario
from commsim.report import ReportView
from commsim.store import Attempt, AttemptSession, Store
from commsim.tui.catalogue import ScenarioSummary


@dataclass
class LibraryLoaded(Message):
    """The scenarios, rubrics and glossary are loaded and checked."""

    library: Library


@dataclass
class CataloguePreview(Message):
    """The scenarios' listing fields, read quickly while the full library is still loading."""

    summaries: list[ScenarioSummary]


@dataclass
class StoreOpened(Message):
    """The attempts database is open (``store`` is None and ``error`` says why when it could not be)."""

    store: Store | None
    error: str | None = None


@dataclass
class RecordsLoaded(Message):
    """The learner's attempts, read from the store: for best grades, resume offers and progress."""

    attempts: list[Attempt]


@dataclass
class SessionReady(Message):
    """An attempt has been started (or resumed) and stored; the consultation can begin."""

    session: AttemptSession
    replayed: int = 0


@dataclass
class TurnTaken(Message):
    """The learner's answer and the counterpart's reply are stored."""

    reply: Reply
    answer: str


@dataclass
class AttemptFinished(Message):
    """The attempt is scored and recorded as finished."""

    attempt_id: int


@dataclass
class FeedbackReady(Message):
    """The feedback of a finished attempt, gathered by the report module."""

    view: ReportView


@dataclass
class ReportSaved(Message):
    """A feedback report was written to ``path``."""

    path: str


@dataclass
class ScenarioReloaded(Message):
    """The watched scenario file changed and loaded cleanly."""

    scenario: Scenario
