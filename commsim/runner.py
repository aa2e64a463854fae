"""Run a consultation from a script of answers, and describe the result as JSON.

This is the headless face of the engine plus the scorer: ``commsim play
--script``, ``commsim test`` and the tests all go through ``run_script``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from commsim.engine import Consultation, Reply
from commsim.library import Library
from commsim.model import Scenario
from commsim.scoring import AttemptScore, score_attempt


@dataclass
class ScriptRun:
    """A finished (or abandoned) scripted run: the consultation, its replies and its score."""

    consultation: Consultation
    replies: list[Reply]
    score: AttemptScore

    def to_json(self) -> dict[str, object]:
        """The ``play --script --json`` contract of DESIGN.md."""
        consultation = self.consultation
        turns: list[dict[str, object]] = []
        learner_index = 0
        for turn in consultation.turns:
            item: dict[str, object] = {"speaker": turn.speaker, "text": turn.text, "node": turn.node}
            if turn.speaker == "learner":
                by_rubric = self.score.criteria_met_in_turn(learner_index)
                met = list(dict.fromkeys(cid for ids in by_rubric.values() for cid in ids))
                item.update(
                    intent=turn.intent,
                    confidence=turn.confidence,
                    criteria_met=met,
                    criteria_met_by_rubric=by_rubric,
                )
                learner_index += 1
            turns.append(item)
        return {
            "scenario": consultation.scenario.id,
            "ending": consultation.ending_id,
            "ending_quality": consultation.ending_quality,
            "path": consultation.path,
            "state": consultation.state,
            "turns": turns,
            "rubrics": self.score.to_json(),
            "grade": self.score.grade,
        }


def learner_answers(consultation: Consultation) -> list[tuple[str, str | None]]:
    """Each learner answer with what the counterpart said just before it."""
    answers = []
    previous: str | None = None
    for turn in consultation.turns:
        if turn.speaker == "learner":
            answers.append((turn.text, previous))
        else:
            previous = turn.text
    return answers


def run_script(library: Library, scenario: Scenario, lines: Iterable[str]) -> ScriptRun:
    """Play ``lines`` (blank ones skipped) through ``scenario`` and score the attempt."""
    consultation = Consultation(scenario)
    replies = []
    for line in lines:
        if consultation.finished:
            break
        if not line.strip():
            continue
        replies.append(consultation.respond(line))
    score = score_attempt(library.scorer, scenario.rubrics, learner_answers(consultation), consultation.ending_quality)
    return ScriptRun(consultation, replies, score)
