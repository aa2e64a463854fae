"""Scoring: which rubric criteria a learner's words meet, and what that adds up to."""

from commsim.scoring.attempt import AttemptScore, CriterionOutcome, RubricOutcome, score_attempt, score_turn
from commsim.scoring.grades import GRADE_LABELS, grade_at_least, grade_for, rubric_score
from commsim.scoring.normalise import normalise, tokenise
from commsim.scoring.patterns import PatternError, compile_pattern
from commsim.scoring.scorer import CriterionResult, RubricResult, Scorer

__all__ = [
    "AttemptScore",
    "CriterionOutcome",
    "RubricOutcome",
    "score_attempt",
    "score_turn",
    "GRADE_LABELS",
    "CriterionResult",
    "PatternError",
    "RubricResult",
    "Scorer",
    "compile_pattern",
    "grade_at_least",
    "grade_for",
    "normalise",
    "rubric_score",
    "tokenise",
]
