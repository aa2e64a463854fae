"""Scoring a whole attempt: every learner turn, then rubric scores and a grade.

Each learner turn is scored with the counterpart's previous line as context.
Across the attempt, a criterion counts as met if any turn met it, and its
evidence is the first turn that did (for a negative criterion too: the
learner is shown the words that cost them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from commsim.model import Grade, Rubric
from commsim.scoring.grades import grade_for, rubric_score
from commsim.scoring.scorer import RubricResult, Scorer


@dataclass(frozen=True)
class CriterionOutcome:
    """A criterion across the whole attempt."""

    id: str
    met: bool
    evidence: str | None
    turn: int | None
    """Index, among the learner's answers, of the answer that gave the evidence."""
    applicable: bool = True


@dataclass(frozen=True)
class RubricOutcome:
    rubric: Rubric
    score: int
    criteria: dict[str, CriterionOutcome]


@dataclass(frozen=True)
class AttemptScore:
    """Scores for every answer, each rubric's total, and the grade."""

    per_turn: list[dict[str, RubricResult]]
    rubrics: dict[str, RubricOutcome] = field(default_factory=dict)
    grade: Grade = "fail"

    def criteria_met_in_turn(self, index: int) -> dict[str, list[str]]:
        return {rid: result.met for rid, result in self.per_turn[index].items()}

    def to_json(self) -> dict[str, object]:
        return {
            rid: {
                "score": outcome.score,
                "criteria": {cid: {"met": c.met, "evidence": c.evidence} for cid, c in outcome.criteria.items()},
            }
            for rid, outcome in self.rubrics.items()
        }


def score_turn(scorer: Scorer, rubric_ids: Sequence[str], text: str, context: str | None) -> dict[str, RubricResult]:
    return {rid: scorer.score(rid, text, context) for rid in rubric_ids}


def score_attempt(
    scorer: Scorer,
    rubric_ids: Sequence[str],
    answers: Sequence[tuple[str, str | None]],
    ending_quality: str | None,
    per_turn: list[dict[str, RubricResult]] | None = None,
) -> AttemptScore:
    """Score a sequence of ``(answer, counterpart's previous line)`` pairs.

    ``per_turn`` may carry results already computed turn by turn (as the TUI
    does while the learner types), so nothing is scored twice.
    """
    results = list(per_turn or [])
    for text, context in answers[len(results) :]:
        results.append(score_turn(scorer, rubric_ids, text, context))
    outcomes: dict[str, RubricOutcome] = {}
    for rid in rubric_ids:
        rubric = scorer.rubrics[rid]
        criteria: dict[str, CriterionOutcome] = {}
        for criterion in rubric.criteria:
            found = next(
                (
                    (i, r[rid].criteria[criterion.id])
                    for i, r in enumerate(results)
                    if r[rid].criteria[criterion.id].met
                ),
                None,
            )
            if found:
                criteria[criterion.id] = CriterionOutcome(criterion.id, True, found[1].evidence, found[0])
            else:
                applicable = any(r[rid].criteria[criterion.id].applicable for r in results)
                criteria[criterion.id] = CriterionOutcome(criterion.id, False, None, None, applicable)
        met = [cid for cid, c in criteria.items() if c.met]
        skipped = [cid for cid, c in criteria.items() if not c.applicable]
        outcomes[rid] = RubricOutcome(rubric, rubric_score(rubric, met, skipped), criteria)
    grade = grade_for([o.score for o in outcomes.values()], ending_quality) if results else "fail"
    return AttemptScore(results, outcomes, grade)
