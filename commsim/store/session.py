"""A consultation that is stored as it is played, and can be picked up after a crash.

``AttemptSession`` joins the pure engine, the scorer and the store: each
answer goes to the ``Consultation``, is scored against the scenario's rubrics,
and the answer with the counterpart's reply is committed in one transaction
before ``respond`` returns. The terminal loop, ``play --script`` with a
database, and the TUI all play through it.

Resuming replays the stored answers through ``Consultation.replay`` (the
engine is deterministic) and checks that the replay says exactly what was
stored; if the scenario has changed so that it would not, the attempt is not
resumed rather than continued from a different place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from commsim.engine import Consultation, Reply, Turn
from commsim.errors import CommsimError, InvalidFileError
from commsim.library import Library
from commsim.model import Scenario
from commsim.runner import learner_answers
from commsim.scoring import AttemptScore, RubricResult, score_attempt, score_turn
from commsim.store.models import (
    Attempt,
    AttemptOutcome,
    AttemptRecord,
    CriterionRecord,
    NewTurn,
    RubricScoreRecord,
)
from commsim.store.repository import Store


@dataclass
class AttemptSession:
    """One attempt being played: the consultation in memory, every turn on disk."""

    store: Store
    library: Library
    consultation: Consultation
    attempt: Attempt
    per_turn: list[dict[str, RubricResult]] = field(default_factory=list)
    score: AttemptScore | None = None
    resumed_turns: int = 0
    """How many turns were already stored when this session picked the attempt up."""

    @classmethod
    def start(
        cls,
        store: Store,
        library: Library,
        scenario: Scenario,
        learner: str,
        *,
        mode: str = "terminal",
        source: str | None = None,
    ) -> AttemptSession:
        """Begin and store a new attempt; the counterpart's opening line is its first turn.

        Args:
            source: the YAML file the scenario was read from, when it is not in the library
                (so that ``resume`` can find it again).
        """
        consultation = Consultation(scenario)
        attempt = store.start_attempt(
            learner,
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            rubrics=scenario.rubrics,
            skills=scenario.skills,
            mode=mode,
            source=source,
            turns=[_new_turn(t) for t in consultation.turns],
        )
        return cls(store, library, consultation, attempt)

    @classmethod
    def resume(cls, store: Store, library: Library, attempt_id: int) -> AttemptSession:
        """Pick up an unfinished attempt where it stopped.

        Raises:
            CommsimError: the attempt has finished, its scenario cannot be found,
                or the scenario has changed so the stored turns no longer replay.
        """
        record = store.load_attempt(attempt_id)
        attempt = record.attempt
        if attempt.finished:
            raise CommsimError(f"attempt {attempt_id} has finished; see its feedback with: commsim report {attempt_id}")
        scenario = scenario_of(library, record)
        consultation = Consultation.replay(scenario, record.answers())
        replayed = [(t.speaker, t.text, t.node) for t in consultation.turns]
        stored = [(t.speaker, t.text, t.node) for t in record.turns]
        if replayed != stored:
            raise CommsimError(
                f"attempt {attempt_id} cannot be resumed: scenario {scenario.id!r} has changed since it began; "
                f"start again with: commsim play {scenario.id}"
            )
        session = cls(store, library, consultation, attempt, resumed_turns=len(stored))
        session.per_turn = [
            score_turn(library.scorer, scenario.rubrics, text, context)
            for text, context in learner_answers(consultation)
        ]
        return session

    @property
    def scenario(self) -> Scenario:
        return self.consultation.scenario

    @property
    def finished(self) -> bool:
        """The consultation is over (an ending or /end); ``finish`` still has to record the score."""
        return self.consultation.finished

    def respond(self, text: str) -> Reply:
        """Take one answer, score it, and commit it with the counterpart's reply before returning."""
        consultation = self.consultation
        before = len(consultation.turns)
        context = consultation.last_counterpart_line
        reply = consultation.respond(text)
        new = consultation.turns[before:]
        if not new:
            return reply  # An empty answer changes nothing and is not stored.
        turns = []
        for turn in new:
            criteria: dict[str, list[str]] = {}
            if turn.speaker == "learner":
                results = score_turn(self.library.scorer, self.scenario.rubrics, turn.text, context)
                self.per_turn.append(results)
                criteria = {rid: result.met for rid, result in results.items()}
            turns.append(_new_turn(turn, criteria))
        self.store.record_turns(self.attempt.id, before, turns)
        return reply

    def hint(self) -> str:
        """The hint for where the learner is now, recorded (hints are never scored)."""
        self.attempt = self.store.record_hint(self.attempt.id)
        return self.consultation.hint()

    def end_early(self) -> None:
        self.consultation.end_early()

    def finish(self) -> AttemptScore:
        """Score the whole attempt and record it as finished (once; later calls return the score)."""
        if self.score is not None:
            return self.score
        consultation = self.consultation
        score = score_attempt(
            self.library.scorer,
            self.scenario.rubrics,
            learner_answers(consultation),
            consultation.ending_quality,
            per_turn=self.per_turn,
        )
        self.attempt = self.store.finish_attempt(self.attempt.id, outcome_of(consultation, score))
        self.score = score
        return score


def outcome_of(consultation: Consultation, score: AttemptScore) -> AttemptOutcome:
    """What the store records at the end of an attempt, from the engine's and scorer's results."""
    rubrics = []
    for rid, outcome in score.rubrics.items():
        criteria = [
            CriterionRecord(
                id=criterion.id,
                title=criterion.title,
                negative=criterion.negative,
                met=outcome.criteria[criterion.id].met,
                applicable=outcome.criteria[criterion.id].applicable,
                evidence=outcome.criteria[criterion.id].evidence,
                turn=outcome.criteria[criterion.id].turn,
            )
            for criterion in outcome.rubric.criteria
            if criterion.id in outcome.criteria
        ]
        rubrics.append(RubricScoreRecord(id=rid, title=outcome.rubric.title, score=outcome.score, criteria=criteria))
    return AttemptOutcome(
        ending=consultation.ending_id,
        ending_quality=consultation.ending_quality,
        ended_early=consultation.ended_early,
        grade=score.grade,
        rubrics=rubrics,
    )


def scenario_of(library: Library, record: AttemptRecord) -> Scenario:
    """The scenario an attempt was played in: from the file it was played from, else from the library."""
    attempt = record.attempt
    if attempt.scenario_source and Path(attempt.scenario_source).is_file():
        try:
            return library.read_scenario(Path(attempt.scenario_source))
        except InvalidFileError as error:
            raise CommsimError(
                f"attempt {attempt.id}: its scenario file {attempt.scenario_source} has problems now: "
                f"{error.problems[0]}"
            ) from None
    if attempt.scenario_id in library.scenarios:
        return library.scenarios[attempt.scenario_id]
    raise CommsimError(
        f"attempt {attempt.id}: scenario {attempt.scenario_id!r} is no longer in the library"
        + (f" (it was read from {attempt.scenario_source})" if attempt.scenario_source else "")
    )


def _new_turn(turn: Turn, criteria: dict[str, list[str]] | None = None) -> NewTurn:
    return NewTurn(
        speaker=turn.speaker,
        text=turn.text,
        node=turn.node,
        intent=turn.intent,
        confidence=turn.confidence,
        criteria_met=criteria or {},
        idioms=list(turn.idioms),
    )
