"""From criterion decisions to rubric scores and a global grade.

A rubric's score is the weighted share of its positive criteria that were met,
less a penalty for each negative criterion met, clamped to 0–100. The global
grade comes from the mean rubric score, and is capped by how the
consultation ended: a poor ending cannot pass, a middling one cannot be a
clear pass (the counterpart's outcome is part of the skill).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from commsim.model import GRADES, Grade, Rubric

NEGATIVE_PENALTY = 20
"""Points a rubric loses for each negative criterion met (times its weight)."""

GRADE_THRESHOLDS: tuple[tuple[int, Grade], ...] = ((75, "clear-pass"), (55, "pass"), (40, "borderline"))
ENDING_CAPS: Mapping[str, Grade] = {"poor": "borderline", "middling": "pass", "good": "clear-pass"}
GRADE_LABELS: Mapping[str, str] = {
    "clear-pass": "Clear pass",
    "pass": "Pass",
    "borderline": "Borderline",
    "fail": "Fail",
}


def rubric_score(rubric: Rubric, met: Iterable[str], inapplicable: Iterable[str] = ()) -> int:
    """The 0–100 score of ``rubric`` given the ids of the criteria that were met.

    Criteria in ``inapplicable`` never had the chance to arise (no idiom was
    used, so none could be clarified) and are left out of the sum.
    """
    met_ids = set(met)
    skipped = set(inapplicable) - met_ids
    positive = [c for c in rubric.criteria if not c.negative and c.id not in skipped]
    total = sum(c.weight for c in positive) or 1.0
    gained = sum(c.weight for c in positive if c.id in met_ids)
    penalty = sum(c.weight * NEGATIVE_PENALTY for c in rubric.criteria if c.negative and c.id in met_ids)
    return max(0, min(100, round(100 * gained / total - penalty)))


def grade_for(scores: Iterable[int], ending_quality: str | None = None) -> Grade:
    """The global grade for a set of rubric scores, capped by the ending's quality."""
    values = list(scores)
    mean = sum(values) / len(values) if values else 0
    grade: Grade = "fail"
    for threshold, name in GRADE_THRESHOLDS:
        if mean >= threshold:
            grade = name
            break
    cap = ENDING_CAPS.get(ending_quality or "", None)
    if cap is not None and GRADES.index(grade) > GRADES.index(cap):
        grade = cap
    return grade


def grade_at_least(grade: str, floor: str) -> bool:
    return GRADES.index(grade) >= GRADES.index(floor)  # type: ignore[arg-type]
