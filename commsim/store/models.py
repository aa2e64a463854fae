"""What the store hands out and takes in: pydantic models, never database rows.

Callers (the CLI, the TUI, reports, the workshop) see only these models, so a
different backend can sit behind the same API. Times are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from commsim.model import Grade

Speaker = Literal["learner", "counterpart"]
AttemptStatus = Literal["open", "finished"]


class StoreModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class Learner(StoreModel):
    """Someone who practises: a display name, and no more personal data than that."""

    id: int
    name: str
    created_at: datetime


class NewTurn(StoreModel):
    """One line of the transcript as it is taken, before it is stored."""

    speaker: Speaker
    text: str
    node: str
    intent: str | None = None
    confidence: float | None = None
    criteria_met: dict[str, list[str]] = Field(default_factory=dict)
    """For a learner's answer: rubric id → ids of the criteria the answer met."""
    idioms: list[str] = Field(default_factory=list)
    """For a counterpart's line: the idioms it uses (explained in feedback)."""


class StoredTurn(NewTurn):
    seq: int
    """Position in the transcript, from 0 (the counterpart's opening line)."""
    at: datetime


class CriterionRecord(StoreModel):
    """A criterion across a whole attempt: met or not, and the learner's words that show it."""

    id: str
    title: str
    negative: bool = False
    met: bool
    applicable: bool = True
    """False when the criterion never had a chance to arise (no idiom to clarify); it is not scored."""
    evidence: str | None = None
    turn: int | None = None
    """Index, among the learner's answers, of the answer quoted as evidence."""

    @property
    def good(self) -> bool:
        """Whether this went well: a positive criterion met, or a negative one avoided."""
        return self.met != self.negative


class RubricScoreRecord(StoreModel):
    id: str
    title: str
    score: int = Field(ge=0, le=100)
    criteria: list[CriterionRecord] = Field(default_factory=list)


class AttemptOutcome(StoreModel):
    """How an attempt ended and how it scored: what ``finish_attempt`` records."""

    ending: str | None = None
    ending_quality: str | None = None
    ended_early: bool = False
    grade: Grade
    rubrics: list[RubricScoreRecord] = Field(default_factory=list)


class Attempt(StoreModel):
    """One go at a scenario, finished or still open (resumable)."""

    id: int
    learner_id: int
    learner: str
    scenario_id: str
    scenario_title: str
    scenario_source: str | None = None
    """The YAML file it was played from, when it was not in the library."""
    rubrics: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    mode: str
    status: AttemptStatus
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    ending: str | None = None
    ending_quality: str | None = None
    ended_early: bool = False
    grade: Grade | None = None
    hints: int = 0
    """How many hints the learner asked for (recorded; never scored)."""
    turns: int = 0
    """How many lines the transcript has."""
    scores: dict[str, int] = Field(default_factory=dict)
    """Rubric id → score 0–100 (finished attempts only)."""

    @property
    def finished(self) -> bool:
        return self.status == "finished"


class AttemptRecord(StoreModel):
    """An attempt with its whole transcript and its scores."""

    attempt: Attempt
    turns: list[StoredTurn] = Field(default_factory=list)
    rubrics: list[RubricScoreRecord] = Field(default_factory=list)

    def answers(self) -> list[str]:
        """The learner's answers in order (what ``Consultation.replay`` takes)."""
        return [turn.text for turn in self.turns if turn.speaker == "learner"]


class TrendPoint(StoreModel):
    """One finished attempt in a learner's progress over time."""

    attempt_id: int
    finished_at: datetime
    scenario_id: str
    scenario_title: str
    grade: Grade | None
    scores: dict[str, int]


class ForgetReport(StoreModel):
    """What ``forget_learner`` deleted, to tell the person who asked."""

    learner: str
    attempts: int
    turns: int
    rubric_scores: int
    criterion_results: int
